package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A pre-norm transformer encoder layer (Vaswani et al. 2017; normalisation before each branch, as
 * in ViT) over a token sequence x ∈ ℝ^{B×N×C}:
 * <pre>
 *   x ← x + Dropout(MHSA(LN₁ x))
 *   x ← x + Dropout(W₂ GELU(W₁ LN₂ x))
 * </pre>
 * with {@link Attention} over the N tokens. Every token sees every other (no mask).
 */
public final class TransformerBlock implements Layer {
    private final LayerNorm norm1;
    private final Attention attention;
    private final LayerNorm norm2;
    private final Linear fc1;
    private final Linear fc2;
    private final float dropout;

    /**
     * Declares {@code name.norm1}, {@code name.attn.*}, {@code name.norm2}, {@code name.fc1},
     * {@code name.fc2}.
     *
     * @param hidden the MLP's hidden width
     */
    public TransformerBlock(Parameters params, String name, int width, int heads, int hidden, double dropout, Random rng) {
        this.norm1 = new LayerNorm(params, name + ".norm1", width);
        this.attention = new Attention(params.manager(), new SplittableRandom(rng.nextLong()), Attention.Axis.TEMPORAL, width, heads);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        attention.collect(name + ".attn", tensors);
        tensors.forEach((n, v) -> params.declare(n, v, true));
        this.norm2 = new LayerNorm(params, name + ".norm2", width);
        this.fc1 = new Linear(params, name + ".fc1", width, hidden, true, rng);
        this.fc2 = new Linear(params, name + ".fc2", hidden, width, true, rng);
        this.dropout = (float) dropout;
    }

    /** @param x [B, N, C]; returns [B, N, C] */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        long c = x.getShape().get(2);
        NDArray h = attention.forward(norm1.forward(x, training).reshape(b, n, 1, c)).reshape(b, n, c);
        NDArray y = x.add(drop(h, training));
        h = fc2.forward(Activation.gelu(fc1.forward(norm2.forward(y, training), training)), training);
        return y.add(drop(h, training));
    }

    private NDArray drop(NDArray h, boolean training) {
        return training && dropout > 0 ? Dropout.dropout(h, dropout, true).singletonOrThrow() : h;
    }
}
