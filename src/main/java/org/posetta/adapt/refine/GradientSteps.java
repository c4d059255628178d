package org.posetta.adapt.refine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.function.Supplier;
import org.posetta.nn.AdamW;
import org.posetta.nn.LrSchedule;
import org.posetta.nn.TrainingLoop;

/**
 * {@link AdamW} steps on a {@link MotionPrior}'s parameters (β = (0.9, 0.999), the gradient's
 * global norm clipped to {@value #CLIP_NORM}, weight decay on weight matrices only) at the rate
 * of a schedule over the steps taken. Each step holds {@link TrainingLoop#LOCK}: DJL allows one
 * open gradient collector per JVM. A step whose loss or gradient is not finite changes nothing
 * and reports NaN, so the weights stay the last good ones.
 */
final class GradientSteps implements AutoCloseable {
    static final double CLIP_NORM = 1.0;

    private final AdamW optimizer;

    GradientSteps(MotionPrior prior, LrSchedule schedule, double weightDecay) {
        this.optimizer = new AdamW(prior.parameters(), schedule,
                AdamW.Settings.DEFAULTS.withWeightDecay(weightDecay).withClipNorm(CLIP_NORM));
    }

    /** The rate the next step will use. */
    double learningRate() {
        return optimizer.learningRate();
    }

    /**
     * One step on the loss that {@code loss} computes (called once, inside the gradient scope).
     *
     * @return the loss before the step, or NaN where the step was skipped as non-finite
     */
    double step(Supplier<NDArray> loss) {
        TrainingLoop.LOCK.lock();
        try (NDScope scope = new NDScope()) {
            double value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.get();
                value = l.getFloat();
                if (!Double.isFinite(value)) {
                    return Double.NaN;
                }
                collector.backward(l);
            }
            return Double.isFinite(optimizer.step()) ? value : Double.NaN;
        } finally {
            TrainingLoop.LOCK.unlock();
        }
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
