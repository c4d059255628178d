package org.posetta.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

class BodyPartOcclusionTest {
    @Test
    void eachEpisodeHidesExactlyOneWholeLimbGroup() {
        DutyCycle cycle = new DutyCycle(0.4, 1.0);
        BodyPartOcclusion occ = BodyPartOcclusion.anyPart(cycle);
        Keypoints2d k = Samples.keypoints(500, 50);
        OcclusionMask mask = occ.apply(k, 8).mask();
        // The same draws as inside the occluder: the phase first, then one group per episode.
        SplittableRandom r = new SplittableRandom(8);
        List<int[]> episodes = cycle.episodes(500, 50, cycle.randomPhase(r));
        boolean[] expected = new boolean[500 * 17];
        for (int[] e : episodes) {
            int[] part = LimbGroup.values()[r.nextInt(LimbGroup.values().length)].joints(Layout.H36M17);
            for (int t = e[0]; t < e[1]; t++) {
                for (int j : part) {
                    expected[t * 17 + j] = true;
                }
            }
        }
        assertThat(mask.hiddenCount()).isPositive();
        for (int t = 0; t < 500; t++) {
            for (int j = 0; j < 17; j++) {
                assertThat(mask.isHidden(t, j)).isEqualTo(expected[t * 17 + j]);
            }
        }
        int onFrames = episodes.stream().mapToInt(e -> e[1] - e[0]).sum();
        assertThat(mask.occludedFrameCount()).isEqualTo(onFrames);
    }

    @Test
    void aSingleGroupHidesOnlyThatGroup() {
        Motion3d m = Samples.motion(200, 50, CoordinateFrame.WORLD);
        Occluded<Motion3d> r = new BodyPartOcclusion(DutyCycle.OCCLUDED_H36M, List.of(LimbGroup.LEGS)).apply(m, 1);
        boolean[] occ = r.occludedFrames();
        for (int t = 0; t < 200; t++) {
            for (int j = 0; j < 17; j++) {
                boolean leg = j >= 1 && j <= 6;
                assertThat(r.data().isValid(t, j)).isEqualTo(!(occ[t] && leg));
            }
        }
        assertThat(r.mask().occludedFrameCount()).isBetween(80, 120);
    }

    @Test
    void refusesWhenTheLayoutHasNoneOfTheParts() {
        Motion3d m = new Motion3d(Layout.DEEPMIMIC15, 30, CoordinateFrame.WORLD, new float[10 * 15 * 3], null, null);
        BodyPartOcclusion head = new BodyPartOcclusion(DutyCycle.always(), List.of(LimbGroup.HEAD));
        assertThatThrownBy(() -> head.apply(m, 0)).isInstanceOf(PosettaException.class).hasMessageContaining("DeepMimic");
    }
}
