package org.posetta.adapt.lift;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
 * Linear(2C → C).
 *
 * <p>Adaptation ({@link Adapter}) adds rank-r LoRA deltas B·A to the fused q/k/v projection and the
 * output projection of every attention layer and a J×3 bias to the output; the base weights are
 * never changed by it. Parameters live in one {@link NDManager}; {@link #close} frees them.
 */
public final class Denoiser implements AutoCloseable {
    /** Sizes of the network. */
    public record Config(int width, int depth, int heads, int frames, int joints) {
        public Config {
            if (width <= 0 || depth <= 0 || heads <= 0 || width % heads != 0 || width % 2 != 0 || frames <= 0 || joints <= 0) {
                throw new IllegalArgumentException("invalid denoiser sizes: width " + width + ", depth " + depth + ", heads "
                        + heads + ", frames " + frames + ", joints " + joints);
            }
        }
    }

    static final float LN_EPS = 1e-6f;
    static final float HEAD_LN_EPS = 1e-5f;

    private final Config config;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private Adapter adapter;

    private Denoiser(Config config, NDManager manager, Map<String, NDArray> parameters) {
        this.config = config;
        this.manager = manager;
        this.parameters = parameters;
    }

    /** A randomly initialised denoiser (PyTorch's default Linear init, zero embeddings). */
    public static Denoiser create(Config config, NDManager parent, long seed) {
        NDManager m = parent.newSubManager();
        Random rnd = new Random(seed);
        Map<String, NDArray> p = new LinkedHashMap<>();
        int c = config.width();
        linear(m, p, "embed", 5, c, rnd);
        p.put("joint_embed", m.zeros(new Shape(config.joints(), c)));
        p.put("frame_embed", m.zeros(new Shape(config.frames(), c)));
        linear(m, p, "step_mlp.0", c, 2 * c, rnd);
        linear(m, p, "step_mlp.1", 2 * c, c, rnd);
        for (int d = 0; d < config.depth(); d++) {
            for (String kind : new String[] {"spatial", "temporal"}) {
                String b = kind + "." + d + ".";
                norm(m, p, b + "norm1", c);
                linear(m, p, b + "qkv", c, 3 * c, rnd);
                linear(m, p, b + "proj", c, c, rnd);
                norm(m, p, b + "norm2", c);
                linear(m, p, b + "mlp.0", c, 2 * c, rnd);
                linear(m, p, b + "mlp.1", 2 * c, c, rnd);
            }
        }
        norm(m, p, "spatial_norm", c);
        norm(m, p, "temporal_norm", c);
        norm(m, p, "head_norm", c);
        linear(m, p, "head", c, 3, rnd);
        for (NDArray a : p.values()) {
            a.setRequiresGradient(true);
        }
        return new Denoiser(config, m, p);
    }

    /**
     * A denoiser with the given parameters (e.g. read from a checkpoint); missing or
     * wrongly shaped ones are an {@link IllegalArgumentException}.
     */
    public static Denoiser of(Config config, NDManager parent, Map<String, NDArray> values) {
        try (NDManager reference = parent.newSubManager(); Denoiser shapes = create(config, reference, 0)) {
            NDManager m = parent.newSubManager();
            Map<String, NDArray> p = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : shapes.parameters.entrySet()) {
                NDArray v = values.get(e.getKey());
                if (v == null || !v.getShape().equals(e.getValue().getShape())) {
                    m.close();
                    throw new IllegalArgumentException("parameter " + e.getKey() + " is " + (v == null ? "missing" : v.getShape())
                            + ", expected " + e.getValue().getShape());
                }
                NDArray copy = m.create(v.toFloatArray(), v.getShape());
                copy.setRequiresGradient(true);
                p.put(e.getKey(), copy);
            }
            return new Denoiser(config, m, p);
        }
    }

    public Config config() {
        return config;
    }

    /** The base parameters by name, in a fixed order (not copies: do not close them). */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** The number of base parameters (not counting an adapter). */
    public long parameterCount() {
        return parameters.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** The adapter in use, or {@code null}. */
    public Adapter adapter() {
        return adapter;
    }

    /** Uses {@code a} (or none, {@code null}) in every later forward pass. */
    public void useAdapter(Adapter a) {
        if (a != null && (a.depth() != config.depth() || a.width() != config.width() || a.joints() != config.joints())) {
            throw new IllegalArgumentException("adapter for width " + a.width() + ", depth " + a.depth()
                    + " does not fit this denoiser (width " + config.width() + ", depth " + config.depth() + ")");
        }
        this.adapter = a;
    }

    /** The manager that owns the parameters; adapters for this denoiser are created under it. */
    NDManager manager() {
        return manager;
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
        NDArray x = linear(x2d.concat(noisy, -1), "embed");
        x = x.add(p("joint_embed"));
        NDArray step = stepEmbedding(x2d.getManager(), steps);
        step = linear(Activation.gelu(linear(step, "step_mlp.0")), "step_mlp.1");
        x = x.add(step.reshape(b, 1, 1, c));
        for (int d = 0; d < config.depth(); d++) {
            NDArray spatial = block(x.reshape(b * f, j, c), "spatial." + d + ".", d, 0);
            spatial = LayerNorm.layerNorm(spatial, new Shape(c), p("spatial_norm.weight"), p("spatial_norm.bias"), LN_EPS).get(0);
            NDArray temporal = spatial.reshape(b, f, j, c).transpose(0, 2, 1, 3).reshape(b * j, f, c);
            if (d == 0) {
                temporal = temporal.add(p("frame_embed"));
            }
            temporal = block(temporal, "temporal." + d + ".", d, 1);
            temporal = LayerNorm.layerNorm(temporal, new Shape(c), p("temporal_norm.weight"), p("temporal_norm.bias"), LN_EPS).get(0);
            x = temporal.reshape(b, j, f, c).transpose(0, 2, 1, 3);
        }
        x = LayerNorm.layerNorm(x, new Shape(c), p("head_norm.weight"), p("head_norm.bias"), HEAD_LN_EPS).get(0);
        NDArray out = linear(x, "head");
        if (adapter != null) {
            out = out.add(adapter.bias());
        }
        return out;
    }

    private NDArray block(NDArray x, String name, int depth, int kind) {
        int n = (int) x.getShape().get(0);
        int len = (int) x.getShape().get(1);
        int c = config.width();
        int h = config.heads();
        int dh = c / h;
        NDArray y = LayerNorm.layerNorm(x, new Shape(c), p(name + "norm1.weight"), p(name + "norm1.bias"), LN_EPS).get(0);
        NDArray qkv = adapted(y, name + "qkv", depth, kind, 0);
        qkv = qkv.reshape(n, len, 3, h, dh).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(dh)).softmax(-1);
        NDArray o = att.matMul(v).transpose(0, 2, 1, 3).reshape(n, len, c);
        x = x.add(adapted(o, name + "proj", depth, kind, 1));
        y = LayerNorm.layerNorm(x, new Shape(c), p(name + "norm2.weight"), p(name + "norm2.bias"), LN_EPS).get(0);
        y = linear(Activation.gelu(linear(y, name + "mlp.0")), name + "mlp.1");
        return x.add(y);
    }

    private NDArray adapted(NDArray x, String name, int depth, int kind, int which) {
        NDArray out = linear(x, name);
        if (adapter != null && adapter.hasLora()) {
            out = out.add(adapter.delta(x, depth, kind, which));
        }
        return out;
    }

    private NDArray linear(NDArray x, String name) {
        return Linear.linear(x, p(name + ".weight"), p(name + ".bias")).get(0);
    }

    private NDArray p(String name) {
        return parameters.get(name);
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

    /** The base parameters as a named list, for checkpoints. */
    public NDList toNamedList() {
        List<NDArray> list = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray a = e.getValue().duplicate();
            a.setName(e.getKey());
            list.add(a);
        }
        return new NDList(list);
    }

    @Override
    public void close() {
        manager.close();
    }

    private static void linear(NDManager m, Map<String, NDArray> p, String name, int in, int out, Random rnd) {
        double bound = 1 / Math.sqrt(in);
        p.put(name + ".weight", uniform(m, new Shape(out, in), bound, rnd));
        p.put(name + ".bias", uniform(m, new Shape(out), bound, rnd));
    }

    private static void norm(NDManager m, Map<String, NDArray> p, String name, int c) {
        p.put(name + ".weight", m.ones(new Shape(c), DataType.FLOAT32));
        p.put(name + ".bias", m.zeros(new Shape(c), DataType.FLOAT32));
    }

    private static NDArray uniform(NDManager m, Shape shape, double bound, Random rnd) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * rnd.nextDouble() - 1) * bound);
        }
        return m.create(v, shape);
    }
}
