package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * A fully connected layer y = x Wᵀ + b over the last axis (W: [out, in]), initialised as
 * PyTorch's {@code nn.Linear} (uniform in ±1/√in), with an optional low-rank adaptation (LoRA,
 * Hu et al. 2021): y += (α / r) · x Aᵀ Bᵀ with A: [r, in] random and B: [out, r] zero, so the
 * adapted layer starts out equal to the base layer. Enabling LoRA freezes W and b.
 */
public final class Linear implements Layer {
    private final Parameters params;
    private final String name;
    private final int in;
    private final int out;
    private final NDArray weight;
    private final NDArray bias;
    private NDArray loraA;
    private NDArray loraB;
    private float loraScale;

    /** Declares {@code name.weight} and, with {@code bias}, {@code name.bias}. */
    public Linear(Parameters params, String name, int in, int out, boolean bias, Random rng) {
        this.params = params;
        this.name = name;
        this.in = in;
        this.out = out;
        double bound = 1 / Math.sqrt(in);
        this.weight = params.declare(name + ".weight", params.uniform(rng, bound, out, in), true);
        this.bias = bias ? params.declare(name + ".bias", params.uniform(rng, bound, out), true) : null;
    }

    /**
     * Adds the low-rank adaptation {@code name.lora_a}, {@code name.lora_b} of rank {@code rank}
     * and freezes the base weights; the layer's output is unchanged until B is trained.
     */
    public void enableLora(int rank, double alpha, Random rng) {
        if (loraA != null) {
            throw new IllegalStateException(name + " already has LoRA");
        }
        if (rank < 1 || rank > Math.min(in, out)) {
            throw new IllegalArgumentException("LoRA rank " + rank + " outside [1, " + Math.min(in, out) + "]");
        }
        loraA = params.declare(name + ".lora_a", params.uniform(rng, 1 / Math.sqrt(in), rank, in), true);
        loraB = params.declare(name + ".lora_b", params.manager().zeros(new Shape(out, rank)), true);
        loraScale = (float) (alpha / rank);
        params.setTrainable(name + ".weight", false);
        if (bias != null) {
            params.setTrainable(name + ".bias", false);
        }
    }

    public int inputs() {
        return in;
    }

    public int outputs() {
        return out;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        NDArray y = bias == null ? ai.djl.nn.core.Linear.linear(x, weight).singletonOrThrow()
                : ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
        if (loraA == null) {
            return y;
        }
        NDArray low = ai.djl.nn.core.Linear.linear(x, loraA).singletonOrThrow();
        return y.add(Scalars.times(ai.djl.nn.core.Linear.linear(low, loraB).singletonOrThrow(), loraScale));
    }
}
