package org.posetta.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;

class WholePersonOcclusionTest {
    private final WholePersonOcclusion occlusion = new WholePersonOcclusion(DutyCycle.OCCLUDED_H36M);

    @Test
    void hidesEveryJointOfHalfTheFramesAndLeavesTheRestUntouched() {
        Keypoints2d clean = Samples.keypoints(1600, 50);
        Occluded<Keypoints2d> r = occlusion.apply(clean, 11);
        boolean[] occluded = r.occludedFrames();
        int count = 0;
        for (int t = 0; t < clean.frames(); t++) {
            count += occluded[t] ? 1 : 0;
            for (int j = 0; j < clean.joints(); j++) {
                assertThat(r.data().isValid(t, j)).isEqualTo(!occluded[t]);
                if (!occluded[t]) {
                    assertThat(r.data().get(t, j, 0)).isEqualTo(clean.get(t, j, 0));
                    assertThat(r.data().get(t, j, 1)).isEqualTo(clean.get(t, j, 1));
                }
            }
        }
        assertThat(count).isEqualTo(800);
        assertThat(r.mask().hiddenCount()).isEqualTo(800 * 17);
    }

    @Test
    void sameSeedSameFramesAndSeedsChangeThePhase() {
        Motion3d clean = Samples.motion(400, 50, CoordinateFrame.CAMERA);
        assertThat(occlusion.apply(clean, 5).occludedFrames()).isEqualTo(occlusion.apply(clean, 5).occludedFrames());
        Set<Integer> firstOccluded = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            boolean[] occ = occlusion.apply(clean, seed).occludedFrames();
            int t = 0;
            while (!occ[t]) {
                t++;
            }
            firstOccluded.add(t);
        }
        assertThat(firstOccluded).hasSizeGreaterThan(5);
    }

    @Test
    void provenanceRecordsModeSettingsSeedAndTheOccludedFrames() {
        Occluded<Motion3d> r = occlusion.apply(Samples.motion(300, 50, CoordinateFrame.CAMERA), 42);
        assertThat(r.data().provenance().get("source")).isEqualTo("sample");
        @SuppressWarnings("unchecked")
        Map<String, Object> step = ((List<Map<String, Object>>) r.data().provenance().get("steps")).get(0);
        assertThat(step).containsEntry("mode", "whole").containsEntry("seed", 42L)
                .containsEntry("duration_s", 1.6).containsEntry("period_s", 3.2);
        assertThat(step.get("occluded_frames")).isEqualTo(r.mask().occludedIntervals());
        boolean[] occ = r.occludedFrames();
        for (List<Integer> interval : r.mask().occludedIntervals()) {
            assertThat(occ[interval.get(0)]).isTrue();
            assertThat(occ[interval.get(1) - 1]).isTrue();
            assertThat(interval.get(0) == 0 || !occ[interval.get(0) - 1]).isTrue();
        }
    }
}
