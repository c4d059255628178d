package org.posetta.adapt.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GapFillTest {
    /** One joint's x over 6 frames, valid where {@code valid}. */
    private static float[] fillX(float[] x, boolean[] valid) {
        float[] xyz = new float[x.length * 3];
        for (int t = 0; t < x.length; t++) {
            xyz[t * 3] = x[t];
        }
        float[] out = GapFill.fill(xyz, valid, x.length, 1);
        float[] r = new float[x.length];
        for (int t = 0; t < x.length; t++) {
            r[t] = out[t * 3];
        }
        return r;
    }

    @Test
    void interpolatesInsideAndExtrapolatesLinearlyAtTheEnds() {
        float[] out = fillX(new float[] {9, 1, 9, 3, 9, 9}, new boolean[] {false, true, false, true, false, false});
        assertThat(out).containsExactly(new float[] {0, 1, 2, 3, 4, 5}, within(1e-6f));
    }

    @Test
    void extrapolatesWithTheVelocityOverTheLastFiveValidFrames() {
        // Valid 0..5 with a jittery last frame: the slope over frames 1..5 is (5.5 − 1)/4.
        float[] out = fillX(new float[] {0, 1, 2, 3, 4, 5.5f, 0}, new boolean[] {true, true, true, true, true, true, false});
        assertThat(out[6]).isCloseTo(5.5f + 4.5f / 4, within(1e-5f));
    }

    @Test
    void holdsASingleValidFrameAndFillsANeverValidJointFromTheOthers() {
        assertThat(fillX(new float[] {0, 7, 0}, new boolean[] {false, true, false})).containsExactly(7, 7, 7);
        // Two joints, the second never valid: it takes the first's position.
        float[] xyz = {1, 2, 3, 0, 0, 0};
        float[] out = GapFill.fill(xyz, new boolean[] {true, false}, 1, 2);
        assertThat(out).containsExactly(1, 2, 3, 1, 2, 3);
    }
}
