package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {
    /** A small residual MLP from 34 inputs (17 joints × 2D) to 51 outputs (17 × 3D). */
    private static final class Tiny {
        final Linear in;
        final ResidualBlock block;
        final Linear out;

        Tiny(Parameters p, int width, Random rng) {
            in = new Linear(p, "in", 34, width, true, rng);
            block = new ResidualBlock(p, "block", width, 0.0, rng);
            out = new Linear(p, "out", width, 51, true, rng);
        }

        NDArray forward(NDArray x, boolean training) {
            return out.forward(block.forward(ai.djl.nn.Activation.relu(in.forward(x, training)), training), training);
        }
    }

    @Test
    void tinyModelOverfitsAFewPoses() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            Random rng = new Random(11);
            Tiny net = new Tiny(p, 64, rng);
            float[] x = new float[8 * 34];
            float[] y = new float[8 * 51];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) rng.nextGaussian() * 0.3f;
            }
            List<Double> losses = new ArrayList<>();
            try (AdamW opt = new AdamW(p.trainable(), LrSchedule.warmupCosine(3e-3, 20, 400, 1e-5), AdamW.Settings.DEFAULTS)) {
                new TrainingLoop(m, opt).run(400, (step, k) -> {
                    NDArray in = step.create(x, new Shape(8, 34));
                    NDArray target = step.create(y, new Shape(8, 51));
                    return net.forward(in, true).sub(target).square().mean();
                }, r -> losses.add(r.loss()));
            }
            assertThat(losses).hasSize(400);
            assertThat(losses.get(399)).isLessThan(losses.get(0) * 0.01);
        }
    }

    @Test
    void nativeMemoryStaysFlatOverThousandsOfSteps() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            Random rng = new Random(12);
            Tiny net = new Tiny(p, 16, rng);
            try (AdamW opt = new AdamW(p.trainable(), LrSchedule.constant(1e-3), AdamW.Settings.DEFAULTS)) {
                TrainingLoop loop = new TrainingLoop(m, opt);
                TrainingLoop.Objective objective = (step, k) -> {
                    NDArray in = step.randomNormal(new Shape(4, 34));
                    return net.forward(in, true).square().mean();
                };
                loop.run(100, objective, r -> { });
                int arraysAfter100 = m.getManagedArrays().size();
                long pointersAfter100 = liveNativeTensors(m);
                loop.run(3000, objective, r -> { });
                assertThat(m.getManagedArrays().size()).isEqualTo(arraysAfter100);
                assertThat(liveNativeTensors(m)).isEqualTo(pointersAfter100);
            }
        }
    }

    /** Arrays still open anywhere under {@code m}, counted through the sub-managers. */
    private static long liveNativeTensors(NDManager m) {
        return m.getManagedArrays().stream().filter(a -> !a.isReleased()).count();
    }
}
