package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * MotionBERT's dual-stream spatio-temporal transformer (Zhu et al., ICCV 2023), here sized for
 * CPUs. For an input {@code x ∈ ℝ^{B×T×J×C_in}}, {@code T ≤ maxFrames}:
 *
 * <pre>
 *   z⁰_{t,j} = W_e x_{t,j} + b_e + P_s[j] + P_t[t]                 (learned joint and frame embeddings)
 *   a = ST_l(z^{l−1}),  b = TS_l(z^{l−1})                           (l = 1 … depth, separate weights)
 *   (α₁, α₂) = softmax(W_l [a ; b] + c_l)  per token;   z^l = α₁ a + α₂ b
 *   ŷ = W_y tanh(W_r LN(z^L) + b_r) + b_y                            ∈ ℝ^{B×T×J×C_out}
 * </pre>
 *
 * ST runs spatial then temporal attention, TS the reverse ({@link SpatioTemporalBlock}). The
 * fusion starts at equal weights (W_l = 0, c_l = ½); every other weight ~ N(0, 0.02²), biases 0.
 * No dropout. Parameters are owned by the manager given at construction.
 */
public final class DstFormer {
    private final DstFormerConfig config;
    private final NDArray embedWeight;
    private final NDArray embedBias;
    private final NDArray jointEmbedding;
    private final NDArray frameEmbedding;
    private final List<SpatioTemporalBlock> spatialFirst = new ArrayList<>();
    private final List<SpatioTemporalBlock> temporalFirst = new ArrayList<>();
    private final List<NDArray[]> fusion = new ArrayList<>();
    private final LayerNormalization finalNorm;
    private final NDArray representationWeight;
    private final NDArray representationBias;
    private final NDArray headWeight;
    private final NDArray headBias;
    private final Map<String, NDArray> parameters;

    /** A new network with weights drawn from {@code seed}. */
    public DstFormer(NDManager manager, DstFormerConfig config, long seed) {
        this.config = config;
        SplittableRandom random = new SplittableRandom(seed);
        int d = config.width();
        embedWeight = TensorInit.truncatedNormal(manager, random, 0.02, d, config.inChannels());
        embedBias = TensorInit.constant(manager, 0f, d);
        jointEmbedding = TensorInit.truncatedNormal(manager, random, 0.02, config.joints(), d);
        frameEmbedding = TensorInit.truncatedNormal(manager, random, 0.02, config.maxFrames(), d);
        for (int l = 0; l < config.depth(); l++) {
            spatialFirst.add(new SpatioTemporalBlock(manager, random, SpatioTemporalBlock.Order.SPATIAL_FIRST, d,
                    config.heads(), config.mlpRatio()));
            temporalFirst.add(new SpatioTemporalBlock(manager, random, SpatioTemporalBlock.Order.TEMPORAL_FIRST, d,
                    config.heads(), config.mlpRatio()));
            fusion.add(new NDArray[] {TensorInit.constant(manager, 0f, 2, 2L * d), TensorInit.constant(manager, 0.5f, 2)});
        }
        finalNorm = new LayerNormalization(manager, d);
        representationWeight = TensorInit.truncatedNormal(manager, random, 0.02, config.representation(), d);
        representationBias = TensorInit.constant(manager, 0f, config.representation());
        headWeight = TensorInit.truncatedNormal(manager, random, 0.02, config.outChannels(), config.representation());
        headBias = TensorInit.constant(manager, 0f, config.outChannels());
        parameters = Collections.unmodifiableMap(collect());
    }

    public DstFormerConfig config() {
        return config;
    }

    /** @param x B×T×J×C_in with T ≤ maxFrames; returns B×T×J×C_out */
    public NDArray forward(NDArray x) {
        long[] s = x.getShape().getShape();
        if (s.length != 4 || s[2] != config.joints() || s[3] != config.inChannels() || s[1] < 1
                || s[1] > config.maxFrames()) {
            throw new IllegalArgumentException("DSTFormer needs B×T×" + config.joints() + "×" + config.inChannels()
                    + " with 1 ≤ T ≤ " + config.maxFrames() + ", got " + x.getShape());
        }
        NDArray frames = frameEmbedding.get(new NDIndex("0:{}", s[1])).expandDims(1); // [T, 1, d]
        NDArray z = Linear.linear(x, embedWeight, embedBias).singletonOrThrow().add(jointEmbedding).add(frames);
        for (int l = 0; l < config.depth(); l++) {
            NDArray a = spatialFirst.get(l).forward(z);
            NDArray b = temporalFirst.get(l).forward(z);
            NDArray alpha = Linear.linear(NDArrays.concat(new ai.djl.ndarray.NDList(a, b), -1), fusion.get(l)[0],
                    fusion.get(l)[1]).singletonOrThrow().softmax(-1);
            z = a.mul(alpha.get(new NDIndex("..., 0:1"))).add(b.mul(alpha.get(new NDIndex("..., 1:2"))));
        }
        NDArray r = Linear.linear(finalNorm.forward(z), representationWeight, representationBias).singletonOrThrow().tanh();
        return Linear.linear(r, headWeight, headBias).singletonOrThrow();
    }

    /** Every trainable array by a stable name, in a fixed order (the names of a checkpoint). */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /**
     * Copies {@code values} into this network's parameters.
     *
     * @throws IllegalArgumentException where a name is missing or a shape differs
     */
    public void load(Map<String, NDArray> values) {
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray v = values.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("no value for parameter " + e.getKey());
            }
            if (!v.getShape().equals(e.getValue().getShape())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " is " + e.getValue().getShape() + ", value is "
                        + v.getShape());
            }
            e.getValue().set(v.toFloatArray());
        }
    }

    private Map<String, NDArray> collect() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("joints_embed.weight", embedWeight);
        p.put("joints_embed.bias", embedBias);
        p.put("pos_embed", jointEmbedding);
        p.put("temp_embed", frameEmbedding);
        for (int l = 0; l < config.depth(); l++) {
            spatialFirst.get(l).collect("blocks_st." + l, p);
            temporalFirst.get(l).collect("blocks_ts." + l, p);
            p.put("ts_attn." + l + ".weight", fusion.get(l)[0]);
            p.put("ts_attn." + l + ".bias", fusion.get(l)[1]);
        }
        finalNorm.collect("norm", p);
        p.put("pre_logits.weight", representationWeight);
        p.put("pre_logits.bias", representationBias);
        p.put("head.weight", headWeight);
        p.put("head.bias", headBias);
        return p;
    }
}
