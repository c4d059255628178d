package org.posetta.adapt.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.posetta.nn.LayerNorm;
import org.posetta.nn.Linear;
import org.posetta.nn.Parameters;
import org.posetta.nn.Scalars;
import org.posetta.nn.TransformerBlock;

/**
 * The motion side of the motion-text space (MotionCLIP's encoder, scaled down and on joint
 * positions; methods §8.1–8.2): a {@link ClipTiming} clip of canonical H36M-17 joints
 * ({@link Canonicalisation}) → a unit vector in the 384-d space of the sentence encoder.
 * <pre>
 *   tokens_f = W_in · vec(joints_f) / 0.3 m        (one token per frame, 51 → C)
 *   x        = [summary; tokens_1 … tokens_60] + sinusoidal positions
 *   x        ← TransformerBlock(x), L times
 *   z        = normalise(W_out · LN(x_summary))    (C → 384)
 * </pre>
 * The summary token is learned (MotionCLIP's μ token). The learnable logit scale s = exp(σ),
 * capped at 100, sharpens the contrastive softmax over the label set during training (CLIP's
 * convention, initialised to 1 / 0.07).
 */
public final class MotionEncoder {
    private static final int VALUES = 17 * 3;
    /** Joint coordinates are divided by this (metres) so that the input is of unit scale. */
    private static final float INPUT_SCALE = 0.3f;
    private static final double MAX_LOGIT_SCALE = 100;

    /** Token width, layers, heads, MLP width, dropout. */
    public record Architecture(int width, int layers, int heads, int hidden, double dropout) {
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("width", width);
            m.put("layers", layers);
            m.put("heads", heads);
            m.put("hidden", hidden);
            m.put("dropout", dropout);
            return m;
        }

        @SuppressWarnings("unchecked")
        public static Architecture of(Map<String, Object> card) {
            Map<String, Object> a = (Map<String, Object>) card.get("architecture");
            return new Architecture(((Number) a.get("width")).intValue(), ((Number) a.get("layers")).intValue(),
                    ((Number) a.get("heads")).intValue(), ((Number) a.get("hidden")).intValue(),
                    ((Number) a.get("dropout")).doubleValue());
        }
    }

    private final Architecture architecture;
    private final Parameters params;
    private final Linear in;
    private final NDArray summary;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm norm;
    private final Linear out;
    private final NDArray logScale;

    /** Declares the encoder's tensors in {@code params}, initialised from {@code seed}. */
    public MotionEncoder(Parameters params, Architecture architecture, long seed) {
        Random rng = new Random(seed);
        this.architecture = architecture;
        this.params = params;
        int c = architecture.width();
        this.in = new Linear(params, "in", VALUES, c, true, rng);
        this.summary = params.declare("summary", params.uniform(rng, 0.02, 1, 1, c), true);
        for (int l = 0; l < architecture.layers(); l++) {
            blocks.add(new TransformerBlock(params, "blocks." + l, c, architecture.heads(), architecture.hidden(),
                    architecture.dropout(), rng));
        }
        this.norm = new LayerNorm(params, "norm", c);
        this.out = new Linear(params, "out", c, TextEncoder.DIMENSION, true, rng);
        this.logScale = params.declare("log_logit_scale", params.manager().create(new float[] {(float) Math.log(1 / 0.07)}), true);
    }

    public Architecture architecture() {
        return architecture;
    }

    public Parameters parameters() {
        return params;
    }

    /**
     * @param clips [B, 60, 17, 3] canonical clips, metres
     * @return [B, 384] unit vectors
     */
    public NDArray forward(NDArray clips, boolean training) {
        long b = clips.getShape().get(0);
        int c = architecture.width();
        NDArray tokens = in.forward(Scalars.dividedBy(clips.reshape(b, ClipTiming.FRAMES, VALUES), INPUT_SCALE), training);
        // Built in the clips' manager: an operation's result belongs to its first operand's manager,
        // and the summary token's is the parameters' (which is never emptied).
        NDArray first = clips.getManager().zeros(new Shape(b, 1, c)).add(summary);
        NDArray x = NDArrays.concat(new NDList(first, tokens), 1)
                .add(clips.getManager().create(positions(ClipTiming.FRAMES + 1, c), new Shape(ClipTiming.FRAMES + 1, c)));
        for (TransformerBlock block : blocks) {
            x = block.forward(x, training);
        }
        NDArray z = out.forward(norm.forward(x.get(new NDIndex(":, 0, :")), training), training);
        return z.div(z.norm(new int[] {1}, true).add(1e-8f));
    }

    /** s = exp(σ), at most 100: the contrastive softmax's inverse temperature. */
    public NDArray logitScale() {
        return logScale.exp().clip(0, MAX_LOGIT_SCALE);
    }

    /** Transformer's sinusoidal encoding: PE[p, 2i] = sin(p / 10000^{2i/C}), PE[p, 2i+1] = cos(…). */
    private static float[] positions(int tokens, int width) {
        float[] pe = new float[tokens * width];
        for (int p = 0; p < tokens; p++) {
            for (int i = 0; i < width; i += 2) {
                double angle = p / Math.pow(10000, (double) i / width);
                pe[p * width + i] = (float) Math.sin(angle);
                if (i + 1 < width) {
                    pe[p * width + i + 1] = (float) Math.cos(angle);
                }
            }
        }
        return pe;
    }
}
