package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import java.util.List;
import java.util.Random;

/**
 * The residual MLP block of Martinez et al. 2017: two times (linear, normalisation, ReLU,
 * dropout), added to the block's input. Layer normalisation stands in for the paper's batch
 * normalisation so that inference of one frame equals inference of that frame in a batch.
 */
public final class ResidualBlock implements Layer {
    private final Linear fc1;
    private final LayerNorm norm1;
    private final Linear fc2;
    private final LayerNorm norm2;
    private final float dropout;

    /** Declares {@code name.fc1}, {@code name.norm1}, {@code name.fc2}, {@code name.norm2}. */
    public ResidualBlock(Parameters params, String name, int width, double dropout, Random rng) {
        this.fc1 = new Linear(params, name + ".fc1", width, width, true, rng);
        this.norm1 = new LayerNorm(params, name + ".norm1", width);
        this.fc2 = new Linear(params, name + ".fc2", width, width, true, rng);
        this.norm2 = new LayerNorm(params, name + ".norm2", width);
        this.dropout = (float) dropout;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        NDArray h = stage(fc1, norm1, x, training);
        return stage(fc2, norm2, h, training).add(x);
    }

    private NDArray stage(Linear fc, LayerNorm norm, NDArray x, boolean training) {
        NDArray h = Activation.relu(norm.forward(fc.forward(x, training), training));
        return training && dropout > 0 ? Dropout.dropout(h, dropout, true).singletonOrThrow() : h;
    }

    /** The block's linear layers, e.g. to enable LoRA on them. */
    public List<Linear> linears() {
        return List.of(fc1, fc2);
    }
}
