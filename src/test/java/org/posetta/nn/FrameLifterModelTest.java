package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

class FrameLifterModelTest {
    @TempDir
    Path dir;

    private Path tinyCheckpoint() {
        Path weights = dir.resolve("frame-lifter.safetensors");
        FrameLifter.Architecture a = new FrameLifter.Architecture(32, 1, 0.1);
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            new FrameLifter(p, a, 1);
            Checkpoint.save(weights, p, Map.of("architecture", a.describe(), "date", "test", "licence", "test"));
        }
        return weights;
    }

    @Test
    void liftsAnyLayoutToCameraFrameH36mWithMissingJointsFilledAndSparseFramesInvalid() {
        Random rng = new Random(2);
        int t = 3;
        int j = Layout.COCO17.size();
        float[] uv = new float[t * j * 2];
        float[] c = new float[t * j];
        for (int i = 0; i < t * j; i++) {
            uv[i * 2] = 400 + rng.nextFloat() * 200;
            uv[i * 2 + 1] = 300 + rng.nextFloat() * 400;
            c[i] = 0.9f;
        }
        int leftAnkle = Layout.COCO17.indexOf(Layout.COCO17.joint(15));
        c[j + leftAnkle] = 0; // frame 1 misses the left ankle
        for (int q = 0; q < 12; q++) {
            c[2 * j + q] = 0; // frame 2 keeps 5 of 17 joints
        }
        Keypoints2d k = new Keypoints2d(Layout.COCO17, 30, 1280, 720, uv, c, Provenance.of(Map.of("source", "clip.json")));
        try (FrameLifterModel model = FrameLifterModel.load(tinyCheckpoint())) {
            Motion3d m = model.lift(k);
            assertThat(m.layout()).isEqualTo(Layout.H36M17);
            assertThat(m.coordinateFrame()).isEqualTo(CoordinateFrame.CAMERA);
            assertThat(m.frames()).isEqualTo(3);
            assertThat(m.fps()).isEqualTo(30);
            assertThat(m.isValid(0, 6)).isTrue();
            assertThat(m.isFilled(0, 6)).isFalse();
            assertThat(m.isValid(1, 6)).isTrue();
            assertThat(m.isFilled(1, 6)).as("H36M left ankle from a missing COCO left ankle").isTrue();
            for (int q = 0; q < 17; q++) {
                assertThat(m.isValid(2, q)).isFalse();
            }
            assertThat(m.get(0, 0, 0)).isZero();
            assertThat(m.provenance().get("source")).isEqualTo("clip.json");
            assertThat(m.provenance().get("steps").toString()).contains("frame-lifter");
        }
    }

    @Test
    void refusesMissingOrForeignWeights() throws Exception {
        assertThatThrownBy(() -> FrameLifterModel.load(dir.resolve("none.safetensors"))).isInstanceOf(PosettaException.class)
                .hasMessageContaining("none.safetensors");
        Path weights = tinyCheckpoint();
        Files.writeString(Checkpoint.cardPath(weights), "{\"architecture\": {\"width\": 64, \"blocks\": 1, \"dropout\": 0}}");
        assertThatThrownBy(() -> FrameLifterModel.load(weights)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(weights.toString());
    }
}
