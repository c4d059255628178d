package org.posetta.adapt.lift;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.posetta.nn.LayerNorm;
import org.posetta.nn.Linear;
import org.posetta.nn.Parameters;
import org.posetta.nn.Scalars;

/**
 * The diffusion lifter's denoiser (MixSTE as modified by D3DP, methods §4.1): one token per frame
 * and joint holding the 2D condition and the noisy 3D, Linear(5 → C), plus a learned joint
 * embedding and the diffusion-step embedding; then D pairs of a spatial transformer block
 * (attention across the joints of a frame) and a temporal one (attention across the frames of a
 * joint), a learned frame embedding before the first temporal block, shared LayerNorms after
 * each kind; a LayerNorm and Linear(C → 3) predict the clean root-relative pose x0 (metres).
 *
 * <p>Blocks are pre-norm: x ← x + MHSA(LN(x)), x ← x + MLP(LN(x)), MLP ratio 2 with GELU. The
 * step embedding is sinusoidal, ω_k = exp(−k ln 10000 / (C/2 − 1)), then Linear(C → 2C), GELU,
 * Linear(2C → C). The attention's q/k/v and output projections are {@link Linear} layers so that
 * PoSynDA's LoRA can be put on them ({@link #enableAdaptation}).
 */
public final class Denoiser {
    /** Sizes of the network. */
    public record Config(int width, int depth, int heads, int frames, int joints) {
        public Config {
            if (width <= 0 || depth <= 0 || heads <= 0 || width % heads != 0 || width % 2 != 0 || frames <= 0 || joints <= 0) {
                throw new IllegalArgumentException("invalid denoiser sizes: width " + width + ", depth " + depth + ", heads "
                        + heads + ", frames " + frames + ", joints " + joints);
            }
        }
    }

    /** The name of the cross-dataset bias, J×3 metres, once adaptation is enabled. */
    static final String BIAS = "adapter.bias";

    private record Block(LayerNorm norm1, Linear qkv, Linear proj, LayerNorm norm2, Linear mlp0, Linear mlp1) {
        static Block declare(Parameters p, String name, int c, Random rnd) {
            return new Block(new LayerNorm(p, name + ".norm1", c), new Linear(p, name + ".qkv", c, 3 * c, true, rnd),
                    new Linear(p, name + ".proj", c, c, true, rnd), new LayerNorm(p, name + ".norm2", c),
                    new Linear(p, name + ".mlp.0", c, 2 * c, true, rnd), new Linear(p, name + ".mlp.1", 2 * c, c, true, rnd));
        }
    }

    private final Config config;
    private final Parameters params;
    private final Linear embed;
    private final NDArray jointEmbed;
    private final NDArray frameEmbed;
    private final Linear step0;
    private final Linear step1;
    private final List<Block> spatial = new ArrayList<>();
    private final List<Block> temporal = new ArrayList<>();
    private final LayerNorm spatialNorm;
    private final LayerNorm temporalNorm;
    private final LayerNorm headNorm;
    private final Linear head;
    private NDArray bias;
    private boolean lora;

    /** Declares a randomly initialised denoiser in {@code params} (PyTorch's Linear init, zero embeddings). */
    public Denoiser(Parameters params, Config config, long seed) {
        this.config = config;
        this.params = params;
        Random rnd = new Random(seed);
        int c = config.width();
        embed = new Linear(params, "embed", 5, c, true, rnd);
        jointEmbed = params.declare("joint_embed", params.manager().zeros(new Shape(config.joints(), c)), true);
        frameEmbed = params.declare("frame_embed", params.manager().zeros(new Shape(config.frames(), c)), true);
        step0 = new Linear(params, "step_mlp.0", c, 2 * c, true, rnd);
        step1 = new Linear(params, "step_mlp.1", 2 * c, c, true, rnd);
        for (int d = 0; d < config.depth(); d++) {
            spatial.add(Block.declare(params, "spatial." + d, c, rnd));
            temporal.add(Block.declare(params, "temporal." + d, c, rnd));
        }
        spatialNorm = new LayerNorm(params, "spatial_norm", c);
        temporalNorm = new LayerNorm(params, "temporal_norm", c);
        headNorm = new LayerNorm(params, "head_norm", c);
        head = new Linear(params, "head", c, 3, true, rnd);
    }

    public Config config() {
        return config;
    }

    public Parameters parameters() {
        return params;
    }

    NDManager manager() {
        return params.manager();
    }

    /**
     * Prepares PoSynDA's adaptation: freezes every base weight, then adds rank-r LoRA (scale 1, as
     * PoSynDA's code) to the q/k/v and output projections of every attention layer and/or the
     * zero-initialised J×3 cross-dataset bias, which become the only trainable tensors. The output
     * is unchanged until they are trained. Once per denoiser.
     */
    public void enableAdaptation(int rank, boolean withLora, boolean withBias, long seed) {
        if (lora || bias != null) {
            throw new IllegalStateException("adaptation is already enabled");
        }
        params.setTrainablePrefix("", false);
        Random rnd = new Random(seed);
        if (withLora) {
            for (int d = 0; d < config.depth(); d++) {
                for (Block b : List.of(spatial.get(d), temporal.get(d))) {
                    b.qkv().enableLora(rank, rank, rnd);
                    b.proj().enableLora(rank, rank, rnd);
                }
            }
            lora = true;
        }
        if (withBias) {
            bias = params.declare(BIAS, params.manager().zeros(new Shape(config.joints(), 3)), true);
        }
    }

    public boolean hasLora() {
        return lora;
    }

    public boolean hasBias() {
        return bias != null;
    }

    /** The adaptation's tensors by name: LoRA factors and the bias, where enabled. */
    public Map<String, NDArray> adaptation() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        params.all().forEach((name, a) -> {
            if (name.endsWith(".lora_a") || name.endsWith(".lora_b") || name.equals(BIAS)) {
                out.put(name, a);
            }
        });
        return out;
    }

    /**
     * Predicts x0.
     *
     * @param x2d   [B, F, J, 2] screen-normalised 2D
     * @param noisy [B, F, J, 3] noisy root-relative 3D (already clamped)
     * @param steps the diffusion step of each sample, B values in [0, T)
     * @return [B, F, J, 3] metres
     */
    public NDArray forward(NDArray x2d, NDArray noisy, int[] steps) {
        Shape s = noisy.getShape();
        int b = (int) s.get(0);
        int f = (int) s.get(1);
        int j = (int) s.get(2);
        int c = config.width();
        if (f != config.frames() || j != config.joints() || steps.length != b) {
            throw new IllegalArgumentException("denoiser input " + s + " with " + steps.length + " steps, expected [B, "
                    + config.frames() + ", " + config.joints() + ", 3]");
        }
        NDArray x = embed.forward(x2d.concat(noisy, -1), true).add(jointEmbed);
        NDArray step = step1.forward(Activation.gelu(step0.forward(stepEmbedding(x2d.getManager(), steps), true)), true);
        x = x.add(step.reshape(b, 1, 1, c));
        for (int d = 0; d < config.depth(); d++) {
            NDArray y = spatialNorm.forward(block(x.reshape(b * f, j, c), spatial.get(d)), true);
            y = y.reshape(b, f, j, c).transpose(0, 2, 1, 3).reshape(b * j, f, c);
            if (d == 0) {
                y = y.add(frameEmbed);
            }
            y = temporalNorm.forward(block(y, temporal.get(d)), true);
            x = y.reshape(b, j, f, c).transpose(0, 2, 1, 3);
        }
        NDArray out = head.forward(headNorm.forward(x, true), true);
        return bias == null ? out : out.add(bias);
    }

    /** One pre-norm transformer block over [groups, tokens, C]. */
    private NDArray block(NDArray x, Block blk) {
        int n = (int) x.getShape().get(0);
        int len = (int) x.getShape().get(1);
        int c = config.width();
        int h = config.heads();
        int dh = c / h;
        NDArray qkv = blk.qkv().forward(blk.norm1().forward(x, true), true).reshape(n, len, 3, h, dh).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray att = Scalars.times(q.matMul(k.transpose(0, 1, 3, 2)), 1.0 / Math.sqrt(dh)).softmax(-1);
        NDArray o = att.matMul(v).transpose(0, 2, 1, 3).reshape(n, len, c);
        x = x.add(blk.proj().forward(o, true));
        NDArray y = blk.mlp1().forward(Activation.gelu(blk.mlp0().forward(blk.norm2().forward(x, true), true)), true);
        return x.add(y);
    }

    private NDArray stepEmbedding(NDManager m, int[] steps) {
        int c = config.width();
        int half = c / 2;
        float[] e = new float[steps.length * c];
        for (int i = 0; i < steps.length; i++) {
            for (int k = 0; k < half; k++) {
                double w = Math.exp(-k * Math.log(10000) / (half - 1));
                e[i * c + k] = (float) Math.sin(steps[i] * w);
                e[i * c + half + k] = (float) Math.cos(steps[i] * w);
            }
        }
        return m.create(e, new Shape(steps.length, c));
    }
}
