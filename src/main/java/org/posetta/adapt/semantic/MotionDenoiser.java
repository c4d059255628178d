package org.posetta.adapt.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.posetta.nn.Checkpoint;
import org.posetta.nn.LayerNorm;
import org.posetta.nn.Linear;
import org.posetta.nn.Parameters;
import org.posetta.nn.Scalars;
import org.posetta.nn.Standardiser;
import org.posetta.pose.PosettaException;

/**
 * CycleAdapt's motion denoiser (MDNet, Nam et al. 2023) on 3D joint positions: masked
 * in-painting of {@value #WINDOW}-frame windows of H36M-17 root-relative camera-frame joints in
 * metres.
 *
 * <p>Per frame t the 51 coordinates are standardised, z = (x − μ) / σ, set to 0 where the frame
 * is masked (as MDNet zeroes masked inputs), and joined by the mask flag m_t ∈ {0, 1}; then
 * <pre>
 *   h ← W_in [z_t, m_t] + b_in                          (52 → C, per frame)
 *   h ← h + LN_C(W_t h + b_t)     four times            (W_t: 49 × 49 over time, shared by all C channels)
 *   y_t ← σ ⊙ (W_out h_t + b_out) + μ                    (C → 51, per frame)
 * </pre>
 * and the root (joint 0) is moved to the origin in every output frame. LN_C normalises the C
 * channels of each frame (ε = 1e-5, learned gain and shift). There is no activation and no skip
 * from input to output, as in MDNet: every frame of the output, masked or not, is the network's
 * reconstruction.
 *
 * <p>Initialisation follows MDNet: W_t and W_out are Xavier-uniform with gain 1e-8 and their
 * biases zero, so each block starts as the identity (LN of a near-zero input is its shift, 0)
 * and the output starts at zero. In MDNet's 6D space a zero output is meaningless; here the
 * output is read in standardised units, so a zero output is the mean pose μ of the training
 * data, a valid standing body, and what the network learns is the per-coordinate deviation from
 * it in units of σ (about 0.1–0.3 m), a scale at which AdamW's steps of the learning rate are
 * the right size. μ and σ are fixed statistics of the pretraining windows, stored with the
 * weights and never trained ({@code coordinates.mean}, {@code coordinates.std}).
 *
 * <p>The {@code training} flag of {@link #forward} changes nothing (the network has no dropout);
 * it is there so callers state their intent. Holds native memory: close it.
 */
public final class MotionDenoiser implements AutoCloseable {
    /** Frames per window. */
    public static final int WINDOW = 49;
    /** The shipped weights, as a resource of the jar; the card is {@code motion-denoiser.json}. */
    public static final String RESOURCE = "/models/motion-denoiser.safetensors";
    static final int JOINTS = 17;
    static final int COORDINATES = JOINTS * 3;
    /** Masked frames per window, the middle one always among them (MDNet: 25 of 49). */
    static final int MASKED = 25;
    static final int MIDDLE = WINDOW / 2;
    private static final int BLOCKS = 4;
    private static final double INIT_GAIN = 1e-8;

    private final NDManager manager;
    private final Parameters params;
    private final int width;
    private final Standardiser coordinates;
    private final Linear in;
    private final List<Linear> time = new ArrayList<>();
    private final List<LayerNorm> norms = new ArrayList<>();
    private final Linear out;
    private final Map<String, Object> card;

    private MotionDenoiser(int width, long seed, Map<String, Object> card) {
        this.width = width;
        this.manager = NDManager.newBaseManager();
        this.params = new Parameters(manager);
        Random rng = new Random(seed);
        this.coordinates = new Standardiser(params, "coordinates", COORDINATES);
        this.in = new Linear(params, "in", COORDINATES + 1, width, true, rng);
        for (int b = 0; b < BLOCKS; b++) {
            Linear t = new Linear(params, "blocks." + b + ".time", WINDOW, WINDOW, true, rng);
            nearZero(params, "blocks." + b + ".time", WINDOW, WINDOW, rng);
            time.add(t);
            norms.add(new LayerNorm(params, "blocks." + b + ".norm", width));
        }
        this.out = new Linear(params, "out", width, COORDINATES, true, rng);
        nearZero(params, "out", width, COORDINATES, rng);
        Map<String, Object> c = new LinkedHashMap<>(card);
        c.put("architecture", architecture(width));
        this.card = Collections.unmodifiableMap(c);
    }

    /** A new, untrained denoiser of width {@code width} (μ = 0, σ = 1 until {@link #fitCoordinates}). */
    static MotionDenoiser create(int width, long seed) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive, got " + width);
        }
        return new MotionDenoiser(width, seed, Map.of());
    }

    /** A fresh instance with the shipped weights; call again for weights untouched by any adaptation. */
    public static MotionDenoiser shipped() {
        return Checkpoint.openShipped(RESOURCE, "motion denoiser", "posetta train motion-denoiser", MotionDenoiser::read);
    }

    /** Weights written by {@code posetta train motion-denoiser}, with their card ({@code NAME.json}) next to them. */
    public static MotionDenoiser load(Path weights) {
        return Checkpoint.open(weights, "posetta train motion-denoiser", MotionDenoiser::read);
    }

    @SuppressWarnings("unchecked")
    private static MotionDenoiser read(Map<String, Object> card, InputStream weights, String source) {
        int width;
        try {
            Map<String, Object> a = (Map<String, Object>) card.get("architecture");
            width = ((Number) a.get("width")).intValue();
            if (((Number) a.get("window")).intValue() != WINDOW || ((Number) a.get("blocks")).intValue() != BLOCKS || width < 1) {
                throw new IllegalArgumentException("window, blocks or width out of range");
            }
        } catch (RuntimeException e) {
            throw new PosettaException("The card of " + source + " has no valid motion-denoiser 'architecture' (" + e.getMessage()
                    + "): give weights written by posetta train motion-denoiser.", e);
        }
        MotionDenoiser d = new MotionDenoiser(width, 0, card);
        try {
            Checkpoint.load(weights, source, d.params);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    private static Map<String, Object> architecture(int width) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", "motion-denoiser");
        a.put("form", "MDNet (CycleAdapt): per-frame linear, 4 × (x + LN(W_t x)) over time, per-frame linear; no activation");
        a.put("window", WINDOW);
        a.put("blocks", BLOCKS);
        a.put("width", width);
        a.put("inputs", "49 frames × (51 standardised H36M-17 root-relative camera-frame coordinates, 0 where masked, + mask flag)");
        a.put("outputs", "49 frames × 17 joints, root-relative camera frame, metres");
        return a;
    }

    /** Replaces the weight of {@code name} by Xavier-uniform values of gain {@link #INIT_GAIN} and its bias by zeros. */
    private static void nearZero(Parameters params, String name, int fanIn, int fanOut, Random rng) {
        double bound = INIT_GAIN * Math.sqrt(6.0 / (fanIn + fanOut));
        float[] w = new float[fanIn * fanOut];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        params.get(name + ".weight").set(w);
        params.get(name + ".bias").set(new float[fanOut]);
    }

    /**
     * MDNet's mask for one window: {@value #MASKED} of the {@value #WINDOW} values are 1 — the
     * middle frame (index {@value #MIDDLE}) always, plus 24 of the other 48 drawn uniformly
     * without replacement; the rest are 0.
     */
    public static float[] randomMask(Random rng) {
        int[] others = new int[WINDOW - 1];
        for (int i = 0, k = 0; i < WINDOW; i++) {
            if (i != MIDDLE) {
                others[k++] = i;
            }
        }
        float[] mask = new float[WINDOW];
        mask[MIDDLE] = 1;
        // partial Fisher–Yates: the first MASKED − 1 entries become a uniform sample without replacement
        for (int i = 0; i < MASKED - 1; i++) {
            int j = i + rng.nextInt(others.length - i);
            int swap = others[i];
            others[i] = others[j];
            others[j] = swap;
            mask[others[i]] = 1;
        }
        return mask;
    }

    /**
     * MDNet's loss: the mean absolute difference (metres) over the coordinates of the masked
     * frames only, Σ_t m_t Σ_k |ŷ_tk − y_tk| / (51 Σ_t m_t), over the whole batch.
     *
     * @param predicted [B, 49, 17, 3]
     * @param target    [B, 49, 17, 3]
     * @param mask      [B, 49], 1 = masked
     */
    public static NDArray maskedL1(NDArray predicted, NDArray target, NDArray mask) {
        long b = predicted.getShape().get(0);
        NDArray m = mask.toType(DataType.FLOAT32, false).reshape(b, WINDOW, 1);
        NDArray abs = predicted.sub(target).abs().reshape(b, WINDOW, COORDINATES).mul(m);
        return abs.sum().div(Scalars.times(m.sum(), COORDINATES).add(1e-12f));
    }

    public Parameters parameters() {
        return params;
    }

    /** The card: architecture, and for trained weights the data, command and validation figures. */
    public Map<String, Object> card() {
        return card;
    }

    /**
     * In-paints and denoises windows.
     *
     * @param windows  [B, 49, 17, 3] root-relative camera-frame metres (values of masked frames are ignored)
     * @param mask     [B, 49], 1 where the frame is masked (unknown)
     * @param training no effect (no dropout); see the class comment
     * @return [B, 49, 17, 3] metres, joint 0 at the origin in every frame, in {@code windows}' manager
     */
    public NDArray forward(NDArray windows, NDArray mask, boolean training) {
        Shape s = windows.getShape();
        if (s.dimension() != 4 || s.get(1) != WINDOW || s.get(2) != JOINTS || s.get(3) != 3) {
            throw new IllegalArgumentException("windows must be [B, " + WINDOW + ", 17, 3], got " + s);
        }
        long b = s.get(0);
        if (!mask.getShape().equals(new Shape(b, WINDOW))) {
            throw new IllegalArgumentException("mask must be [" + b + ", " + WINDOW + "], got " + mask.getShape());
        }
        NDArray m = mask.toType(DataType.FLOAT32, false).reshape(b, WINDOW, 1);
        NDArray z = coordinates.normalise(windows.reshape(b, WINDOW, COORDINATES)).mul(Scalars.times(m, -1).add(1));
        NDArray h = in.forward(NDArrays.concat(new NDList(z, m), 2), training);
        for (int k = 0; k < BLOCKS; k++) {
            NDArray mixed = time.get(k).forward(h.transpose(0, 2, 1), training).transpose(0, 2, 1);
            h = h.add(norms.get(k).forward(mixed, training));
        }
        NDArray y = coordinates.denormalise(out.forward(h, training)).reshape(b, WINDOW, JOINTS, 3);
        return y.sub(y.get(new NDIndex(":, :, 0:1, :")));
    }

    /** Sets μ and σ of the coordinates from rows of 51 root-relative values (pretraining only, before any step). */
    void fitCoordinates(float[] frames) {
        coordinates.fit(frames, null);
    }

    /** Writes the weights and a card made of {@code entries} plus the architecture. */
    void save(Path weights, Map<String, Object> entries) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model", "motion-denoiser");
        c.put("architecture", architecture(width));
        c.put("parameters", params.count());
        c.putAll(entries);
        Checkpoint.save(weights, params, c);
    }

    @Override
    public void close() {
        manager.close();
    }
}
