package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.data.DataLocation;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PoseChecks;
import org.posetta.pose.PosettaException;

class BvhFormatTest {
    private static final String TWO_BONES = """
            HIERARCHY
            ROOT root
            {
              OFFSET 0 0 0
              CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
              JOINT child
              {
                OFFSET 1 0 0
                CHANNELS 3 Zrotation Xrotation Yrotation
                End Site
                {
                  OFFSET 0 2 0
                }
              }
            }
            MOTION
            Frames: 4
            Frame Time: 0.04
            0 0 0  0 0 0   0 0 0
            10 20 30  90 0 0   0 0 0
            0 0 0  0 0 0   90 90 0
            0 0 0  0 0 90   0 0 0
            """;

    @TempDir
    Path dir;

    @Test
    void forwardKinematicsGivesHandComputedPositions() throws IOException {
        BvhClip clip = BvhClip.read(write("two.bvh", TWO_BONES));
        assertThat(clip.frames()).isEqualTo(4);
        assertThat(clip.frameTime()).isEqualTo(0.04);
        assertThat(clip.joints()).extracting(BvhClip.Joint::name).containsExactly("root", "child", "child/End Site");
        // rest: root at the origin, child one unit along x, its end two units above it
        assertThat(clip.positions(0)).containsExactly(new double[] {0, 0, 0, 1, 0, 0, 1, 2, 0}, within(1e-12));
        // root moved to (10, 20, 30) and turned 90° about z: x → y, y → −x
        assertThat(clip.positions(1)).containsExactly(new double[] {10, 20, 30, 10, 21, 30, 8, 21, 30}, within(1e-12));
        // child channels Z=90, X=90: R = Rz·Rx takes the end offset (0, 2, 0) to (0, 0, 2)
        assertThat(clip.positions(2)).containsExactly(new double[] {0, 0, 0, 1, 0, 0, 1, 0, 2}, within(1e-12));
        // root Yrotation 90 takes the child offset (1, 0, 0) to (0, 0, −1)
        assertThat(clip.positions(3)).containsExactly(new double[] {0, 0, 0, 0, 0, -1, 0, 2, -1}, within(1e-12));
        assertThat(clip.restSpan()).isEqualTo(3.0);
    }

    @Test
    void positionChannelsReplaceTheOffset() throws IOException {
        String text = TWO_BONES.replace("CHANNELS 3 Zrotation Xrotation Yrotation",
                "CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation")
                .replace("0 0 0  0 0 0   0 0 0\n10", "0 0 0  0 0 0   0 3 0 0 0 0\n10")
                .replace("10 20 30  90 0 0   0 0 0", "10 20 30  90 0 0   1 0 0 0 0 0")
                .replace("0 0 0  0 0 0   90 90 0", "0 0 0  0 0 0   1 0 0 90 90 0")
                .replace("0 0 0  0 0 90   0 0 0", "0 0 0  0 0 90   1 0 0 0 0 0");
        BvhClip clip = BvhClip.read(write("pos.bvh", text));
        assertThat(clip.positions(0)).containsExactly(new double[] {0, 0, 0, 0, 3, 0, 0, 5, 0}, within(1e-12));
        assertThat(clip.positions(1)).containsExactly(new double[] {10, 20, 30, 10, 21, 30, 8, 21, 30}, within(1e-12));
    }

    @Test
    void readsAKnownSkeletonAndInfersItsUnit() throws IOException {
        for (Object[] unit : new Object[][] {{1.0, "metres"}, {100.0, "centimetres"}, {1 / 0.0254, "inches"},
            {1000.0, "millimetres"}}) {
            double k = (double) unit[0];
            Path file = write("h36m-" + unit[1] + ".bvh", h36mBvh(k));
            PoseFile pf = Formats.read(file, ReadOptions.DEFAULTS);
            assertThat(pf.format()).isEqualTo("bvh");
            Motion3d m = pf.motions().get("h36m-" + unit[1]);
            assertThat(m.layout()).isEqualTo(Layout.H36M17);
            assertThat(m.fps()).isEqualTo(25.0);
            assertThat(m.provenance().get("units")).isEqualTo(unit[1]);
            // pelvis at the root position (0, 1, 0) m, then the head 0.5 m above the thorax at 1.5 m
            assertThat(m.get(0, 0, 1)).isCloseTo(1f, within(1e-5f));
            assertThat(m.get(0, 10, 1)).isCloseTo(2f, within(1e-5f));
            assertThat(m.get(0, 13, 0)).isCloseTo(0.75f, within(1e-5f));
        }
        assertThat(Formats.recognise(write("noext", h36mBvh(1)))).isInstanceOf(BvhFormat.class);
    }

    @Test
    void anUnknownSkeletonIsRefusedWithTheExpectedJointNames() throws IOException {
        Path file = write("two.bvh", TWO_BONES);
        assertThatThrownBy(() -> Formats.read(file, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("joint_Root, Hips").hasMessageContaining("root, child");
        assertThatThrownBy(() -> Formats.read(file, ReadOptions.DEFAULTS.withLayout(Layout.BANDAI22)))
                .isInstanceOf(PosettaException.class).hasMessageContaining("lacks the joints joint_Root");
    }

    @Test
    void malformedOrTruncatedFilesNameTheFileAndLine() throws IOException {
        String[][] cases = {
            {TWO_BONES.substring(0, TWO_BONES.indexOf("10 20 30")), "line 19", "after 1 of the 4 frames"},
            {TWO_BONES.substring(0, TWO_BONES.indexOf("JOINT child") + 11), "line 6", "truncated"},
            {TWO_BONES.replace("Zrotation Xrotation Yrotation\n    End", "Zrotation Xrot Yrotation\n    End"), "line 9", "Xrot"},
            {TWO_BONES.replace("10 20 30  90", "10 20 abc  90"), "line 20", "'abc' is not a finite number"},
            {TWO_BONES.replace("0 0 0  0 0 90   0 0 0", "0 0 0  0 0 90   0 0 0 7"), "line 22", "10 values"},
            {TWO_BONES + "1 2 3 4 5 6 7 8 9\n", "line 23", "more frames"},
            {TWO_BONES.replace("HIERARCHY", "HIERARCHIE"), "line 1", "HIERARCHY"},
            {TWO_BONES.replace("OFFSET 1 0 0", "OFFSET 1 0"), "line 9", "CHANNELS"},
            {TWO_BONES.replace("Frame Time: 0.04", "Frame Time: 0"), "line 18", "positive"},
            {"", "line 0", "truncated"},
        };
        for (String[] c : cases) {
            Path file = write("bad.bvh", c[0]);
            assertThatThrownBy(() -> Formats.read(file, ReadOptions.DEFAULTS)).as(c[2]).isInstanceOf(PosettaException.class)
                    .hasMessageStartingWith(file.toString()).hasMessageContaining(c[1]).hasMessageContaining(c[2]);
        }
    }

    @Test
    void bandaiBonesKeepTheirLengthThroughEveryFrame() throws IOException {
        Path folder = DataLocation.root().resolve("bandai/data");
        Assumptions.assumeTrue(Files.isDirectory(folder), "Bandai-Namco data not found under " + DataLocation.root());
        List<String> clips = List.of("dataset-1_walk_normal_001", "dataset-1_dash_tired_001", "dataset-1_kick_normal_001",
                "dataset-1_dance-short_normal_001", "dataset-1_bow_giant_001");
        for (String name : clips) {
            Path file = folder.resolve(name + ".bvh");
            // Layout.BANDAI22 is exactly the files' joints, in file order, with the files' parents
            List<BvhClip.Joint> nodes = BvhClip.read(file).joints();
            List<BvhClip.Joint> joints = nodes.stream().filter(j -> !j.endSite()).toList();
            assertThat(joints).extracting(BvhClip.Joint::name).containsExactlyElementsOf(Layout.BANDAI22.joints());
            for (int j = 0; j < joints.size(); j++) {
                int p = joints.get(j).parent();
                assertThat(p < 0 ? -1 : Layout.BANDAI22.indexOf(nodes.get(p).name())).isEqualTo(Layout.BANDAI22.parent(j));
            }
            Motion3d m = Formats.read(file, ReadOptions.DEFAULTS).motions().get(name);
            assertThat(m.layout()).isEqualTo(Layout.BANDAI22);
            assertThat(m.fps()).isEqualTo(30.0);
            assertThat(m.provenance().get("units")).isEqualTo("centimetres");
            try (Stream<String> lines = Files.lines(file)) {
                int declared = lines.filter(s -> s.startsWith("Frames:")).mapToInt(s -> Integer.parseInt(s.substring(7).trim()))
                        .findFirst().orElseThrow();
                assertThat(m.frames()).isEqualTo(declared);
            }
            int root = Layout.BANDAI22.indexOf("joint_Root");
            for (int[] bone : Layout.BANDAI22.bones()) {
                if (bone[1] == root) {
                    continue; // joint_Root is the floor point under the body, not a bone
                }
                double[] stats = PoseChecks.lengthMeanStd(m, bone[0], bone[1]);
                assertThat(stats[1]).as(name + " " + Layout.BANDAI22.joint(bone[0])).isLessThan(0.001);
                assertThat(stats[0]).isBetween(0.04, 0.5);
            }
            // upright, Y up: the head is over 1.1 m above the lowest toe in some frame
            int head = Layout.BANDAI22.indexOf("Head");
            int toe = Layout.BANDAI22.indexOf("Toes_L");
            double tallest = 0;
            for (int t = 0; t < m.frames(); t++) {
                tallest = Math.max(tallest, m.get(t, head, 1) - m.get(t, toe, 1));
            }
            assertThat(tallest).as(name).isBetween(1.1, 1.8);
        }
        String shin = String.format(Locale.ROOT, "%.4f", PoseChecks.lengthMeanStd(Formats.read(folder.resolve(clips.get(0) + ".bvh"),
                ReadOptions.DEFAULTS).motions().get(clips.get(0)), Layout.BANDAI22.indexOf("Foot_L"),
                Layout.BANDAI22.indexOf("LowerLeg_L"))[0]);
        assertThat(shin).isEqualTo("0.4099"); // the file's OFFSET 40.9854 cm
    }

    /**
     * A one-frame H36M-17 skeleton, offsets in metres times {@code k}: pelvis at (0, 1, 0) m, legs
     * down, spine up to the thorax at 1.5 m, head 0.5 m above it, arms out along ±x 0.25 m each.
     */
    private static String h36mBvh(double k) {
        StringBuilder b = new StringBuilder("HIERARCHY\n");
        int[] parents = Layout.H36M17.parents();
        double[][] offsets = {{0, 0, 0}, {-0.1, 0, 0}, {0, -0.45, 0}, {0, -0.45, 0}, {0.1, 0, 0}, {0, -0.45, 0},
            {0, -0.45, 0}, {0, 0.25, 0}, {0, 0.25, 0}, {0, 0.25, 0}, {0, 0.25, 0}, {0.25, 0, 0}, {0.25, 0, 0}, {0.25, 0, 0},
            {-0.25, 0, 0}, {-0.25, 0, 0}, {-0.25, 0, 0}};
        appendJoint(b, 0, parents, offsets, k, "");
        b.append("MOTION\nFrames: 1\nFrame Time: 0.04\n").append(0).append(' ').append(k).append(" 0");
        for (int j = 0; j < 17; j++) {
            b.append(" 0 0 0");
        }
        return b.append('\n').toString();
    }

    private static void appendJoint(StringBuilder b, int j, int[] parents, double[][] offsets, double k, String indent) {
        b.append(indent).append(j == 0 ? "ROOT " : "JOINT ").append(Layout.H36M17.joint(j)).append('\n').append(indent).append("{\n");
        b.append(indent).append("  OFFSET ").append(offsets[j][0] * k).append(' ').append(offsets[j][1] * k).append(' ')
                .append(offsets[j][2] * k).append('\n');
        b.append(indent).append(j == 0 ? "  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation\n"
                : "  CHANNELS 3 Zrotation Xrotation Yrotation\n");
        boolean leaf = true;
        for (int c = 0; c < parents.length; c++) {
            if (parents[c] == j) {
                appendJoint(b, c, parents, offsets, k, indent + "  ");
                leaf = false;
            }
        }
        if (leaf) {
            b.append(indent).append("  End Site\n").append(indent).append("  {\n").append(indent).append("    OFFSET 0 0 0\n")
                    .append(indent).append("  }\n");
        }
        b.append(indent).append("}\n");
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
