package org.posetta.adapt.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CosineScheduleTest {
    @Test
    void twoStepScheduleWithoutOffsetMatchesHandComputedValues() {
        // s = 0: curve = cos²(iπ/4) = 1, 1/2, 0 → β0 = 1/2, β1 = clip(1 − 0) = 0.999
        CosineSchedule s = new CosineSchedule(2, 0);
        assertThat(s.alphaBar(-1)).isEqualTo(1.0);
        assertThat(s.alphaBar(0)).isCloseTo(0.5, within(1e-12));
        assertThat(s.alphaBar(1)).isCloseTo(0.5 * 0.001, within(1e-12));
    }

    @Test
    void standardScheduleMatchesTheFormula() {
        CosineSchedule s = CosineSchedule.standard();
        double c0 = Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
        double curve1 = Math.pow(Math.cos((0.001 + 0.008) / 1.008 * Math.PI / 2), 2) / c0;
        assertThat(s.alphaBar(0)).isCloseTo(curve1, within(1e-12));
        assertThat(s.alphaBar(0)).isCloseTo(0.999958715775178, within(1e-12));
        assertThat(s.alphaBar(499)).isCloseTo(0.49384359044063775, within(1e-12));
        assertThat(s.alphaBar(999)).isCloseTo(2.4287669070348542e-09, within(1e-15));
        for (int t = 1; t < s.steps(); t++) {
            assertThat(s.alphaBar(t)).isLessThan(s.alphaBar(t - 1));
        }
    }

    @Test
    void ddimTimeGridTruncatesALinspaceFromMinusOne() {
        CosineSchedule s = CosineSchedule.standard();
        assertThat(s.timePairs(1)).isDeepEqualTo(new int[][] {{999, -1}});
        assertThat(s.timePairs(5)).isDeepEqualTo(new int[][] {{999, 799}, {799, 599}, {599, 399}, {399, 199}, {199, -1}});
        // linspace(−1, 999, 4) = −1, 332.33, 665.67, 999
        assertThat(s.timePairs(3)).isDeepEqualTo(new int[][] {{999, 665}, {665, 332}, {332, -1}});
        assertThatThrownBy(() -> s.timePairs(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ddimStepMatchesHandComputedValues() {
        // ᾱ_1 = 0.0005, ᾱ_0 = 0.5; x_t = 1, x̂0 = 0.5
        // ε̂ = (1/√0.0005 − 0.5)/√1999 = 0.98906; deterministic: √0.5·0.5 + √0.5·ε̂ = 1.05293
        CosineSchedule s = new CosineSchedule(2, 0);
        float[] out = new float[1];
        s.ddimStep(new float[] {1}, new float[] {0.5f}, 1, 0, 0, null, out);
        assertThat(out[0]).isCloseTo(1.0529293f, within(1e-5f));
        // η = 1: σ = √(0.999·0.5/0.9995) = 0.70693, c = √(0.5 − σ²) = 0.01581, z = 2
        s.ddimStep(new float[] {1}, new float[] {0.5f}, 1, 0, 1, new float[] {2}, out);
        assertThat(out[0]).isCloseTo(1.7830556f, within(1e-5f));
        // the last step returns x̂0
        s.ddimStep(new float[] {1}, new float[] {0.25f}, 0, -1, 1, new float[] {2}, out);
        assertThat(out[0]).isEqualTo(0.25f);
    }

    @Test
    void noisingIsTheForwardProcess() {
        CosineSchedule s = new CosineSchedule(2, 0);
        float[] out = new float[2];
        s.noise(new float[] {1, -2}, new float[] {0.5f, 1}, 0, out);
        double r = Math.sqrt(0.5);
        assertThat(out).containsExactly(new float[] {(float) (r + r * 0.5), (float) (-2 * r + r)}, within(1e-6f));
    }
}
