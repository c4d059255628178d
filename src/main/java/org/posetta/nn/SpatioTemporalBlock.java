package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One DSTFormer block: a spatial and a temporal pre-norm transformer layer in sequence, each
 * {@code z ← z + MHSA(LN(z)); z ← z + MLP(LN(z))} with {@code MLP(z) = W₂ GELU(W₁ z + b₁) + b₂}
 * of hidden width {@code ratio·C}. {@link Order#SPATIAL_FIRST} is MotionBERT's "ST" block,
 * {@link Order#TEMPORAL_FIRST} its "TS" block.
 */
final class SpatioTemporalBlock {
    enum Order {
        SPATIAL_FIRST, TEMPORAL_FIRST
    }

    private final Order order;
    private final Layer spatial;
    private final Layer temporal;

    SpatioTemporalBlock(NDManager manager, SplittableRandom random, Order order, int width, int heads, int mlpRatio) {
        this.order = order;
        this.spatial = new Layer(manager, random, Attention.Axis.SPATIAL, width, heads, mlpRatio);
        this.temporal = new Layer(manager, random, Attention.Axis.TEMPORAL, width, heads, mlpRatio);
    }

    NDArray forward(NDArray z) {
        return order == Order.SPATIAL_FIRST ? temporal.forward(spatial.forward(z)) : spatial.forward(temporal.forward(z));
    }

    void collect(String prefix, Map<String, NDArray> into) {
        spatial.collect(prefix + ".spatial", into);
        temporal.collect(prefix + ".temporal", into);
    }

    /** One pre-norm attention + MLP layer along one axis. */
    private static final class Layer {
        private final LayerNormalization norm1;
        private final Attention attention;
        private final LayerNormalization norm2;
        private final NDArray hiddenWeight;
        private final NDArray hiddenBias;
        private final NDArray outWeight;
        private final NDArray outBias;

        Layer(NDManager manager, SplittableRandom random, Attention.Axis axis, int width, int heads, int mlpRatio) {
            norm1 = new LayerNormalization(manager, width);
            attention = new Attention(manager, random, axis, width, heads);
            norm2 = new LayerNormalization(manager, width);
            int hidden = width * mlpRatio;
            hiddenWeight = TensorInit.truncatedNormal(manager, random, 0.02, hidden, width);
            hiddenBias = TensorInit.constant(manager, 0f, hidden);
            outWeight = TensorInit.truncatedNormal(manager, random, 0.02, width, hidden);
            outBias = TensorInit.constant(manager, 0f, width);
        }

        NDArray forward(NDArray z) {
            z = z.add(attention.forward(norm1.forward(z)));
            NDArray h = Activation.gelu(Linear.linear(norm2.forward(z), hiddenWeight, hiddenBias).singletonOrThrow());
            return z.add(Linear.linear(h, outWeight, outBias).singletonOrThrow());
        }

        void collect(String prefix, Map<String, NDArray> into) {
            norm1.collect(prefix + ".norm1", into);
            attention.collect(prefix + ".attn", into);
            norm2.collect(prefix + ".norm2", into);
            into.put(prefix + ".mlp.fc1.weight", hiddenWeight);
            into.put(prefix + ".mlp.fc1.bias", hiddenBias);
            into.put(prefix + ".mlp.fc2.weight", outWeight);
            into.put(prefix + ".mlp.fc2.bias", outBias);
        }
    }
}
