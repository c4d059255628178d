package org.posetta.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PoseChecks;

class BandaiTest {
    private static final Layout H = Layout.H36M17;
    private static Bandai bandai;

    @BeforeAll
    static void open() {
        Optional<Bandai> found = Bandai.find();
        Assumptions.assumeTrue(found.isPresent(), "Bandai-Namco data not found under " + DataLocation.root());
        bandai = found.get();
    }

    @Test
    void listsEveryClipWithTheLabelsItsNameSpells() {
        assertThat(bandai.contents()).hasSize(17).startsWith("walk", "run", "dash").contains("dance-long", "kick");
        assertThat(bandai.styles()).hasSize(15).startsWith("normal", "happy").contains("chimpira", "not-confident");
        // 175 in the original release, one (dance-long_normal_001) missing from this copy
        assertThat(bandai.clips()).hasSize(174);
        for (Bandai.Clip c : bandai.clips()) {
            assertThat(c.name()).startsWith("dataset-1_" + c.content() + "_" + c.style() + "_");
        }
    }

    @Test
    void clipsLoadAsHumanH36mPosesThatWalkForwards() {
        List<Bandai.Clip> sample = bandai.clips().stream()
                .filter(c -> c.style().equals("normal") || c.style().equals("giant") && c.content().equals("walk")).toList();
        assertThat(sample).hasSizeGreaterThan(15);
        for (Bandai.Clip c : sample) {
            Motion3d m = bandai.load(c);
            assertThat(m.layout()).isEqualTo(H);
            assertThat(m.fps()).isEqualTo(30.0);
            assertThat(m.invalidCount()).isZero();
            assertThat(m.provenance().get("content")).isEqualTo(c.content());
            // measured on the rig: hip 0.068 m from the pelvis (H36M: 0.13), thigh 0.39, shank 0.41
            assertBone(m, "right_hip", 0.06, 0.08, true);
            assertBone(m, "left_knee", 0.35, 0.5, true);
            assertBone(m, "right_ankle", 0.35, 0.5, true);
            assertBone(m, "left_elbow", 0.2, 0.35, true);
            assertBone(m, "right_wrist", 0.18, 0.3, true);
            assertBone(m, "thorax", 0.12, 0.3, true);
            assertBone(m, "neck", 0.08, 0.15, true);
            assertBone(m, "head", 0.08, 0.15, true);
            // these two pass through Bandai's Spine and clavicle joints, so they bend a little
            assertBone(m, "spine", 0.2, 0.3, false);
            assertBone(m, "left_shoulder", 0.09, 0.18, false);
            double tallest = 0;
            for (int t = 0; t < m.frames(); t++) {
                tallest = Math.max(tallest, m.get(t, H.indexOf("head"), 1)
                        - Math.min(m.get(t, H.indexOf("left_ankle"), 1), m.get(t, H.indexOf("right_ankle"), 1)));
            }
            // upright at some point (a dash leans forwards throughout: 1.22 m)
            assertThat(tallest).as(c.name()).isBetween(1.1, 1.7);
            double travel = PoseChecks.forwardTravel(m, H.indexOf("left_hip"), H.indexOf("right_hip"), 0, 1);
            if (c.content().equals("walk") || c.content().equals("run") || c.content().equals("dash")) {
                assertThat(travel).as(c.name() + " moves the way it faces").isGreaterThan(1.0);
            } else if (c.content().equals("walk-back")) {
                assertThat(travel).as(c.name() + " moves backwards").isLessThan(-0.5);
            }
        }
    }

    private static void assertBone(Motion3d m, String child, double min, double max, boolean rigid) {
        int j = H.indexOf(child);
        double[] ms = PoseChecks.lengthMeanStd(m, j, H.parent(j));
        assertThat(ms[0]).as(child).isBetween(min, max);
        assertThat(ms[1]).as(child).isLessThan(rigid ? 0.001 : 0.02);
    }
}
