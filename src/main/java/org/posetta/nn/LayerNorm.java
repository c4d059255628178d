package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Layer normalisation over the last axis (Ba et al. 2016) with a learned gain (1) and shift (0). */
public final class LayerNorm implements Layer {
    private static final float EPS = 1e-5f;
    private final int channels;
    private final NDArray gamma;
    private final NDArray beta;

    /** Declares {@code name.gamma} and {@code name.beta}. */
    public LayerNorm(Parameters params, String name, int channels) {
        this.channels = channels;
        this.gamma = params.declare(name + ".gamma", params.manager().ones(new Shape(channels)), true);
        this.beta = params.declare(name + ".beta", params.manager().zeros(new Shape(channels)), true);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(channels), gamma, beta, EPS).singletonOrThrow();
    }
}
