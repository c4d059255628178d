package org.posetta.adapt.refine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.posetta.nn.DstFormerConfig;

class GradientStepsTest {
    private static final DstFormerConfig SMALL = new DstFormerConfig(4, 3, 17, 9, 8, 1, 2, 2, 16);

    private static Map<String, float[]> weights(MotionPrior prior) {
        Map<String, float[]> out = new LinkedHashMap<>();
        prior.parameters().forEach((name, p) -> out.put(name, p.toFloatArray()));
        return out;
    }

    /** The prior's squared output on a fixed clip, times {@code factor} (NaN makes it non-finite). */
    private static Supplier<NDArray> loss(MotionPrior prior, float factor) {
        return () -> {
            NDManager m = prior.manager();
            float[] x = new float[SMALL.maxFrames() * 17 * PriorInput.CHANNELS];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(i);
            }
            return prior.forward(m.create(x, new Shape(1, SMALL.maxFrames(), 17, PriorInput.CHANNELS))).square().mean()
                    .mul(factor);
        };
    }

    @Test
    void aFiniteStepMovesTheWeightsAndTheRateFollowsTheSchedule() {
        try (MotionPrior prior = MotionPrior.create(SMALL, 10, 3);
                GradientSteps steps = new GradientSteps(prior, step -> 1e-3 / (step + 1), 0.01)) {
            Map<String, float[]> before = weights(prior);
            assertThat(steps.learningRate()).isEqualTo(1e-3);
            double first = steps.step(loss(prior, 1f));
            assertThat(first).isFinite().isPositive();
            assertThat(steps.learningRate()).isEqualTo(5e-4);
            assertThat(weights(prior)).anySatisfy((name, w) -> assertThat(w).isNotEqualTo(before.get(name)));
            for (int i = 0; i < 20; i++) {
                steps.step(loss(prior, 1f));
            }
            assertThat(steps.step(loss(prior, 1f))).isLessThan(first);
        }
    }

    @Test
    void aNonFiniteStepReportsNaNAndLeavesEveryWeightAsItWas() {
        try (MotionPrior prior = MotionPrior.create(SMALL, 10, 3);
                GradientSteps steps = new GradientSteps(prior, step -> 1e-3, 0.01)) {
            steps.step(loss(prior, 1f));
            Map<String, float[]> before = weights(prior);
            assertThat(steps.step(loss(prior, Float.NaN))).isNaN();
            assertThat(weights(prior)).allSatisfy((name, w) -> assertThat(w).isEqualTo(before.get(name)));
            assertThat(steps.step(loss(prior, 1f))).isFinite();
        }
    }
}
