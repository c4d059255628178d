package org.posetta.adapt.lift;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.posetta.geometry.Camera;
import org.posetta.nn.Checkpoint;
import org.posetta.nn.Parameters;
import org.posetta.nn.Scalars;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * PoSynDA's lifter: a {@link Denoiser} run as a diffusion model. H hypotheses per clip, each from
 * its own noise draw, sampled with K DDIM steps ({@link CosineSchedule}); at every step the clean
 * pose is predicted for the input and for its mirror image and the two are averaged. A sequence is
 * cut into clips of the model's length at the model's frame rate (a faster input is lifted phase by
 * phase, so every frame gets a pose); the output is the per-joint selection by 2D reprojection with
 * a root solved from the 2D, or the mean, with the hypotheses' per-joint spread as uncertainty.
 *
 * <p>Inference is safe from several threads; training and adaptation of one denoiser are not.
 */
public final class DiffusionLifter implements AutoCloseable {
    /** How hypotheses become one pose. */
    public enum Aggregation {
        /** Per joint, the hypothesis with the smallest reprojection error (J-Agg, estimated root). */
        JOINT,
        /** The mean over hypotheses (P-Agg). */
        MEAN
    }

    /**
     * Sampling settings.
     *
     * @param hypotheses H, at least 1 (the spread needs 2 or more)
     * @param steps      K DDIM steps
     * @param eta        DDIM η: 0 deterministic, 1 as D3DP
     * @param seed       for the noise draws
     */
    public record Sampling(int hypotheses, int steps, double eta, Aggregation aggregation, long seed) {
        /** H = 5, K = 1 (the one-step map that PoSynDA adapts), η = 1, per-joint selection. */
        public static final Sampling DEFAULT = new Sampling(5, 1, 1.0, Aggregation.JOINT, 0);

        public Sampling {
            if (hypotheses < 1 || steps < 1 || !(eta >= 0)) {
                throw new IllegalArgumentException("sampling needs H >= 1, K >= 1 and eta >= 0, got " + hypotheses + ", "
                        + steps + ", " + eta);
            }
        }

        public Sampling withHypotheses(int h) {
            return new Sampling(h, steps, eta, aggregation, seed);
        }

        public Sampling withSeed(long s) {
            return new Sampling(hypotheses, steps, eta, aggregation, s);
        }
    }

    /**
     * A lifted sequence.
     *
     * @param positions  T·J·3 root-relative camera-frame metres, the aggregated pose
     * @param spread     T·J per-joint spread over hypotheses, metres
     * @param hypotheses all H hypotheses, T frames each
     */
    public record Lifted(float[] positions, float[] spread, Hypotheses hypotheses) {
    }

    /** Clip values are clamped to ±1.1 m from the pelvis (D3DP). */
    static final float CLAMP = 1.1f;
    /**
     * Clips sampled per forward. Every intermediate of a forward stays in native memory until its
     * scope closes, and each clip enters H times and again mirrored, so the batch, not the
     * sequence's length, sets the peak memory of lifting.
     */
    private static final int BATCH_CLIPS = 4;

    private final NDManager manager;
    private final Parameters params;
    private final Denoiser denoiser;
    private final CosineSchedule schedule;
    private final double fps;
    private final Map<String, Object> card;

    private DiffusionLifter(NDManager manager, Parameters params, Denoiser denoiser, CosineSchedule schedule, double fps,
            Map<String, Object> card) {
        this.manager = manager;
        this.params = params;
        this.denoiser = denoiser;
        this.schedule = schedule;
        this.fps = fps;
        this.card = card;
    }

    /** A new, untrained lifter. */
    public static DiffusionLifter create(Denoiser.Config config, double fps, long seed) {
        NDManager m = NDManager.newBaseManager();
        Parameters p = new Parameters(m);
        return new DiffusionLifter(m, p, new Denoiser(p, config, seed), CosineSchedule.standard(), fps, new LinkedHashMap<>());
    }

    public Denoiser denoiser() {
        return denoiser;
    }

    public CosineSchedule schedule() {
        return schedule;
    }

    /** The frame rate the model was trained at. */
    public double fps() {
        return fps;
    }

    /** The manager under which training steps open their own. */
    NDManager manager() {
        return manager;
    }

    /** The model card (architecture, data, command, figures); a copy. */
    public Map<String, Object> card() {
        return new LinkedHashMap<>(card);
    }

    /** Frames per clip. */
    public int frames() {
        return denoiser.config().frames();
    }

    /**
     * Samples H hypotheses for each clip.
     *
     * @return [clip][hypothesis] F·J·3 root-relative metres, root at 0
     */
    public float[][][] sample(List<PoseSequence.Clip> clips, Sampling s) {
        Random rnd = new Random(s.seed());
        float[][][] out = new float[clips.size()][][];
        for (int from = 0; from < clips.size(); from += BATCH_CLIPS) {
            List<PoseSequence.Clip> batch = clips.subList(from, Math.min(clips.size(), from + BATCH_CLIPS));
            float[][][] part = sampleBatch(batch, s, rnd);
            System.arraycopy(part, 0, out, from, part.length);
        }
        return out;
    }

    private float[][][] sampleBatch(List<PoseSequence.Clip> clips, Sampling s, Random rnd) {
        int h = s.hypotheses();
        int n = clips.size() * h;
        int size = frames() * PoseSequence.JOINTS * 3;
        float[] xt = new float[n * size];
        for (int i = 0; i < xt.length; i++) {
            xt[i] = (float) rnd.nextGaussian();
        }
        float[] x0 = new float[xt.length];
        NDManager m = denoiser.manager();
        try (NDScope scope = new NDScope()) {
            NDArray x2d = ClipTensors.inputs(m, clips, h);
            for (int[] pair : schedule.timePairs(s.steps())) {
                float[] clamped = xt.clone();
                clamp(clamped);
                NDArray noisy = m.create(clamped, new Shape(n, frames(), PoseSequence.JOINTS, 3));
                int[] steps = new int[n];
                Arrays.fill(steps, pair[0]);
                float[] pred = predict(x2d, noisy, steps).toFloatArray();
                System.arraycopy(pred, 0, x0, 0, pred.length);
                float[] z = null;
                if (pair[1] >= 0 && s.eta() > 0) {
                    z = new float[xt.length];
                    for (int i = 0; i < z.length; i++) {
                        z[i] = (float) rnd.nextGaussian();
                    }
                }
                schedule.ddimStep(xt, x0, pair[0], pair[1], s.eta(), z, xt);
            }
        }
        float[][][] out = new float[clips.size()][h][];
        for (int c = 0; c < clips.size(); c++) {
            for (int k = 0; k < h; k++) {
                float[] pose = Arrays.copyOfRange(x0, (c * h + k) * size, (c * h + k + 1) * size);
                for (int f = 0; f < frames(); f++) {
                    int r = f * PoseSequence.JOINTS * 3;
                    pose[r] = 0;
                    pose[r + 1] = 0;
                    pose[r + 2] = 0;
                }
                out[c][k] = pose;
            }
        }
        return out;
    }

    /**
     * The flip-averaged, clamped clean-pose prediction: the denoiser on the input and on its
     * mirror image in one batch, the second mirrored back, the two averaged. Differentiable.
     */
    NDArray predict(NDArray x2d, NDArray noisy, int[] steps) {
        int[] both = new int[steps.length * 2];
        System.arraycopy(steps, 0, both, 0, steps.length);
        System.arraycopy(steps, 0, both, steps.length, steps.length);
        NDArray in2d = x2d.concat(ClipTensors.mirror(x2d), 0);
        NDArray in3d = noisy.concat(ClipTensors.mirror(noisy), 0);
        NDArray y = denoiser.forward(in2d, in3d, both);
        NDList halves = y.split(2, 0);
        return Scalars.times(halves.get(0).add(ClipTensors.mirror(halves.get(1))), 0.5).clip(-CLAMP, CLAMP);
    }

    static void clamp(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(-CLAMP, Math.min(CLAMP, v[i]));
        }
    }

    /** The frame step that brings {@code sequence} to the model's rate (1 if it is not faster). */
    public int strideFor(PoseSequence sequence) {
        return Math.max(1, (int) Math.round(sequence.fps() / fps));
    }

    /**
     * Lifts a whole sequence: clips of {@link #frames()} at the model's rate, every frame once.
     */
    public Lifted lift(PoseSequence sequence, Sampling s) {
        return lift(List.of(sequence), s).get(0);
    }

    /** Lifts several sequences, their clips sampled together in batches. */
    public List<Lifted> lift(List<PoseSequence> sequences, Sampling s) {
        record Window(int sequence, int phase, int stride, PoseSequence.Clip clip, int firstNew, int frames) {
        }
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            PoseSequence seq = sequences.get(i);
            int stride = strideFor(seq);
            for (int phase = 0; phase < Math.min(stride, seq.frames()); phase++) {
                PoseSequence sub = seq.every(stride, phase);
                int covered = 0;
                for (int start : sub.windowStarts(frames())) {
                    PoseSequence.Clip c = sub.clip(start, frames());
                    windows.add(new Window(i, phase, stride, c, c.firstNew(covered), sub.frames()));
                    covered = start + frames();
                }
            }
        }
        float[][][] sampled = sample(windows.stream().map(Window::clip).toList(), s);
        int size = PoseSequence.JOINTS * 3;
        float[][][] poses = new float[sequences.size()][][];
        for (int i = 0; i < sequences.size(); i++) {
            poses[i] = new float[s.hypotheses()][sequences.get(i).frames() * size];
        }
        for (int w = 0; w < windows.size(); w++) {
            Window win = windows.get(w);
            for (int f = win.firstNew(); f < frames() && win.clip().start() + f < win.frames(); f++) {
                int dst = win.phase() + (win.clip().start() + f) * win.stride();
                for (int k = 0; k < s.hypotheses(); k++) {
                    System.arraycopy(sampled[w][k], f * size, poses[win.sequence()][k], dst * size, size);
                }
            }
        }
        List<Lifted> out = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            PoseSequence seq = sequences.get(i);
            Hypotheses hyp = new Hypotheses(poses[i], PoseSequence.JOINTS);
            float[] positions = s.aggregation() == Aggregation.JOINT
                    ? hyp.selectPerJoint(seq.pixels(), seq.confidence(), seq.camera())
                    : hyp.mean();
            out.add(new Lifted(positions, hyp.spread(), hyp));
        }
        return out;
    }

    /**
     * Lifts 2D keypoints (any layout with a map to H36M-17) to root-relative camera-frame 3D with the
     * per-joint spread over hypotheses as uncertainty.
     *
     * @param camera the camera that saw them, or {@code null} for {@link Camera#defaultFor} the image size
     */
    public Motion3d lift(Keypoints2d keypoints, Camera camera, Sampling s) {
        PoseSequence seq = PoseSequence.of("input", keypoints, camera);
        Lifted lifted = lift(seq, s);
        boolean[] valid = new boolean[seq.confidence().length];
        int j = PoseSequence.JOINTS;
        for (int f = 0; f < seq.frames(); f++) {
            boolean any = false;
            for (int q = f * j; q < (f + 1) * j; q++) {
                any |= seq.confidence()[q] > 0;
            }
            for (int q = f * j; q < (f + 1) * j; q++) {
                valid[q] = any;
            }
        }
        Provenance p = keypoints.provenance().withStep(Map.of("step", "lift", "model", String.valueOf(card.getOrDefault("name", "diffusion-lifter")),
                "hypotheses", s.hypotheses(), "sampling_steps", s.steps(), "eta", s.eta(), "aggregation",
                s.aggregation().name().toLowerCase(), "seed", s.seed(), "adapted", denoiser.hasLora() || denoiser.hasBias()));
        return new Motion3d(Layout.H36M17, keypoints.fps(), CoordinateFrame.CAMERA, lifted.positions(), valid, p)
                .withUncertainty(lifted.spread());
    }

    /**
     * Writes the denoiser as {@code NAME.safetensors} with its card {@code NAME.json} in
     * {@code folder} ({@link Checkpoint}); the card gets the architecture besides {@code extraCard}.
     */
    public void save(Path folder, String name, Map<String, Object> extraCard) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("architecture", architecture());
        c.putAll(extraCard);
        Checkpoint.save(folder.resolve(name + ".safetensors"), params, c);
    }

    Map<String, Object> architecture() {
        Denoiser.Config k = denoiser.config();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", "MixSTE-style spatial/temporal transformer denoiser (D3DP), x0 prediction");
        a.put("width", k.width());
        a.put("depth", k.depth());
        a.put("heads", k.heads());
        a.put("frames", k.frames());
        a.put("joints", k.joints());
        a.put("fps", fps);
        a.put("diffusion_steps", schedule.steps());
        a.put("schedule", "cosine, s = 0.008");
        a.put("parameters", params.count());
        return a;
    }

    /** Reads a lifter written by {@link #save}: {@code file} is the {@code .safetensors}, its card beside it. */
    public static DiffusionLifter load(Path file) {
        Path cardFile = Checkpoint.cardPath(file);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(cardFile)) {
            throw new PosettaException("model " + file + " or its card " + cardFile.getFileName() + " does not exist: give a"
                    + " file written by 'posetta train diffusion-lifter'.");
        }
        try (InputStream weights = Files.newInputStream(file)) {
            return read(weights, Checkpoint.readCard(cardFile), file.toString());
        } catch (IOException e) {
            throw new PosettaException("model " + file + " cannot be read (" + e.getMessage() + "): train it again.", e);
        }
    }

    /** The model shipped in the jar as {@code models/NAME.safetensors} with its card. */
    public static DiffusionLifter shipped(String name) {
        String base = "/models/" + name;
        try (InputStream weights = DiffusionLifter.class.getResourceAsStream(base + ".safetensors");
                InputStream cardIn = DiffusionLifter.class.getResourceAsStream(base + ".json")) {
            if (weights == null || cardIn == null) {
                throw new PosettaException("the model " + name + " is not in this build: run 'posetta train diffusion-lifter'"
                        + " and pass the result with --weights.");
            }
            return read(weights, Checkpoint.readCard(cardIn, "models/" + name + ".json"), "models/" + name);
        } catch (IOException e) {
            throw new PosettaException("the shipped model " + name + " cannot be read: rebuild posetta.", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static DiffusionLifter read(InputStream weights, Map<String, Object> card, String what) {
        if (!(card.get("architecture") instanceof Map<?, ?> raw)) {
            throw new PosettaException(what + " has a card without an architecture: train the model again.");
        }
        Map<String, Object> a = (Map<String, Object>) raw;
        Denoiser.Config config = new Denoiser.Config(num(a, "width"), num(a, "depth"), num(a, "heads"), num(a, "frames"),
                num(a, "joints"));
        if (!(a.get("fps") instanceof Number rate)) {
            throw new PosettaException(what + " has a card without a frame rate: train the model again.");
        }
        DiffusionLifter lifter = create(config, rate.doubleValue(), 0);
        try {
            Checkpoint.load(weights, what, lifter.params);
        } catch (RuntimeException e) {
            lifter.close();
            throw e;
        }
        lifter.card.putAll(card);
        return lifter;
    }

    private static int num(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (!(v instanceof Number n)) {
            throw new PosettaException("the model card has no " + key + ": train the model again.");
        }
        return n.intValue();
    }

    @Override
    public void close() {
        manager.close();
    }
}
