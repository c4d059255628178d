package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.data.DataLocation;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

class DeepMimicFormatTest {
    /** humanoid3d's joint types in its order; offsets are simple round numbers of our own. */
    private static final String[] TYPES = {"none", "spherical", "spherical", "spherical", "revolute", "spherical", "spherical",
        "revolute", "fixed", "spherical", "revolute", "spherical", "spherical", "revolute", "fixed"};
    private static final double[][] ATTACH = {{0, 0, 0}, {0, 0.2, 0}, {0, 0.2, 0}, {0, 0, 0.1}, {0, -0.4, 0}, {0, -0.4, 0},
        {0, 0.2, 0.2}, {0, -0.3, 0}, {0, -0.25, 0}, {0, 0, -0.1}, {0, -0.4, 0}, {0, -0.4, 0}, {0, 0.2, -0.2}, {0, -0.3, 0},
        {0, -0.25, 0}};
    private static final int RIGHT_KNEE = 4;
    private static final int RIGHT_ANKLE = 5;

    @TempDir
    Path dir;

    @Test
    void forwardKinematicsTurnsKneesAboutZAndTheRootByItsQuaternion() throws IOException {
        double h = Math.sqrt(0.5);
        Path motion = motionInDeepMimicLayout("none", List.of(
                row(0.05, new double[] {1, 0.9, 0}, new double[] {1, 0, 0, 0}, -Math.PI / 2),
                row(0.05, new double[] {0, 1, 0}, new double[] {h, 0, h, 0}, 0)));
        Motion3d m = Formats.read(motion, ReadOptions.DEFAULTS).motions().get("humanoid3d_test");
        assertThat(m.layout()).isEqualTo(Layout.DEEPMIMIC15);
        assertThat(m.fps()).isEqualTo(20.0);
        assertThat(m.frames()).isEqualTo(2);
        // knee at hip (1, 0.9, 0.1) − 0.4 y; a −90° turn about z sends the shank (0, −0.4, 0) backwards to (−0.4, 0, 0)
        assertPosition(m, 0, RIGHT_KNEE, 1, 0.5, 0.1);
        assertPosition(m, 0, RIGHT_ANKLE, 0.6, 0.5, 0.1);
        // root turned 90° about y: the right hip offset (0, 0, 0.1) goes to (0.1, 0, 0)
        assertPosition(m, 1, 3, 0.1, 1, 0);
        assertPosition(m, 1, RIGHT_ANKLE, 0.1, 0.2, 0);
        // and the left shoulder's (0, 0.2, −0.2) to (−0.2, 0.2, 0)
        assertPosition(m, 1, Layout.DEEPMIMIC15.indexOf("left_wrist"), -0.2, 0.85, 0);
        assertThat(m.provenance().get("character")).isEqualTo(dir.resolve("characters/humanoid3d.txt").toString());
    }

    @Test
    void unevenDurationsAreResampledToTheDominantRateBySlerp() throws IOException {
        double[] q = {1, 0, 0, 0};
        Path motion = motionInDeepMimicLayout("wrap", List.of(row(0.1, new double[] {0, 1, 0}, q, 0),
                row(0.2, new double[] {1, 1, 0}, q, -0.2), row(0.1, new double[] {2, 1, 0}, q, -0.6),
                row(0, new double[] {3, 1, 0}, q, -0.8)));
        Motion3d m = Formats.read(motion, ReadOptions.DEFAULTS).motions().values().iterator().next();
        // rows at t = 0, 0.1, 0.3, 0.4 s; the dominant 0.1 s gives 10 fps and frames at 0, 0.1, ..., 0.4 s
        assertThat(m.fps()).isEqualTo(10.0);
        assertThat(m.frames()).isEqualTo(5);
        double[] rootX = {0, 1, 1.5, 2, 3};
        double[] knee = {0, -0.2, -0.4, -0.6, -0.8};
        for (int f = 0; f < 5; f++) {
            assertThat(m.get(f, 0, 0)).isCloseTo((float) rootX[f], within(1e-6f));
            double dx = m.get(f, RIGHT_ANKLE, 0) - m.get(f, RIGHT_KNEE, 0);
            double dy = m.get(f, RIGHT_ANKLE, 1) - m.get(f, RIGHT_KNEE, 1);
            // the shank (0, −l, 0) turned by θ about z is (l sin θ, −l cos θ, 0)
            assertThat(Math.atan2(dx, -dy)).as("knee angle at frame %d", f).isCloseTo(knee[f], within(1e-6));
        }
        assertThat(m.provenance().get("loop")).isEqualTo("wrap");
    }

    @Test
    void aMotionWithoutItsCharacterOrWithAWrongRowIsRefusedByName() throws IOException {
        Path lone = dir.resolve("lone/humanoid3d_walk.txt");
        Files.createDirectories(lone.getParent());
        Files.writeString(lone, "{\n\"Loop\": \"wrap\",\n\"Frames\": [[0.1, 0, 1, 0, 1, 0, 0, 0]]}");
        assertThat(Formats.recognise(lone)).isInstanceOf(DeepMimicFormat.class);
        assertThatThrownBy(() -> Formats.read(lone, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(lone.toString()).hasMessageContaining("humanoid3d.txt");

        Path shortRow = motionInDeepMimicLayout("wrap", List.of(row(0.1, new double[] {0, 1, 0}, new double[] {1, 0, 0, 0}, 0)));
        Files.writeString(shortRow, Files.readString(shortRow).replace("]\n]", ", 7]\n]"));
        assertThatThrownBy(() -> Formats.read(shortRow, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageStartingWith(shortRow.toString()).hasMessageContaining("frame 0 has 45 values");

        Files.writeString(shortRow, "{\"Loop\": \"wrap\", \"Frames\": [[0.1, 0, 1,");
        assertThatThrownBy(() -> Formats.read(shortRow, ReadOptions.DEFAULTS, "deepmimic")).isInstanceOf(PosettaException.class)
                .hasMessageStartingWith(shortRow.toString()).hasMessageContaining("not valid JSON");
    }

    @Test
    void realWalkBendsKneesForwardAndKeepsFeetBelowThePelvis() throws IOException {
        Path walk = DataLocation.root().resolve("deepmimic/motions/humanoid3d_walk.txt");
        Assumptions.assumeTrue(Files.isRegularFile(walk), "DeepMimic data not found under " + DataLocation.root());
        for (String clip : new String[] {"walk", "run", "long_walk1"}) {
            Path file = walk.resolveSibling("humanoid3d_" + clip + ".txt");
            Motion3d m = Formats.read(file, ReadOptions.DEFAULTS).motions().values().iterator().next();
            assertThat(m.layout()).isEqualTo(Layout.DEEPMIMIC15);
            int forwardBends = 0;
            int bent = 0;
            for (int t = 0; t < m.frames(); t++) {
                // facing: (left hip − right hip) × up, horizontal
                double[] lr = sub(m, t, Layout.DEEPMIMIC15.indexOf("left_hip"), Layout.DEEPMIMIC15.indexOf("right_hip"));
                double[] forward = {-lr[2], 0, lr[0]};
                for (String side : new String[] {"right_", "left_"}) {
                    int hip = Layout.DEEPMIMIC15.indexOf(side + "hip");
                    int knee = Layout.DEEPMIMIC15.indexOf(side + "knee");
                    int ankle = Layout.DEEPMIMIC15.indexOf(side + "ankle");
                    double[] thigh = sub(m, t, hip, knee);
                    double[] shank = sub(m, t, ankle, knee);
                    double inner = Math.toDegrees(Math.acos(dot(thigh, shank) / Math.sqrt(dot(thigh, thigh) * dot(shank, shank))));
                    assertThat(inner).as("%s %s knee at frame %d", clip, side, t).isBetween(60.0, 180.0);
                    assertThat(m.get(t, ankle, 1)).isLessThan(m.get(t, 0, 1));
                    if (inner < 165) {
                        bent++;
                        double[] mid = {(m.get(t, hip, 0) + m.get(t, ankle, 0)) / 2, 0, (m.get(t, hip, 2) + m.get(t, ankle, 2)) / 2};
                        double[] out = {m.get(t, knee, 0) - mid[0], 0, m.get(t, knee, 2) - mid[2]};
                        forwardBends += dot(out, forward) > 0 ? 1 : 0;
                    }
                }
            }
            assertThat(bent).as(clip).isGreaterThan(m.frames() / 4);
            assertThat(forwardBends).as("%s knees in front of the hip-ankle line", clip).isEqualTo(bent);
        }
    }

    private static double[] sub(Motion3d m, int t, int a, int b) {
        return new double[] {m.get(t, a, 0) - m.get(t, b, 0), m.get(t, a, 1) - m.get(t, b, 1), m.get(t, a, 2) - m.get(t, b, 2)};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static void assertPosition(Motion3d m, int t, int j, double x, double y, double z) {
        assertThat(new float[] {m.get(t, j, 0), m.get(t, j, 1), m.get(t, j, 2)}).as("joint %d frame %d", j, t)
                .containsExactly(new float[] {(float) x, (float) y, (float) z}, within(1e-6f));
    }

    /** A row with identity joint rotations except the right knee; elbows and left knee at 0. */
    private static double[] row(double duration, double[] root, double[] rootQuat, double rightKnee) {
        List<Double> v = new ArrayList<>(List.of(duration, root[0], root[1], root[2], rootQuat[0], rootQuat[1], rootQuat[2],
                rootQuat[3]));
        for (int j = 1; j < TYPES.length; j++) {
            switch (TYPES[j]) {
                case "spherical" -> v.addAll(List.of(1.0, 0.0, 0.0, 0.0));
                case "revolute" -> v.add(j == RIGHT_KNEE ? rightKnee : 0.0);
                default -> { }
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Writes {@code motions/humanoid3d_test.txt} and {@code characters/humanoid3d.txt} as DeepMimic lays them out. */
    private Path motionInDeepMimicLayout(String loop, List<double[]> rows) throws IOException {
        StringBuilder c = new StringBuilder("{\"Skeleton\": {\"Joints\": [");
        for (int j = 0; j < TYPES.length; j++) {
            c.append(j > 0 ? ",\n" : "\n").append(String.format(Locale.ROOT,
                    "{\"ID\": %d, \"Name\": \"%s\", \"Type\": \"%s\", \"Parent\": %d, \"AttachX\": %s, \"AttachY\": %s,"
                            + " \"AttachZ\": %s, \"AttachThetaX\": 0, \"AttachThetaY\": 0, \"AttachThetaZ\": 0}",
                    j, Layout.DEEPMIMIC15.joint(j), TYPES[j], Layout.DEEPMIMIC15.parent(j), ATTACH[j][0], ATTACH[j][1], ATTACH[j][2]));
        }
        Files.createDirectories(dir.resolve("characters"));
        Files.writeString(dir.resolve("characters/humanoid3d.txt"), c.append("]}}").toString());
        String frames = rows.stream().map(r -> Arrays.stream(r).mapToObj(Double::toString)
                .collect(Collectors.joining(", ", "[", "]"))).collect(Collectors.joining(",\n"));
        Path motion = dir.resolve("motions/humanoid3d_test.txt");
        Files.createDirectories(motion.getParent());
        Files.writeString(motion, "{\n\"Loop\": \"" + loop + "\",\n\"Frames\":\n[\n" + frames + "\n]\n}\n");
        return motion;
    }
}
