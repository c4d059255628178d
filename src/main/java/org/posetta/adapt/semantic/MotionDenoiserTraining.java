package org.posetta.adapt.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.posetta.data.Human36m;
import org.posetta.geometry.AxisAngle;
import org.posetta.geometry.Camera;
import org.posetta.geometry.Interpolation;
import org.posetta.geometry.RotationMatrix;
import org.posetta.nn.AdamW;
import org.posetta.nn.LrSchedule;
import org.posetta.nn.Scalars;
import org.posetta.nn.Torch;
import org.posetta.nn.TrainingLoop;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.Provenance;

/**
 * Pretraining of the {@link MotionDenoiser} on Human3.6M ground-truth 3D: masked in-painting of
 * noisy windows (CycleAdapt's MDNet objective, methods §7.1, §7.3).
 *
 * <p>Data: the training subjects' sequences seen by every camera, in the camera frame,
 * root-relative, metres. A window takes {@value MotionDenoiser#WINDOW} frames of the 50 fps data
 * at a frame step drawn from {@link #FRAME_STEPS}: 5 (10 fps, the rate of the adapter's
 * benchmark; the window spans 4.8 s), 2 (25 fps, 1.92 s) and 5/3 (30 fps, the video pipeline's
 * rate, 1.6 s; positions interpolated linearly between the 50 fps frames), each with probability
 * 1/3, so the denoiser has seen the motion speeds it meets at each of these rates. The last
 * fifth ({@link #HELD_OUT_SHARE}) of every sequence of the validation subject (S8, a training subject;
 * S9 and S11 are never read) is held out and gives the validation windows.
 *
 * <p>Inputs: the window with MDNet's random 25-of-49 mask ({@link MotionDenoiser#randomMask}),
 * the unmasked frames corrupted as a per-frame lifter's outputs are ({@link #corrupt}); target:
 * the clean window; loss: L1 on the masked frames ({@link MotionDenoiser#maskedL1}, MDNet's loss)
 * plus {@code unmaskedWeight} times L1 on the unmasked frames. MDNet's loss leaves the outputs
 * of unmasked frames unconstrained, and they drift far from the pose (on the validation windows,
 * further than the noisy input), yet CycleAdapt averages every frame of every window into its
 * pseudo-labels; the second term makes those outputs denoised poses.
 * AdamW (β 0.9/0.999, weight decay on matrices only, gradient-norm clip 1) with a linear warm-up
 * and a cosine decay to a hundredth of the peak rate.
 */
public final class MotionDenoiserTraining {
    /** Frame steps of the 50 fps data: 10, 25 and 30 fps. */
    static final double[] FRAME_STEPS = {5, 2, 50.0 / 30};
    /** Share of each validation-subject sequence, at its end, kept out of training. */
    static final double HELD_OUT_SHARE = 0.2;
    /** Gaussian joint jitter σ, drawn per window uniformly between these (metres). */
    static final double JITTER_MIN = 0.01;
    static final double JITTER_MAX = 0.03;
    /** Per-frame whole-pose noise: rotation about the root, σ per axis (radians), and scale σ. */
    static final double POSE_ROTATION_SIGMA = Math.toRadians(3);
    static final double POSE_SCALE_SIGMA = 0.03;
    private static final int WARMUP = 200;
    private static final int VALIDATION_PER_RATE = 128;
    private static final int STATISTICS_WINDOWS = 2048;
    private static final double CHECKPOINT_MINUTES = 4;

    /**
     * @param validationSubject a training subject whose sequences' ends are held out
     * @param maxSeconds        stop early, with a checkpoint, after this much wall time
     */
    public record Settings(int width, int batch, int steps, double learningRate, double weightDecay, double unmaskedWeight,
            long seed, long maxSeconds, List<String> subjects, List<String> cameras, String validationSubject) {
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batch", batch);
            m.put("steps", steps);
            m.put("optimizer", "AdamW, betas 0.9/0.999, weight decay " + weightDecay + " (matrices only), global-norm clip 1");
            m.put("learning_rate", "linear warm-up over " + WARMUP + " steps to " + learningRate + ", cosine to "
                    + learningRate / 100 + " at step " + steps);
            m.put("loss", "L1 (metres) over the coordinates of the masked frames + " + unmaskedWeight
                    + " · L1 over the unmasked frames (denoising; MDNet's loss has the first term only)");
            m.put("mask", "25 of 49 frames: the middle frame always, 24 others uniformly without replacement");
            m.put("noise", String.format(Locale.ROOT, "unmasked frames: per-frame rotation about the root (σ %.0f° per axis) and scale "
                    + "(σ %.0f%%), then Gaussian joint jitter with σ drawn per window from [%.0f, %.0f] cm",
                    Math.toDegrees(POSE_ROTATION_SIGMA), 100 * POSE_SCALE_SIGMA, 100 * JITTER_MIN, 100 * JITTER_MAX));
            m.put("seed", seed);
            m.put("max_minutes", maxSeconds / 60.0);
            return m;
        }
    }

    /** A stretch [from, to) of one sequence's 50 fps frames, with the subject's cameras. */
    private record Stretch(String subject, float[] world, int from, int to) {
    }

    private final Human36m data;
    private final Settings settings;
    private final Consumer<String> log;
    private final List<Stretch> train = new ArrayList<>();
    private final List<Stretch> held = new ArrayList<>();
    private long trainFrames;

    public MotionDenoiserTraining(Human36m data, Settings settings, Consumer<String> log) {
        this.data = data;
        this.settings = settings;
        this.log = log;
        int longest = (int) Math.ceil(FRAME_STEPS[0] * (MotionDenoiser.WINDOW - 1)) + 1;
        for (String subject : settings.subjects()) {
            for (String action : data.actions(subject)) {
                float[] xyz = data.worldPositions(subject, action).positions();
                int frames = xyz.length / MotionDenoiser.COORDINATES;
                int cut = frames;
                if (subject.equals(settings.validationSubject())) {
                    cut = frames - Math.max(longest, (int) Math.round(HELD_OUT_SHARE * frames));
                    if (cut >= 0) {
                        held.add(new Stretch(subject, xyz, cut, frames));
                    }
                }
                if (cut >= longest) {
                    train.add(new Stretch(subject, xyz, 0, cut));
                    trainFrames += cut;
                }
            }
        }
    }

    /** What a finished run reached. */
    public record Result(long steps, double wallSeconds, Map<String, Object> validation) {
    }

    /** Trains and writes {@code weights} with its card every few minutes and at the end. */
    public Result run(Path weights, Map<String, Object> cardEntries) {
        Settings s = settings;
        long start = System.nanoTime();
        Random random = new Random(s.seed());
        List<float[]> validationWindows = new ArrayList<>();
        List<float[]> validationMasks = new ArrayList<>();
        List<float[]> validationNoisy = new ArrayList<>();
        Random v = new Random(s.seed() + 1);
        for (double step : FRAME_STEPS) {
            for (int i = 0; i < VALIDATION_PER_RATE; i++) {
                float[] clean = sample(held, step, v);
                float[] mask = MotionDenoiser.randomMask(v);
                validationWindows.add(clean);
                validationMasks.add(mask);
                validationNoisy.add(corrupt(clean, mask, v));
            }
        }
        try (MotionDenoiser net = MotionDenoiser.create(s.width(), s.seed())) {
            float[] rows = new float[STATISTICS_WINDOWS * MotionDenoiser.WINDOW * MotionDenoiser.COORDINATES];
            for (int i = 0; i < STATISTICS_WINDOWS; i++) {
                float[] w = sample(train, FRAME_STEPS[random.nextInt(FRAME_STEPS.length)], random);
                System.arraycopy(w, 0, rows, i * w.length, w.length);
            }
            net.fitCoordinates(rows);
            log.accept(String.format(Locale.ROOT, "motion denoiser width %d, %d parameters; %d training stretches (%d frames at 50 fps), "
                    + "%d validation windows from the last %.0f%% of %s", s.width(), net.parameters().count(), train.size(), trainFrames,
                    validationWindows.size(), 100 * HELD_OUT_SHARE, s.validationSubject()));
            Torch.seed(s.seed());
            LrSchedule schedule = LrSchedule.warmupCosine(s.learningRate(), WARMUP, s.steps(), s.learningRate() / 100);
            AdamW.Settings opt = new AdamW.Settings(0.9, 0.999, 1e-8, s.weightDecay(), 1.0);
            int frameValues = MotionDenoiser.WINDOW * MotionDenoiser.COORDINATES;
            try (AdamW adam = new AdamW(net.parameters().trainable(), schedule, opt)) {
                TrainingLoop loop = new TrainingLoop(net.parameters().manager(), adam);
                TrainingLoop.Objective objective = (m, k) -> {
                    Random r = new Random(s.seed() * 1_000_003L + k);
                    float[] input = new float[s.batch() * frameValues];
                    float[] target = new float[s.batch() * frameValues];
                    float[] masks = new float[s.batch() * MotionDenoiser.WINDOW];
                    for (int b = 0; b < s.batch(); b++) {
                        float[] clean = sample(train, FRAME_STEPS[r.nextInt(FRAME_STEPS.length)], r);
                        float[] mask = MotionDenoiser.randomMask(r);
                        System.arraycopy(corrupt(clean, mask, r), 0, input, b * frameValues, frameValues);
                        System.arraycopy(clean, 0, target, b * frameValues, frameValues);
                        System.arraycopy(mask, 0, masks, b * MotionDenoiser.WINDOW, MotionDenoiser.WINDOW);
                    }
                    Shape shape = new Shape(s.batch(), MotionDenoiser.WINDOW, MotionDenoiser.JOINTS, 3);
                    NDArray mask = m.create(masks, new Shape(s.batch(), MotionDenoiser.WINDOW));
                    NDArray predicted = net.forward(m.create(input, shape), mask, true);
                    NDArray clean = m.create(target, shape);
                    NDArray loss = MotionDenoiser.maskedL1(predicted, clean, mask);
                    return s.unmaskedWeight() == 0 ? loss
                            : loss.add(Scalars.times(MotionDenoiser.maskedL1(predicted, clean, Scalars.times(mask, -1).add(1)), s.unmaskedWeight()));
                };
                double sum = 0;
                int n = 0;
                long lastSave = System.nanoTime();
                boolean timeUp = false;
                Map<String, Object> figures = null;
                while (adam.steps() < s.steps() && !timeUp) {
                    TrainingLoop.StepResult r = loop.step(objective);
                    sum += r.loss();
                    n++;
                    if ((r.index() + 1) % 250 == 0) {
                        log.accept(String.format(Locale.ROOT, "step %d/%d  loss %.2f cm  lr %.2e  grad-norm %.3f  %.0f s",
                                r.index() + 1, s.steps(), 100 * sum / n, r.learningRate(), r.gradNorm(), seconds(start)));
                        sum = 0;
                        n = 0;
                    }
                    timeUp = seconds(start) > s.maxSeconds();
                    if ((System.nanoTime() - lastSave) / 60e9 > CHECKPOINT_MINUTES) {
                        figures = validate(net, validationWindows, validationNoisy, validationMasks);
                        log.accept("checkpoint at step " + adam.steps() + ": " + figures);
                        save(net, weights, cardEntries, adam.steps(), seconds(start), figures, false);
                        lastSave = System.nanoTime();
                    }
                }
                figures = validate(net, validationWindows, validationNoisy, validationMasks);
                save(net, weights, cardEntries, adam.steps(), seconds(start), figures, true);
                log.accept(String.format(Locale.ROOT, "done: %d steps in %.0f s%s; %s", adam.steps(), seconds(start),
                        timeUp ? " (time limit)" : "", figures));
                return new Result(adam.steps(), seconds(start), figures);
            }
        }
    }

    private void save(MotionDenoiser net, Path weights, Map<String, Object> cardEntries, long steps, double wallSeconds,
            Map<String, Object> figures, boolean complete) {
        Map<String, Object> card = new LinkedHashMap<>(cardEntries);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dataset", "Human3.6M (Ionescu et al., TPAMI 2014) ground-truth 3D, H36M-17, camera frame, root-relative, metres");
        d.put("subjects", settings.subjects());
        d.put("cameras", settings.cameras());
        d.put("rates", "windows of 49 frames at frame steps 5 (10 fps), 2 (25 fps) and 5/3 (30 fps, linear interpolation) of the "
                + "50 fps data, each with probability 1/3; every start frame and camera");
        d.put("held_out", "the last " + Math.round(100 * HELD_OUT_SHARE) + "% of every " + settings.validationSubject()
                + " sequence (at least one 10 fps window)");
        d.put("frames_50fps", trainFrames);
        card.put("data", d);
        card.put("training", settings.describe());
        card.put("steps", steps);
        card.put("complete", complete);
        card.put("wall_seconds", Math.round(wallSeconds));
        card.put("threads", Torch.threads());
        card.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        card.put("validation", figures);
        card.put("licence", "Trained on Human3.6M: for non-commercial research use only (Human3.6M licence).");
        net.save(weights, card);
    }

    /**
     * Validation figures in mm (mean per-joint position error over the 16 non-root joints): on
     * the masked frames, the network against linear interpolation of the masked frames from the
     * unmasked ones, from noisy inputs (per rate and over all) and from clean inputs; over all 49
     * frames, the network against the noisy input with its masked frames interpolated.
     */
    private Map<String, Object> validate(MotionDenoiser net, List<float[]> clean, List<float[]> noisy, List<float[]> masks) {
        double[][] noisyNet = errors(net, noisy, clean, masks);
        double[][] cleanNet = errors(net, clean, clean, masks);
        double[][] noisyLinear = errors(null, noisy, clean, masks);
        double[][] cleanLinear = errors(null, clean, clean, masks);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subset", VALIDATION_PER_RATE + " windows per rate (10, 25, 30 fps) from the held-out ends of the "
                + settings.validationSubject() + " sequences, random camera, one fixed random mask and noise draw each");
        m.put("metric", "MPJPE in mm over the 16 non-root joints");
        m.put("masked_frames_noisy_input_mm", round(mean(noisyNet, 0)));
        m.put("masked_frames_noisy_input_linear_interpolation_mm", round(mean(noisyLinear, 0)));
        m.put("masked_frames_clean_input_mm", round(mean(cleanNet, 0)));
        m.put("masked_frames_clean_input_linear_interpolation_mm", round(mean(cleanLinear, 0)));
        m.put("all_frames_noisy_input_mm", round(mean(noisyNet, 1)));
        m.put("all_frames_noisy_input_linear_interpolation_mm", round(mean(noisyLinear, 1)));
        Map<String, Object> perRate = new LinkedHashMap<>();
        for (int r = 0; r < FRAME_STEPS.length; r++) {
            perRate.put(Math.round(50 / FRAME_STEPS[r]) + " fps", List.of(round(rateMean(noisyNet, r)), round(rateMean(noisyLinear, r))));
        }
        m.put("masked_frames_noisy_input_per_rate_mm (network, linear interpolation)", perRate);
        return m;
    }

    /** Per window {masked-frame MPJPE, all-frame MPJPE} in mm, of the network or (null) of linear interpolation. */
    private static double[][] errors(MotionDenoiser net, List<float[]> inputs, List<float[]> clean, List<float[]> masks) {
        double[][] out = new double[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            float[] estimate = net == null ? interpolate(inputs.get(i), masks.get(i)) : inPaint(net, inputs.get(i), masks.get(i));
            out[i] = new double[] {mpjpe(estimate, clean.get(i), masks.get(i), true), mpjpe(estimate, clean.get(i), masks.get(i), false)};
        }
        return out;
    }

    /** One window in-painted by the network. */
    static float[] inPaint(MotionDenoiser net, float[] window, float[] mask) {
        try (NDScope scope = new NDScope(); NDManager m = net.parameters().manager().newSubManager()) {
            return net.forward(m.create(window, new Shape(1, MotionDenoiser.WINDOW, MotionDenoiser.JOINTS, 3)),
                    m.create(mask, new Shape(1, MotionDenoiser.WINDOW)), false).toFloatArray();
        }
    }

    /** The masked frames of a window filled by linear interpolation between the nearest unmasked ones (held at the ends). */
    static float[] interpolate(float[] window, float[] mask) {
        boolean[] valid = new boolean[MotionDenoiser.WINDOW * MotionDenoiser.JOINTS];
        for (int i = 0; i < valid.length; i++) {
            valid[i] = mask[i / MotionDenoiser.JOINTS] == 0;
        }
        Motion3d m = new Motion3d(Layout.H36M17, 50, CoordinateFrame.CAMERA, window.clone(), valid, Provenance.EMPTY);
        return Interpolation.fillGaps(m).positions();
    }

    /** MPJPE in mm over the 16 non-root joints of the masked frames ({@code maskedOnly}) or of all frames. */
    static double mpjpe(float[] estimate, float[] truth, float[] mask, boolean maskedOnly) {
        double sum = 0;
        int n = 0;
        for (int t = 0; t < MotionDenoiser.WINDOW; t++) {
            if (maskedOnly && mask[t] == 0) {
                continue;
            }
            for (int j = 1; j < MotionDenoiser.JOINTS; j++) {
                int o = (t * MotionDenoiser.JOINTS + j) * 3;
                double dx = estimate[o] - truth[o];
                double dy = estimate[o + 1] - truth[o + 1];
                double dz = estimate[o + 2] - truth[o + 2];
                sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
                n++;
            }
        }
        return 1000 * sum / n;
    }

    /** A clean window from a random stretch, start and camera, at {@code frameStep}. */
    private float[] sample(List<Stretch> pool, double frameStep, Random r) {
        double span = frameStep * (MotionDenoiser.WINDOW - 1);
        Stretch s;
        do {
            s = pool.get(r.nextInt(pool.size()));
        } while (s.to() - 1 - s.from() < span);
        double first = s.from() + r.nextDouble() * Math.floor(s.to() - 1 - s.from() - span);
        List<String> cameras = settings.cameras();
        return window(s.world(), data.camera(s.subject(), cameras.get(r.nextInt(cameras.size()))), Math.floor(first), frameStep);
    }

    /**
     * A window of 50 fps world-frame positions ({@code world}: T·17·3) in the camera frame,
     * root-relative: frame k at 50 fps time {@code first + k · frameStep}, linearly interpolated
     * between the two frames around it.
     */
    static float[] window(float[] world, Camera camera, double first, double frameStep) {
        int c = MotionDenoiser.COORDINATES;
        float[] out = new float[MotionDenoiser.WINDOW * c];
        int last = world.length / c - 1;
        for (int k = 0; k < MotionDenoiser.WINDOW; k++) {
            double t = first + k * frameStep;
            int a = (int) Math.floor(t);
            int b = Math.min(last, a + 1);
            double w = t - a;
            for (int i = 0; i < c; i++) {
                out[k * c + i] = (float) (world[a * c + i] + w * (world[b * c + i] - world[a * c + i]));
            }
        }
        camera.worldToCamera(out, out);
        for (int k = 0; k < MotionDenoiser.WINDOW; k++) {
            for (int i = c - 1; i >= 0; i--) {
                out[k * c + i] -= out[k * c + i % 3];
            }
        }
        return out;
    }

    /**
     * The window as a per-frame lifter might give it: each unmasked frame rotated about the root
     * by a rotation vector with N(0, {@link #POSE_ROTATION_SIGMA}²) components and scaled by
     * 1 + N(0, {@link #POSE_SCALE_SIGMA}²), then every non-root coordinate jittered by N(0, σ²)
     * with σ drawn once per window from [{@link #JITTER_MIN}, {@link #JITTER_MAX}] m. Masked frames
     * are zero (their values are never read). A new array; the root stays at the origin.
     */
    static float[] corrupt(float[] clean, float[] mask, Random r) {
        float[] out = new float[clean.length];
        double sigma = JITTER_MIN + (JITTER_MAX - JITTER_MIN) * r.nextDouble();
        for (int t = 0; t < MotionDenoiser.WINDOW; t++) {
            if (mask[t] != 0) {
                continue;
            }
            RotationMatrix rotation = AxisAngle.ofRotationVector(POSE_ROTATION_SIGMA * r.nextGaussian(),
                    POSE_ROTATION_SIGMA * r.nextGaussian(), POSE_ROTATION_SIGMA * r.nextGaussian()).toMatrix();
            double scale = 1 + POSE_SCALE_SIGMA * r.nextGaussian();
            for (int j = 1; j < MotionDenoiser.JOINTS; j++) {
                int o = (t * MotionDenoiser.JOINTS + j) * 3;
                double[] p = rotation.apply(new double[] {clean[o], clean[o + 1], clean[o + 2]});
                for (int a = 0; a < 3; a++) {
                    out[o + a] = (float) (scale * p[a] + sigma * r.nextGaussian());
                }
            }
        }
        return out;
    }

    private static double mean(double[][] errors, int column) {
        double sum = 0;
        for (double[] e : errors) {
            sum += e[column];
        }
        return sum / errors.length;
    }

    private static double rateMean(double[][] errors, int rate) {
        double sum = 0;
        for (int i = rate * VALIDATION_PER_RATE; i < (rate + 1) * VALIDATION_PER_RATE; i++) {
            sum += errors[i][0];
        }
        return sum / VALIDATION_PER_RATE;
    }

    private static double round(double mm) {
        return Math.round(mm * 10) / 10.0;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
