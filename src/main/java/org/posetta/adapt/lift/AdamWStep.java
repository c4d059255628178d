package org.posetta.adapt.lift;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One optimisation step over a fixed set of parameters: backward through a loss, global-norm
 * gradient clipping, and AdamW (Loshchilov and Hutter; decoupled weight decay, bias-corrected
 * moments) in place. Each step runs inside an {@link NDScope}, so the step's intermediates are
 * freed when it ends; the moments are allocated once, beside the parameters.
 *
 * <p>The engine allows one open gradient collector per JVM, so steps from different trainers
 * are serialised by one lock.
 */
final class AdamWStep {
    /** Held while a gradient collector is open. */
    static final ReentrantLock GRADIENTS = new ReentrantLock();

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final List<NDArray> parameters;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private final double weightDecay;
    private final double clipNorm;
    private int count;

    AdamWStep(List<NDArray> parameters, double weightDecay, double clipNorm) {
        this.parameters = List.copyOf(parameters);
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        for (NDArray p : parameters) {
            first.add(p.zerosLike());
            second.add(p.zerosLike());
        }
    }

    /**
     * Computes the loss with gradients, updates the parameters with learning rate {@code lr}, and
     * returns the loss value.
     */
    double step(Supplier<NDArray> loss, double lr) {
        GRADIENTS.lock();
        try (NDScope scope = new NDScope()) {
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.get();
                value = l.getFloat();
                gc.backward(l);
            }
            List<NDArray> grads = new ArrayList<>();
            double norm2 = 0;
            for (NDArray p : parameters) {
                NDArray g = p.getGradient();
                grads.add(g);
                norm2 += g.square().sum().getFloat();
            }
            double scale = Math.sqrt(norm2) > clipNorm ? clipNorm / Math.sqrt(norm2) : 1;
            count++;
            double c1 = 1 - Math.pow(BETA1, count);
            double c2 = 1 - Math.pow(BETA2, count);
            for (int i = 0; i < parameters.size(); i++) {
                NDArray g = grads.get(i).mul((float) scale);
                NDArray m = first.get(i);
                NDArray v = second.get(i);
                m.muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
                v.muli((float) BETA2).addi(g.square().muli((float) (1 - BETA2)));
                NDArray update = m.div((float) c1).div(v.div((float) c2).sqrt().add((float) EPS));
                NDArray p = parameters.get(i);
                if (weightDecay > 0) {
                    p.subi(p.mul((float) (lr * weightDecay)));
                }
                p.subi(update.muli((float) lr));
                grads.get(i).muli(0);
            }
            return value;
        } finally {
            GRADIENTS.unlock();
        }
    }
}
