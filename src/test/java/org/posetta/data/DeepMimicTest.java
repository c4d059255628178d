package org.posetta.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PoseChecks;

class DeepMimicTest {
    private static final Layout H = Layout.H36M17;
    private static DeepMimic deepMimic;

    @BeforeAll
    static void open() {
        Optional<DeepMimic> found = DeepMimic.find();
        Assumptions.assumeTrue(found.isPresent(), "DeepMimic data not found under " + DataLocation.root());
        deepMimic = found.get();
    }

    @Test
    void everyClipLoadsAsAHumanWithTheFramesAndRateTheReadmeLists() {
        assertThat(deepMimic.clips()).extracting(DeepMimic.Clip::name).hasSize(21)
                .contains("walk", "run", "backflip", "dance_spin", "getup_faceup", "long_walk1");
        // frames, rate and duration (s) from data/README.md
        Map<String, double[]> readme = Map.ofEntries(Map.entry("walk", new double[] {39, 30, 1.3}),
                Map.entry("run", new double[] {25, 30, 0.8}), Map.entry("jog", new double[] {26, 30, 0.8}),
                Map.entry("jump", new double[] {107, 60, 1.8}), Map.entry("kick", new double[] {47, 30, 1.5}),
                Map.entry("punch", new double[] {65, 30, 2.1}), Map.entry("cartwheel", new double[] {164, 60, 2.7}),
                Map.entry("spin", new double[] {107, 24, 4.4}), Map.entry("stealthy_walk", new double[] {97, 24, 4.0}),
                Map.entry("zombie_walk", new double[] {102, 60, 1.7}), Map.entry("backflip", new double[] {29, 16, 1.8}),
                Map.entry("dance_spin", new double[] {122, 120, 1.0}),
                Map.entry("long_walk1", new double[] {3936, 120, 32.8}),
                // one row of roll lasts two frames, so 121 rows resample to 122 frames at 60 fps
                Map.entry("roll", new double[] {122, 60, 2.0}));
        for (DeepMimic.Clip c : deepMimic.clips()) {
            Motion3d m = deepMimic.load(c);
            assertThat(m.layout()).isEqualTo(H);
            assertThat(m.invalidCount()).isZero();
            double[] expected = readme.get(c.name());
            if (expected != null) {
                assertThat(m.frames()).as(c.name()).isEqualTo((int) expected[0]);
                assertThat(m.fps()).as(c.name()).isEqualTo(expected[1]);
                assertThat((m.frames() - 1) / m.fps()).as(c.name()).isCloseTo(expected[2], within(0.051));
            }
            double standing = 0;
            for (String bone : new String[] {"right_ankle", "right_knee", "spine", "thorax", "neck", "head"}) {
                double[] ms = PoseChecks.lengthMeanStd(m, H.indexOf(bone), H.parent(H.indexOf(bone)));
                assertThat(ms[1]).as(c.name() + " " + bone).isLessThan(1e-4);
                standing += ms[0];
            }
            assertThat(standing).as(c.name() + " standing height, ankle to head").isBetween(1.4, 2.0);
            assertThat(PoseChecks.lengthMeanStd(m, H.indexOf("left_knee"), H.indexOf("left_hip"))[0]).isBetween(0.3, 0.6);
            assertThat(PoseChecks.lengthMeanStd(m, H.indexOf("right_hip"), 0)[0]).isBetween(0.05, 0.15);
            assertThat(PoseChecks.lengthMeanStd(m, H.indexOf("left_elbow"), H.indexOf("left_shoulder"))[0]).isBetween(0.2, 0.4);
        }
    }

    @Test
    void walkersMoveTheWayTheyFaceWithTheHeadHigh() {
        for (String name : new String[] {"walk", "run", "jog", "long_walk1", "zombie_walk"}) {
            Motion3d m = deepMimic.load(deepMimic.clip(name));
            assertThat(PoseChecks.forwardTravel(m, H.indexOf("left_hip"), H.indexOf("right_hip"), 0, 1)).as(name).isGreaterThan(0.5);
            double tallest = 0;
            for (int t = 0; t < m.frames(); t++) {
                tallest = Math.max(tallest, m.get(t, H.indexOf("head"), 1)
                        - Math.min(m.get(t, H.indexOf("left_ankle"), 1), m.get(t, H.indexOf("right_ankle"), 1)));
            }
            assertThat(tallest).as(name).isBetween(1.35, 1.8);
        }
    }
}
