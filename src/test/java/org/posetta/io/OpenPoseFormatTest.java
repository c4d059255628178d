package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.PosettaException;

class OpenPoseFormatTest {
    @TempDir
    Path dir;

    /** A standing person: joint j at (x0 + 2j mod 40, y0 + 10j), confidence c (0 for joint 3). */
    private static double[] person(int joints, double x0, double y0, double c) {
        double[] kp = new double[joints * 3];
        for (int j = 0; j < joints; j++) {
            kp[3 * j] = x0 + (2 * j) % 40;
            kp[3 * j + 1] = y0 + 10 * j;
            kp[3 * j + 2] = j == 3 ? 0 : c;
        }
        return kp;
    }

    private void frame(String name, double[]... people) throws IOException {
        StringBuilder b = new StringBuilder("{\"version\":1.3,\"people\":[");
        for (int p = 0; p < people.length; p++) {
            b.append(p > 0 ? "," : "").append("{\"person_id\":[-1],\"pose_keypoints_2d\":[");
            for (int i = 0; i < people[p].length; i++) {
                b.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.3f", people[p][i]));
            }
            b.append("],\"face_keypoints_2d\":[]}");
        }
        Files.writeString(dir.resolve(name), b.append("]}").toString());
    }

    @Test
    void followsTheMainPersonWhenPeopleSwapListOrderAndLeavesEmptyFramesMissing() throws IOException {
        // the main person walks right 5 px a frame; a smaller bystander stands at x = 400
        double[][] main = new double[6][];
        for (int f = 0; f < 6; f++) {
            main[f] = person(25, 100 + 5 * f, 50, 0.9);
        }
        double[] bystander = person(25, 400, 200, 0.95);
        for (int j = 12; j < 25; j++) {
            bystander[3 * j + 2] = 0; // half hidden, so smaller and less confident in total
        }
        frame("clip_000000000000_keypoints.json", main[0], bystander);
        frame("clip_000000000001_keypoints.json", bystander, main[1]);
        frame("clip_000000000002_keypoints.json");
        frame("clip_000000000003_keypoints.json", bystander, main[3]);
        // then the bystander steps out fully and would now win on size and confidence: still the main person
        double[] whole = person(25, 400, 200, 1.0);
        frame("clip_000000000004_keypoints.json", main[4], whole);
        frame("clip_000000000005_keypoints.json", whole, main[5]);

        PoseFile pf = Formats.read(dir, ReadOptions.DEFAULTS);
        assertThat(pf.format()).isEqualTo("openpose");
        Keypoints2d k = pf.keypoints().get(dir.getFileName().toString());
        assertThat(k.layout()).isEqualTo(Layout.BODY25);
        assertThat(k.frames()).isEqualTo(6);
        assertThat(k.fps()).isEqualTo(30.0);
        for (int f : new int[] {0, 1, 3, 4, 5}) {
            assertThat(k.get(f, 0, 0)).as("frame %d", f).isEqualTo(100f + 5 * f);
            assertThat(k.get(f, 24, 1)).isEqualTo(50f + 240);
            assertThat(k.confidence(f, 24)).isEqualTo(0.9f);
            assertThat(k.isValid(f, 3)).isFalse();
        }
        for (int j = 0; j < 25; j++) {
            assertThat(k.confidence(2, j)).isZero();
        }
        // image size from every person's confident joints: the bystander's joints reach (438, 440)
        assertThat(k.width()).isEqualTo(439);
        assertThat(k.height()).isEqualTo(441);
    }

    @Test
    void sortsFramesByTheNumberInTheNameAndTakesRateAndSizeFromOptions() throws IOException {
        frame("f_10_keypoints.json", person(18, 30, 0, 0.5));
        frame("f_2_keypoints.json", person(18, 20, 0, 0.5));
        frame("f_1_keypoints.json", person(18, 10, 0, 0.5));
        Files.writeString(dir.resolve("notes.json"), "not a frame");
        Keypoints2d k = Formats.read(dir, ReadOptions.DEFAULTS.withFps(25).withImageSize(1920, 1080)).keypoints().values()
                .iterator().next();
        assertThat(k.layout()).isEqualTo(Layout.COCO18);
        assertThat(k.frames()).isEqualTo(3);
        assertThat(new float[] {k.get(0, 0, 0), k.get(1, 0, 0), k.get(2, 0, 0)}).containsExactly(10f, 20f, 30f);
        assertThat(k.fps()).isEqualTo(25.0);
        assertThat(k.width()).isEqualTo(1920);
        assertThat(k.height()).isEqualTo(1080);
        assertThat(Formats.recognise(dir)).isInstanceOf(OpenPoseFormat.class);
    }

    @Test
    void badFoldersAndFilesAreNamed() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> Formats.read(empty, ReadOptions.DEFAULTS, "openpose")).isInstanceOf(PosettaException.class)
                .hasMessageStartingWith(empty.toString()).hasMessageContaining("no *_keypoints.json");

        Path nobody = Files.createDirectory(dir.resolve("nobody"));
        Files.writeString(nobody.resolve("a_0_keypoints.json"), "{\"people\":[]}");
        assertThatThrownBy(() -> Formats.read(nobody, ReadOptions.DEFAULTS, "openpose")).isInstanceOf(PosettaException.class)
                .hasMessageStartingWith(nobody.toString()).hasMessageContaining("no person");

        Path broken = Files.createDirectory(dir.resolve("broken"));
        Files.writeString(broken.resolve("a_0_keypoints.json"), "{\"people\":[\n{\"pose_keypoints_2d\":[1,2,");
        assertThatThrownBy(() -> Formats.read(broken, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageStartingWith(broken.resolve("a_0_keypoints.json").toString()).hasMessageContaining("line 2");

        Path odd = Files.createDirectory(dir.resolve("odd"));
        Files.writeString(odd.resolve("a_0_keypoints.json"), "{\"people\":[{\"pose_keypoints_2d\":[1,2,1,3,4,1]}]}");
        assertThatThrownBy(() -> Formats.read(odd, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageStartingWith(odd.resolve("a_0_keypoints.json").toString()).hasMessageContaining("6 numbers");
    }
}
