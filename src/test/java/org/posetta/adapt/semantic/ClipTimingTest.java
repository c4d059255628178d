package org.posetta.adapt.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClipTimingTest {
    @Test
    void aTwoSecondSegmentAtTenFramesPerSecondBecomesSixtyFramesWithLinearMotionKept() {
        int n = ClipTiming.sourceFrames(10);
        assertThat(n).isEqualTo(20);
        float[] seg = new float[n * 51];
        for (int f = 0; f < n; f++) {
            for (int v = 0; v < 51; v++) {
                seg[f * 51 + v] = f * 0.1f + v;
            }
        }
        float[] out = ClipTiming.resample(seg, 10);
        assertThat(out).hasSize(60 * 51);
        // Frame k is at k/30 s, i.e. source position k/3.
        assertThat(out[30 * 51 + 7]).isCloseTo(10 * 0.1f + 7, within(1e-5f));
        assertThat(out[31 * 51]).isCloseTo(31 / 3f * 0.1f, within(1e-5f));
        // Past the last source frame the last frame holds.
        assertThat(out[59 * 51]).isCloseTo(19 * 0.1f, within(1e-5f));
    }

    @Test
    void matrixRowsSumToOne() {
        float[] m = ClipTiming.matrix(100, 50);
        for (int k = 0; k < 60; k++) {
            float s = 0;
            for (int f = 0; f < 100; f++) {
                s += m[k * 100 + f];
            }
            assertThat(s).isCloseTo(1f, within(1e-6f));
        }
    }
}
