package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter 2019), as {@code torch.optim.AdamW}:
 * <pre>
 *   g ← g · min(1, c / ‖g‖)               (global norm over all parameters, if c &gt; 0)
 *   θ ← θ − η λ θ                          (tensors of rank ≥ 2 only: biases and gains are not decayed)
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
 *   θ ← θ − η (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 * The moments belong to this optimizer (one per training run) and are freed by {@link #close}.
 * Each step zeroes the gradients it consumed.
 */
public final class AdamW implements AutoCloseable {
    /** β₁, β₂, ε, weight decay λ and the clipping norm c (0: no clipping). */
    public record Settings(double beta1, double beta2, double eps, double weightDecay, double clipNorm) {
        public static final Settings DEFAULTS = new Settings(0.9, 0.999, 1e-8, 0.01, 1.0);

        public Settings withWeightDecay(double wd) {
            return new Settings(beta1, beta2, eps, wd, clipNorm);
        }

        public Settings withClipNorm(double c) {
            return new Settings(beta1, beta2, eps, weightDecay, c);
        }
    }

    private final Map<String, NDArray> params;
    private final LrSchedule schedule;
    private final Settings settings;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private long steps;

    /** Optimises the given tensors (usually {@link Parameters#trainable()}). */
    public AdamW(Map<String, NDArray> params, LrSchedule schedule, Settings settings) {
        this.params = new LinkedHashMap<>(params);
        this.schedule = schedule;
        this.settings = settings;
        for (NDArray p : this.params.values()) {
            NDArray m = p.zerosLike();
            NDArray v = p.zerosLike();
            // The moments outlive any step scope that happens to be open.
            NDScope.unregister(m, v);
            firstMoments.add(m);
            secondMoments.add(v);
        }
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /** The learning rate the next step will use. */
    public double learningRate() {
        return schedule.at(steps);
    }

    /**
     * Applies one update from the accumulated gradients and zeroes them. A step whose gradients
     * are not finite (an overflow somewhere in the backward pass, even with a finite loss) only
     * zeroes them: one such update would turn every moment, and then every weight, into NaN.
     *
     * @return the global gradient norm before clipping (not finite for a skipped step)
     */
    public double step() {
        double lr = schedule.at(steps);
        steps++;
        double bc1 = 1 - Math.pow(settings.beta1, steps);
        double bc2 = 1 - Math.pow(settings.beta2, steps);
        try (NDScope scope = new NDScope()) {
            List<NDArray> grads = new ArrayList<>();
            double sq = 0;
            for (NDArray p : params.values()) {
                NDArray g = p.getGradient();
                grads.add(g);
                sq += g.square().sum().getFloat();
            }
            double norm = Math.sqrt(sq);
            if (!Double.isFinite(norm)) {
                grads.forEach(Scalars::zero);
                return norm;
            }
            float scale = settings.clipNorm > 0 && norm > settings.clipNorm ? (float) (settings.clipNorm / norm) : 1f;
            int i = 0;
            for (NDArray param : params.values()) {
                // The parameter's storage outside autograd: PyTorch refuses an in-place update of a
                // leaf that requires grad wherever grad mode is on, as it is in a new thread.
                NDArray p = param.stopGradient();
                NDArray g = grads.get(i);
                NDArray m = firstMoments.get(i);
                NDArray v = secondMoments.get(i);
                i++;
                NDArray gs = scale == 1f ? g : Scalars.times(g, scale);
                if (settings.weightDecay > 0 && p.getShape().dimension() >= 2) {
                    p.muli((float) (1 - lr * settings.weightDecay));
                }
                m.muli((float) settings.beta1).addi(Scalars.times(gs, 1 - settings.beta1));
                v.muli((float) settings.beta2).addi(gs.square().muli((float) (1 - settings.beta2)));
                NDArray denom = v.sqrt().divi((float) Math.sqrt(bc2)).addi((float) settings.eps);
                p.subi(m.div(denom).muli((float) (lr / bc1)));
                g.subi(g);
            }
            return norm;
        }
    }

    @Override
    public void close() {
        firstMoments.forEach(NDArray::close);
        secondMoments.forEach(NDArray::close);
    }
}
