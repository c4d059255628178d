package org.posetta.adapt.refine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.posetta.nn.Scalars;
import org.posetta.nn.TrainingLoop;

/**
 * AdamW steps on a {@link MotionPrior}'s parameters (decoupled weight decay, β = (0.9, 0.999)),
 * with the gradient's global norm clipped to {@value #CLIP_NORM} and a learning rate the caller
 * sets before each step. Each step holds {@link TrainingLoop#LOCK}: DJL allows one open
 * gradient collector per JVM. A step whose loss or gradient is not finite changes nothing and reports
 * NaN, so the weights stay the last good ones.
 */
final class GradientSteps {
    static final double CLIP_NORM = 1.0;

    private final Map<String, NDArray> parameters;
    private final Optimizer optimizer;
    private volatile float learningRate;

    GradientSteps(MotionPrior prior, double learningRate, double weightDecay) {
        this.parameters = prior.parameters();
        this.learningRate = (float) learningRate;
        this.optimizer = Optimizer.adamW().optLearningRateTracker((Tracker) n -> this.learningRate)
                .optWeightDecays((float) weightDecay).build();
    }

    void setLearningRate(double lr) {
        this.learningRate = (float) lr;
    }

    double learningRate() {
        return learningRate;
    }

    /**
     * One step on the loss that {@code loss} computes (called once, inside the gradient scope).
     *
     * @return the loss before the step, or NaN where the step was skipped as non-finite
     */
    double step(Supplier<NDArray> loss) {
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        double value;
        double squaredNorm = 0;
        TrainingLoop.LOCK.lock();
        try {
            try (NDScope scope = new NDScope()) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray l = loss.get();
                    value = l.getFloat();
                    if (!Double.isFinite(value)) {
                        return Double.NaN;
                    }
                    collector.backward(l);
                }
                for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                    NDArray g = e.getValue().getGradient();
                    squaredNorm += g.square().sum().getFloat();
                    NDScope.unregister(g);
                    gradients.put(e.getKey(), g);
                }
            }
            if (!Double.isFinite(squaredNorm)) {
                gradients.values().forEach(Scalars::zero);
                return Double.NaN;
            }
            double norm = Math.sqrt(squaredNorm);
            for (Map.Entry<String, NDArray> e : gradients.entrySet()) {
                if (norm > CLIP_NORM) {
                    e.getValue().muli((float) (CLIP_NORM / norm));
                }
                optimizer.update(e.getKey(), parameters.get(e.getKey()), e.getValue());
            }
            return value;
        } finally {
            gradients.values().forEach(NDArray::close);
            TrainingLoop.LOCK.unlock();
        }
    }
}
