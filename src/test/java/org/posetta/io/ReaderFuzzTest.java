package org.posetta.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Every reader of {@code org.posetta.io} on arbitrary bytes: it returns a pose file or throws a
 * {@link org.posetta.pose.PosettaException}; any other exception, a hang or running out of memory
 * is a finding. {@code mvn verify} replays the seeds and past findings in
 * {@code ReaderFuzzTestInputs/<method>/}; {@code scripts/fuzz.sh} fuzzes each method for a set time.
 */
class ReaderFuzzTest {
    /** Three frames of the bundled DeepMimic walk, for fuzzing the character file against. */
    private static final byte[] WALK = firstFrames(3);

    @FuzzTest
    void npy(byte[] bytes) {
        FuzzInputs.read(FuzzInputs.file("in.npy", bytes), "npy");
    }

    @FuzzTest
    void npz(byte[] bytes) {
        FuzzInputs.read(FuzzInputs.file("in.npz", bytes), "npz");
    }

    @FuzzTest
    void h36mNpz(byte[] bytes) {
        FuzzInputs.read(FuzzInputs.file("data_3d_h36m.npz", bytes), "h36m-npz");
    }

    /** The pickle inside an object array, without the {@code .npy} header around it. */
    @FuzzTest
    void pickle(byte[] bytes) {
        FuzzInputs.expectPosettaOrNothing(() -> {
            try {
                NumpyPickle.load(new ByteArrayInputStream(bytes), "fuzz.pkl", ArrayBudget.ofSourceBytes(bytes.length));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @FuzzTest
    void json(byte[] bytes) {
        FuzzInputs.read(FuzzInputs.file("in.json", bytes), "json");
    }

    @FuzzTest
    void csv(byte[] bytes) {
        FuzzInputs.read(FuzzInputs.file("in.csv", bytes), "csv");
    }

    @FuzzTest
    void bvh(byte[] bytes) {
        FuzzInputs.read(FuzzInputs.file("in.bvh", bytes), "bvh");
    }

    @FuzzTest
    void trc(byte[] bytes) {
        FuzzInputs.read(FuzzInputs.file("in.trc", bytes), "trc");
    }

    @FuzzTest
    void deepMimicMotion(byte[] bytes) {
        Path motion = FuzzInputs.file("motions/humanoid3d_walk.txt", bytes);
        FuzzInputs.resource("/demo/humanoid3d.txt", motion.getParent().resolveSibling("characters/humanoid3d.txt"));
        FuzzInputs.read(motion, "deepmimic");
    }

    @FuzzTest
    void deepMimicCharacter(byte[] bytes) {
        Path character = FuzzInputs.file("characters/humanoid3d.txt", bytes);
        Path motion = FuzzInputs.write(character.getParent().resolveSibling("motions/humanoid3d_walk.txt"), WALK);
        FuzzInputs.read(motion, "deepmimic");
    }

    @FuzzTest
    void openPose(byte[] bytes) {
        Path frame = FuzzInputs.file("clip/clip_000000000000_keypoints.json", bytes);
        FuzzInputs.read(frame.getParent(), "openpose");
    }

    @FuzzTest
    void alphaPose(byte[] bytes) {
        FuzzInputs.read(FuzzInputs.file("alphapose-results.json", bytes), "alphapose");
    }

    @FuzzTest
    void coco(byte[] bytes) {
        FuzzInputs.read(FuzzInputs.file("person_keypoints.json", bytes), "coco");
    }

    @FuzzTest
    void mmpose(byte[] bytes) {
        FuzzInputs.read(FuzzInputs.file("results.json", bytes), "mmpose");
    }

    @FuzzTest
    void mediaPipe(byte[] bytes) {
        FuzzInputs.read(FuzzInputs.file("landmarks.json", bytes), "mediapipe");
    }

    private static byte[] firstFrames(int n) {
        try (var in = ReaderFuzzTest.class.getResourceAsStream("/demo/humanoid3d_long_walk1.txt")) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode clip = (ObjectNode) json.readTree(in);
            ArrayNode frames = json.createArrayNode();
            for (int i = 0; i < n; i++) {
                frames.add(clip.get("Frames").get(i));
            }
            clip.set("Frames", frames);
            return json.writeValueAsBytes(clip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
