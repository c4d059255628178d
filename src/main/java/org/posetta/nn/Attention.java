package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Multi-head self-attention over a pose sequence {@code x ∈ ℝ^{B×T×J×C}} (batch, frames, joints,
 * channels), along one axis (Vaswani et al. 2017; the S-MHSA and T-MHSA of MotionBERT's DSTFormer):
 *
 * <pre>
 *   [Q K V] = x W_qkv + b_qkv                    (one map C → 3C; head h takes channels h·c … (h+1)·c−1, c = C/H)
 *   A_h     = softmax(Q_h K_hᵀ / √c)              (rows over the tokens of one group)
 *   out     = concat_h(A_h V_h) W_o + b_o
 * </pre>
 *
 * {@link Axis#SPATIAL}: the J joints of each frame attend to each other (B·T groups of J tokens);
 * {@link Axis#TEMPORAL}: the T frames of each joint attend to each other (B·J groups of T tokens).
 * No mask: every token sees its whole group. The output has the input's shape.
 */
public final class Attention {
    /** Which tokens attend to each other. */
    public enum Axis {
        /** the joints of one frame */
        SPATIAL,
        /** the frames of one joint */
        TEMPORAL
    }

    private final Axis axis;
    private final int width;
    private final int heads;
    private final NDArray qkvWeight;
    private final NDArray qkvBias;
    private final NDArray outWeight;
    private final NDArray outBias;

    /**
     * New attention with weights ~ N(0, 0.02²) and zero biases.
     *
     * @param width channels C, a multiple of {@code heads}
     */
    public Attention(NDManager manager, SplittableRandom random, Axis axis, int width, int heads) {
        if (heads <= 0 || width % heads != 0) {
            throw new IllegalArgumentException("width " + width + " is not a multiple of " + heads + " heads");
        }
        this.axis = axis;
        this.width = width;
        this.heads = heads;
        qkvWeight = TensorInit.truncatedNormal(manager, random, 0.02, 3L * width, width);
        qkvBias = TensorInit.constant(manager, 0f, 3L * width);
        outWeight = TensorInit.truncatedNormal(manager, random, 0.02, width, width);
        outBias = TensorInit.constant(manager, 0f, width);
    }

    public Axis axis() {
        return axis;
    }

    /** @param x B×T×J×C; returns B×T×J×C */
    public NDArray forward(NDArray x) {
        if (x.getShape().dimension() != 4 || x.getShape().get(3) != width) {
            throw new IllegalArgumentException("attention of width " + width + " needs B×T×J×" + width + ", got " + x.getShape());
        }
        // Groups × tokens: [B, G, N, C] with N the attending axis.
        NDArray tokens = axis == Axis.TEMPORAL ? x.transpose(0, 2, 1, 3) : x;
        long b = tokens.getShape().get(0);
        long g = tokens.getShape().get(1);
        long n = tokens.getShape().get(2);
        int c = width / heads;
        NDArray qkv = Linear.linear(tokens, qkvWeight, qkvBias).singletonOrThrow()
                .reshape(b, g, n, 3, heads, c)
                .transpose(3, 0, 1, 4, 2, 5); // [3, B, G, H, N, c]
        NDArray q = qkv.get(0);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray weights = Scalars.times(q.matMul(k.transpose(0, 1, 2, 4, 3)), 1.0 / Math.sqrt(c)).softmax(-1);
        NDArray mixed = weights.matMul(v).transpose(0, 1, 3, 2, 4).reshape(b, g, n, width);
        NDArray out = Linear.linear(mixed, outWeight, outBias).singletonOrThrow();
        return axis == Axis.TEMPORAL ? out.transpose(0, 2, 1, 3) : out;
    }

    /** Adds this attention's parameters to {@code into}, named {@code prefix.qkv.weight} etc. */
    void collect(String prefix, Map<String, NDArray> into) {
        into.put(prefix + ".qkv.weight", qkvWeight);
        into.put(prefix + ".qkv.bias", qkvBias);
        into.put(prefix + ".proj.weight", outWeight);
        into.put(prefix + ".proj.bias", outBias);
    }
}
