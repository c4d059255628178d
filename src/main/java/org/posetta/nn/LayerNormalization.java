package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import java.util.Map;

/** Layer normalisation over the last axis, γ = 1 and β = 0 at start, ε = 1e-6 (as MotionBERT's). */
final class LayerNormalization {
    private static final float EPSILON = 1e-6f;
    private final int width;
    private final NDArray gamma;
    private final NDArray beta;

    LayerNormalization(NDManager manager, int width) {
        this.width = width;
        gamma = TensorInit.constant(manager, 1f, width);
        beta = TensorInit.constant(manager, 0f, width);
    }

    NDArray forward(NDArray x) {
        return LayerNorm.layerNorm(x, new Shape(width), gamma, beta, EPSILON).singletonOrThrow();
    }

    void collect(String prefix, Map<String, NDArray> into) {
        into.put(prefix + ".weight", gamma);
        into.put(prefix + ".bias", beta);
    }
}
