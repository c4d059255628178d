package org.posetta.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs optimisation steps with native memory scoped per step: each step gets its own
 * {@link NDManager} for the batch, and every tensor created during the step (activations,
 * gradients, temporaries, even those that land in a parameter's manager) is freed when the step
 * ends. Only the parameters and the optimizer's moments persist, so memory stays flat however
 * many steps run.
 *
 * <p>The engine allows one open gradient collector per process, so training runs one at a time
 * per JVM: {@link #LOCK} serialises them.
 */
public final class TrainingLoop {
    /** Held for the whole of every training step in this JVM. */
    public static final ReentrantLock LOCK = new ReentrantLock();

    /** Builds one step's loss: a scalar, from a batch created in {@code step}'s manager. */
    @FunctionalInterface
    public interface Objective {
        NDArray loss(NDManager step, long index);
    }

    /** What one step did: its index, the loss before the update, the gradient norm before clipping, the rate used. */
    public record StepResult(long index, double loss, double gradNorm, double learningRate) {
    }

    /** Told after each step. */
    @FunctionalInterface
    public interface Listener {
        void afterStep(StepResult result);
    }

    private final NDManager base;
    private final AdamW optimizer;

    /**
     * @param base      the manager under which each step's manager is opened
     * @param optimizer the run's optimizer; its step count is the loop's step index
     */
    public TrainingLoop(NDManager base, AdamW optimizer) {
        this.base = base;
        this.optimizer = optimizer;
    }

    /** One step: forward, backward and update. */
    public StepResult step(Objective objective) {
        long index = optimizer.steps();
        double lr = optimizer.learningRate();
        LOCK.lock();
        try (NDScope scope = new NDScope(); NDManager step = base.newSubManager()) {
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray l = objective.loss(step, index);
                collector.backward(l);
                loss = l.getFloat();
            }
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("loss is " + loss + " at step " + index);
            }
            double norm = optimizer.step();
            return new StepResult(index, loss, norm, lr);
        } finally {
            LOCK.unlock();
        }
    }

    /** Runs until the optimizer has taken {@code totalSteps} steps. */
    public void run(long totalSteps, Objective objective, Listener listener) {
        while (optimizer.steps() < totalSteps) {
            listener.afterStep(step(objective));
        }
    }
}
