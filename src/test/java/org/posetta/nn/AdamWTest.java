package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {
    /**
     * Loss 0.5·‖w‖² + 0.5·b² gives g = w: w = (3, −4), b = 1, so ‖g‖ = √26 ≈ 5.099. With clipping
     * at 1 the clipped gradient is g/√26. First step, by hand: m = 0.1 ĝ, v = 0.001 ĝ², bias
     * corrected m̂ = ĝ, v̂ = ĝ², so the Adam move is lr·ĝ/(|ĝ| + ε) = lr·sign(g) (to ε). w is
     * decayed first: w ← w(1 − lr·λ); b (rank 1) is not.
     */
    @Test
    void firstStepMatchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            NDArray w = p.declare("w", m.create(new float[] {3, -4}, new Shape(1, 2)), true);
            NDArray b = p.declare("b", m.create(new float[] {1}, new Shape(1)), true);
            double lr = 0.1;
            double wd = 0.5;
            try (AdamW opt = new AdamW(p.trainable(), LrSchedule.constant(lr), AdamW.Settings.DEFAULTS.withWeightDecay(wd).withClipNorm(1))) {
                backward(m, w, b);
                double norm = opt.step();
                assertThat(norm).isCloseTo(Math.sqrt(26), within(1e-5));
                float[] wAfter = w.toFloatArray();
                assertThat(wAfter[0]).isCloseTo((float) (3 * (1 - lr * wd) - lr), within(1e-6f));
                assertThat(wAfter[1]).isCloseTo((float) (-4 * (1 - lr * wd) + lr), within(1e-6f));
                assertThat(b.toFloatArray()[0]).isCloseTo((float) (1 - lr), within(1e-6f));

                // Second step, by hand, for b (not decayed; clipped by the norm over w and b).
                double g1 = 1 / Math.sqrt(26);
                double wx = 3 * (1 - lr * wd) - lr;
                double wy = -4 * (1 - lr * wd) + lr;
                double b1 = 1 - lr;
                double n2 = Math.sqrt(wx * wx + wy * wy + b1 * b1);
                double g2 = b1 * Math.min(1, 1 / n2);
                double mHat = (0.9 * 0.1 * g1 + 0.1 * g2) / (1 - 0.81);
                double vHat = (0.999 * 0.001 * g1 * g1 + 0.001 * g2 * g2) / (1 - 0.999 * 0.999);
                backward(m, w, b);
                opt.step();
                assertThat(b.toFloatArray()[0]).isCloseTo((float) (b1 - lr * mHat / (Math.sqrt(vHat) + 1e-8)), within(1e-6f));
                assertThat(opt.steps()).isEqualTo(2);
            }
            // Gradients were zeroed by the step.
            assertThat(w.getGradient().toFloatArray()).containsExactly(0, 0);
        }
    }

    @Test
    void aStepWithGradientsThatAreNotFiniteLeavesTheWeightsAsTheyWere() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            NDArray w = p.declare("w", m.create(new float[] {3, -4}, new Shape(1, 2)), true);
            try (AdamW opt = new AdamW(p.trainable(), LrSchedule.constant(0.1), AdamW.Settings.DEFAULTS)) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    // d/dw of w·(inf, 1) is (inf, 1): an overflow with a loss the caller may not see.
                    gc.backward(w.mul(m.create(new float[] {Float.POSITIVE_INFINITY, 1}, new Shape(1, 2))).sum());
                }
                assertThat(Double.isFinite(opt.step())).isFalse();
                assertThat(w.toFloatArray()).containsExactly(3, -4);
                assertThat(w.getGradient().toFloatArray()).containsExactly(0, 0);
                backward(m, w, m.create(new float[] {0}, new Shape(1)));
                opt.step();
                assertThat(w.toFloatArray()[0]).isLessThan(3).isGreaterThan(2.5f);
            }
        }
    }

    private static void backward(NDManager m, NDArray w, NDArray b) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(w.square().sum().add(b.square().sum()).mul(0.5f));
        }
    }

    @Test
    void ownsItsStatePerRun() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            NDArray w = p.declare("w", m.create(new float[] {1}, new Shape(1)), true);
            Map<String, NDArray> params = p.trainable();
            try (AdamW a = new AdamW(params, LrSchedule.constant(0.1), AdamW.Settings.DEFAULTS);
                    AdamW fresh = new AdamW(params, LrSchedule.constant(0.1), AdamW.Settings.DEFAULTS)) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.mul(1f).sum());
                }
                a.step();
                assertThat(a.steps()).isEqualTo(1);
                assertThat(fresh.steps()).isZero();
                assertThat(w.toFloatArray()[0]).isCloseTo(0.9f, within(1e-6f));
            }
        }
    }
}
