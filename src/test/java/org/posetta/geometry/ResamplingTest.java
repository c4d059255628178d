package org.posetta.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.Provenance;

class ResamplingTest {
    private static final int J = Layout.H36M17.size();

    /** Joint j at x = t + j (metres) at 30 fps; joint 2 invalid at frame 4, joint 5 filled at frame 3. */
    private static Motion3d linear(int frames) {
        float[] xyz = new float[frames * J * 3];
        boolean[] valid = new boolean[frames * J];
        boolean[] filled = new boolean[frames * J];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < J; j++) {
                xyz[(t * J + j) * 3] = t + j;
                valid[t * J + j] = !(t == 4 && j == 2);
            }
        }
        filled[3 * J + 5] = true;
        return new Motion3d(Layout.H36M17, 30, CoordinateFrame.CAMERA, xyz, valid, filled, null, Provenance.EMPTY);
    }

    @Test
    void downsamplingByAWholeFactorTakesEveryThirdFrame() {
        Motion3d slow = Resampling.toRate(linear(10), 10);
        assertThat(slow.frames()).isEqualTo(4);
        assertThat(slow.fps()).isEqualTo(10);
        for (int k = 0; k < 4; k++) {
            assertThat(slow.get(k, 1, 0)).isEqualTo(3 * k + 1f);
        }
        assertThat(slow.isFilled(1, 5)).isTrue();
    }

    @Test
    void upsamplingInterpolatesAndAGapInvalidatesItsNeighbourhood() {
        Motion3d fast = Resampling.resample(linear(10), 60, 19);
        assertThat(fast.get(7, 0, 0)).isCloseTo(3.5f, within(1e-6f));
        assertThat(fast.isValid(8, 2)).as("on the invalid source frame").isFalse();
        assertThat(fast.isValid(7, 2)).as("between frames 3 and 4").isFalse();
        assertThat(fast.isValid(6, 2)).as("on the valid frame 3").isTrue();
        assertThat(fast.isFilled(7, 5)).as("made from a filled value").isTrue();
    }

    @Test
    void theWayBackRestoresLinearMotionExactly() {
        Motion3d m = linear(31);
        Motion3d back = Resampling.resample(Resampling.toRate(m, 10), 30, m.frames());
        for (int t = 0; t < m.frames(); t++) {
            assertThat(back.get(t, 0, 0)).isCloseTo(t, within(1e-5f));
        }
    }
}
