package org.posetta.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Motion3d;

class RandomMaskTest {
    @Test
    void hidesJointsAndFramesAtTheGivenRates() {
        Motion3d m = Samples.motion(4000, 50, CoordinateFrame.CAMERA);
        OcclusionMask mask = RandomMask.MOTIONBERT.apply(m, 9).mask();
        int wholeFrames = 0;
        for (int t = 0; t < 4000; t++) {
            boolean all = true;
            for (int j = 0; j < 17; j++) {
                all &= mask.isHidden(t, j);
            }
            wholeFrames += all ? 1 : 0;
        }
        // 10 % of frames (σ ≈ 0.5 %); a joint is hidden with probability 1 − 0.9 · 0.95 = 0.145.
        assertThat(wholeFrames / 4000.0).isBetween(0.085, 0.115);
        assertThat(mask.hiddenCount() / (4000.0 * 17)).isBetween(0.135, 0.155);
    }

    @Test
    void deterministicForASeedAndInertAtZero() {
        Motion3d m = Samples.motion(300, 50, CoordinateFrame.CAMERA);
        assertThat(RandomMask.MOTIONBERT.apply(m, 1).data().validity())
                .isEqualTo(RandomMask.MOTIONBERT.apply(m, 1).data().validity())
                .isNotEqualTo(RandomMask.MOTIONBERT.apply(m, 2).data().validity());
        assertThat(new RandomMask(0, 0).apply(m, 1).mask().hiddenCount()).isZero();
    }
}
