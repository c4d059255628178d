package org.posetta.adapt.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.posetta.geometry.Camera;
import org.posetta.nn.AdamW;
import org.posetta.nn.CameraTensors;
import org.posetta.nn.FrameLifter;
import org.posetta.nn.FrameLifterModel;
import org.posetta.nn.KeypointCodec;
import org.posetta.nn.LrSchedule;
import org.posetta.nn.Parameters;
import org.posetta.nn.Scalars;
import org.posetta.nn.Torch;
import org.posetta.nn.TrainingLoop;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

/**
 * Test-time adaptation of the per-frame lifter to one video: CycleAdapt's cycle (Nam et al.
 * 2023; methods §7) with SA-TTA's semantic additions (Lin et al. 2025; methods §9). Weights
 * start from the shipped models for every video. Each of the {@code cycles}:
 * <ol>
 *   <li><b>lifter epoch</b> (HMRNet's role): every frame once, shuffled, in batches; loss
 *       w3D·L1(P, P̃) to the denoiser's pseudo-labels of the previous cycle (none in the first)
 *       + w2D·L1 of the projection at the root translation solved from the 2D against the 2D
 *       targets present, in pixels of a 224-pixel person crop (CycleAdapt's unit), averaged over
 *       all joints; with alignment, + λ·(1 − cos(E_motion(p′), E_text(y))) over a few labelled
 *       2-second segments per step, drawn ∝ their disagreement ({@link Segments}). The detached
 *       outputs of each step fill the lifter buffer;</li>
 *   <li><b>denoiser epoch</b> (MDNet's role): every stride-1 window of 49 frames of the lifter
 *       buffer, shuffled, 25 of 49 frames masked; L1 to the buffer on masked frames; each frame's
 *       pseudo-label is the mean of the outputs of every window that holds it;</li>
 *   <li><b>2D evidence</b> (SA-TTA): with EMA and/or fill-in, {@link EvidenceUpdate} from the
 *       projection of the cycle's prediction.</li>
 * </ol>
 * Adam (β = 0.5, 0.9), rate per cycle: linear warm-up over the first cycles, then a cosine to
 * the floor (CycleAdapt's schedule). The lifter's input never changes: the detections with
 * joints at or below the confidence threshold marked missing; updated and filled 2D serve as
 * targets only (methods §9.3). Output: the adapted lifter's prediction of every frame.
 */
public final class SemanticAdaptation {
    private static final int JOINTS = 17;
    private static final int VALUES = JOINTS * 3;
    /** CycleAdapt's crop size: 2D errors are measured in pixels of a crop this wide around the person. */
    private static final double CROP = 224;
    /** Frames between segments whose embedding is computed when refreshing the cosines. */
    private static final int COSINE_STRIDE = 4;

    /**
     * @param cycles              adaptation cycles (CycleAdapt: 13)
     * @param batch               frames or windows per step
     * @param learningRate        peak rate (CycleAdapt: 5e-5)
     * @param floorRate           rate at the end of the cosine (1e-6)
     * @param warmupCycles        cycles of linear warm-up (3)
     * @param weight3d            w3D of the pseudo-label term
     * @param weight2d            w2D of the reprojection term
     * @param confidence          a keypoint is evidence where its confidence exceeds this (0.3)
     * @param alignment           add the motion-text alignment loss
     * @param alignmentWeight     λ of the alignment loss
     * @param segmentsPerStep     labelled segments per lifter step for the alignment loss
     * @param ema                 EMA of the 2D targets towards the projected prediction each cycle
     * @param emaFactor           α, the weight of the old target
     * @param fillIn              fill missing 2D where the motion agrees with its label
     * @param tau                 the agreement threshold of the fill-in
     * @param seed                shuffles, masks and segment draws
     */
    public record Settings(int cycles, int batch, double learningRate, double floorRate, int warmupCycles, double weight3d,
            double weight2d, double confidence, boolean alignment, double alignmentWeight, int segmentsPerStep, boolean ema,
            double emaFactor, boolean fillIn, double tau, long seed) {
        /**
         * w2D in 224-pixel crop units. CycleAdapt's 0.1 made the lifter follow the detections into
         * worse 3D on the training subject S8 (four sequences, legs hidden for 7 s: 101.3 → 114.4
         * mm MPJPE); 0.01 costs least there (108.5 mm) while keeping the 2D evidence that the EMA
         * and the fill-in act through.
         */
        public static final double WEIGHT_2D = 0.01;

        /**
         * CycleAdapt: 13 cycles, batch 32, Adam 5e-5 → 1e-6 after 3 warm-up cycles, w3D 1,
         * confidence 0.3, and w2D {@link #WEIGHT_2D}.
         */
        public static Settings cycleAdapt(long seed) {
            return new Settings(13, 32, 5e-5, 1e-6, 3, 1.0, WEIGHT_2D, 0.3, false, 0.1, 4, false, 0.5, false, 0.75, seed);
        }

        /** The full method: CycleAdapt + alignment (λ) + 2D EMA (α) + fill-in (τ). */
        public static Settings full(double alignmentWeight, double emaFactor, double tau, long seed) {
            return new Settings(13, 32, 5e-5, 1e-6, 3, 1.0, WEIGHT_2D, 0.3, true, alignmentWeight, 4, true, emaFactor, true, tau, seed);
        }

        public Settings with(boolean alignment, boolean ema, boolean fillIn) {
            return new Settings(cycles, batch, learningRate, floorRate, warmupCycles, weight3d, weight2d, confidence, alignment,
                    alignmentWeight, segmentsPerStep, ema, emaFactor, fillIn, tau, seed);
        }

        public Settings withTau(double t) {
            return new Settings(cycles, batch, learningRate, floorRate, warmupCycles, weight3d, weight2d, confidence, alignment,
                    alignmentWeight, segmentsPerStep, ema, emaFactor, fillIn, t, seed);
        }

        public Settings withSeed(long n) {
            return new Settings(cycles, batch, learningRate, floorRate, warmupCycles, weight3d, weight2d, confidence, alignment,
                    alignmentWeight, segmentsPerStep, ema, emaFactor, fillIn, tau, n);
        }

        public Settings withCycles(int n) {
            return new Settings(n, batch, learningRate, floorRate, warmupCycles, weight3d, weight2d, confidence, alignment,
                    alignmentWeight, segmentsPerStep, ema, emaFactor, fillIn, tau, seed);
        }

        /** Whether the motion-text space is needed (alignment or fill-in). */
        public boolean usesText() {
            return alignment || fillIn;
        }

        /** The rate of cycle {@code c}: (c + 1)/w·η during warm-up, then η_min + (η − η_min)(1 + cos(π(c − w)/(C − 1 − w)))/2. */
        double rate(int c) {
            if (c < warmupCycles) {
                return learningRate * (c + 1) / warmupCycles;
            }
            int span = Math.max(1, cycles - 1 - warmupCycles);
            return floorRate + (learningRate - floorRate) * (1 + Math.cos(Math.PI * Math.min(1.0, (double) (c - warmupCycles) / span))) / 2;
        }
    }

    /** One cycle's figures: mean lifter loss, mean denoiser loss, mean segment cosine (NaN without text), 2D joints filled so far. */
    public record Cycle(int index, double lifterLoss, double denoiserLoss, double meanCosine, int filled) {
    }

    /**
     * @param motion   the adapted prediction: H36M-17, camera frame, root-relative, metres; joints
     *                 without 2D evidence are marked filled
     * @param targets  the final 2D targets, T·17·2 pixels
     * @param present  T·17, whether a joint has a 2D target at the end
     * @param filled   T·17, whether a joint's target was filled in
     * @param cycles   per-cycle figures
     */
    public record Result(Motion3d motion, float[] targets, boolean[] present, boolean[] filled, List<Cycle> cycles) {
        public int filledCount() {
            return count(filled);
        }
    }

    private final FrameLifterModel lifterModel;
    private final MotionDenoiser denoiser;
    private final MotionTextModel motionText;
    private final Settings s;
    private final Consumer<String> log;

    /**
     * @param denoiser   a fresh denoiser (its weights are trained here)
     * @param motionText the frozen motion encoder; may be null when {@code settings} uses no text
     */
    public SemanticAdaptation(FrameLifterModel lifterModel, MotionDenoiser denoiser, MotionTextModel motionText, Settings settings,
            Consumer<String> log) {
        if (settings.usesText() && motionText == null) {
            throw new IllegalArgumentException("alignment and fill-in need the motion-text model");
        }
        this.lifterModel = lifterModel;
        this.denoiser = denoiser;
        this.motionText = motionText;
        this.s = settings;
        this.log = log;
    }

    /**
     * Adapts to one video.
     *
     * @param keypoints H36M-17 2D with confidences
     * @param camera    the camera that saw them (intrinsics at least)
     * @param up        the vertical in the camera frame ({@link Canonicalisation#upOf}, or {@link Canonicalisation#CAMERA_UP})
     * @param labels    what the person does per frame; may be null when {@code settings} uses no text
     */
    public Result adapt(Keypoints2d keypoints, Camera camera, double[] up, Labels labels) {
        if (keypoints.layout() != Layout.H36M17) {
            throw new IllegalArgumentException("the semantic adaptation needs H36M-17 keypoints, got " + keypoints.layout());
        }
        if (s.usesText() && (labels == null || labels.frames() != keypoints.frames())) {
            throw new IllegalArgumentException("alignment and fill-in need a label for every frame");
        }
        TrainingLoop.LOCK.lock();
        try (NDManager base = NDManager.newBaseManager(); Parameters params = new Parameters(base)) {
            // The lifter trains with dropout, drawn by the engine: seeded here, under the lock, for repeatable runs.
            Torch.seed(s.seed());
            return new Run(base, params, keypoints, camera, up, labels).go();
        } finally {
            TrainingLoop.LOCK.unlock();
        }
    }

    /** The state of one adaptation. */
    private final class Run {
        private final NDManager base;
        private final FrameLifter lifter;
        private final Keypoints2d keypoints;
        private final Camera camera;
        private final double[] up;
        private final int frames;
        private final double fps;
        private final float[] input;
        private final float[] targets;
        private final boolean[] present;
        private final boolean[] filled;
        private final float scale2d;
        private final float[] buffer;
        private final float[] pseudo;
        private final boolean[] hasPseudo;
        private final Segments segments;
        private final Map<String, float[]> textVectors = new LinkedHashMap<>();
        private final Random rng;
        private double[] roots;
        /** The prediction the segments' cosines were last computed from, and their mean. */
        private float[] cosinesOf;
        private double meanCosine = Double.NaN;

        Run(NDManager base, Parameters params, Keypoints2d keypoints, Camera camera, double[] up, Labels labels) {
            this.base = base;
            this.lifter = lifterModel.copyInto(params);
            this.keypoints = keypoints;
            this.camera = camera;
            this.up = up.clone();
            this.frames = keypoints.frames();
            this.fps = keypoints.fps();
            this.rng = new Random(s.seed());
            KeypointCodec codec = KeypointCodec.of(keypoints);
            this.input = codec.normalise(keypoints);
            this.targets = new float[frames * JOINTS * 2];
            this.present = new boolean[frames * JOINTS];
            this.filled = new boolean[frames * JOINTS];
            for (int i = 0; i < frames * JOINTS; i++) {
                present[i] = input[i * 3 + 2] > s.confidence();
                if (!present[i]) {
                    input[i * 3] = input[i * 3 + 1] = input[i * 3 + 2] = 0;
                }
                targets[i * 2] = input[i * 3];
                targets[i * 2 + 1] = input[i * 3 + 1];
            }
            this.scale2d = (float) (CROP / personSize());
            this.buffer = new float[frames * VALUES];
            this.pseudo = new float[frames * VALUES];
            this.hasPseudo = new boolean[frames];
            this.segments = s.usesText() ? Segments.of(labels, ClipTiming.sourceFrames(fps)) : null;
            if (segments != null) {
                for (String t : labels.distinct()) {
                    textVectors.put(t, TextEncoder.shared().embed(t));
                }
            }
        }

        Result go() {
            int lifterSteps = (frames + s.batch() - 1) / s.batch();
            int windows = Math.max(0, frames - MotionDenoiser.WINDOW + 1);
            int denoiserSteps = (windows + s.batch() - 1) / s.batch();
            AdamW.Settings adam = new AdamW.Settings(0.5, 0.9, 1e-8, 0, 0);
            List<Cycle> history = new ArrayList<>();
            try (AdamW lifterAdam = new AdamW(lifter.parameters().trainable(), step -> s.rate((int) (step / lifterSteps)), adam);
                    AdamW denoiserAdam = new AdamW(denoiser.parameters().trainable(),
                            step -> s.rate((int) (step / Math.max(1, denoiserSteps))), adam)) {
                TrainingLoop lifterLoop = new TrainingLoop(base, lifterAdam);
                TrainingLoop denoiserLoop = new TrainingLoop(base, denoiserAdam);
                float[] prediction = predict();
                for (int c = 0; c < s.cycles(); c++) {
                    roots = rootTranslations(prediction);
                    double cosine = segments == null ? Double.NaN : refreshCosines(prediction);
                    double lifterLoss = lifterEpoch(lifterLoop);
                    float[] next = Double.isFinite(lifterLoss) ? predict() : null;
                    if (next == null || !allFinite(next)) {
                        // a diverged lifter would poison the pseudo-labels, the 2D targets and the output
                        log.accept(String.format("stopped early in cycle %d of %d: the lifter's loss or prediction is not finite;"
                                + " the prediction before it is kept", c + 1, s.cycles()));
                        break;
                    }
                    double denoiserLoss = windows > 0 ? denoiserEpoch(denoiserLoop, windows) : Double.NaN;
                    prediction = next; // the denoiser's epoch leaves the lifter as it was
                    if (s.ema() || s.fillIn()) {
                        roots = rootTranslations(prediction);
                        if (segments != null) {
                            refreshCosines(prediction);
                        }
                        EvidenceUpdate.apply(targets, present, project(prediction),
                                segments == null ? nanArray(frames) : segments.agreement(frames), s.ema() ? s.emaFactor() : Double.NaN,
                                s.fillIn() ? s.tau() : Double.NaN, filled);
                    }
                    Cycle cycle = new Cycle(c, lifterLoss, denoiserLoss, cosine, count(filled));
                    history.add(cycle);
                    log.accept(String.format("cycle %d/%d: lifter %.4f, denoiser %.4f%s%s", c + 1, s.cycles(), lifterLoss, denoiserLoss,
                            Double.isNaN(cosine) ? "" : String.format(", motion-text cos %.3f", cosine),
                            s.fillIn() ? ", 2D filled " + cycle.filled() : ""));
                }
                return result(prediction, history);
            }
        }

        /** One lifter epoch; its mean loss. */
        private double lifterEpoch(TrainingLoop loop) {
            int[] order = shuffled(frames);
            double sum = 0;
            int steps = 0;
            for (int from = 0; from < frames; from += s.batch()) {
                int[] batch = Arrays.copyOfRange(order, from, Math.min(frames, from + s.batch()));
                int[] drawn = segments != null && s.alignment() && segments.size() > 0 ? segments.draw(rng, s.segmentsPerStep()) : null;
                double loss = loop.step((m, i) -> lifterLoss(m, batch, drawn)).loss();
                if (!Double.isFinite(loss) || !weightsFinite()) {
                    // a non-finite loss or gradient has reached the weights: the epoch cannot go on
                    return Double.NaN;
                }
                sum += loss;
                steps++;
            }
            return sum / steps;
        }

        private NDArray lifterLoss(NDManager m, int[] batch, int[] drawn) {
            int b = batch.length;
            NDArray pred = lifter.forward(m.create(gather(input, batch, VALUES), new Shape(b, JOINTS, 3)), true);
            float[] values = pred.toFloatArray();
            for (int k = 0; k < b; k++) {
                System.arraycopy(values, k * VALUES, buffer, batch[k] * VALUES, VALUES);
            }
            float[] rootShift = new float[b * 3];
            float[] presentMask = new float[b * JOINTS];
            float[] pseudoMask = new float[b];
            int withPseudo = 0;
            for (int k = 0; k < b; k++) {
                for (int c = 0; c < 3; c++) {
                    rootShift[k * 3 + c] = (float) roots[batch[k] * 3 + c];
                }
                for (int j = 0; j < JOINTS; j++) {
                    presentMask[k * JOINTS + j] = present[batch[k] * JOINTS + j] ? 1 : 0;
                }
                pseudoMask[k] = hasPseudo[batch[k]] ? 1 : 0;
                withPseudo += hasPseudo[batch[k]] ? 1 : 0;
            }
            NDArray placed = pred.add(m.create(rootShift, new Shape(b, 1, 3))).reshape(1, b, JOINTS, 3);
            NDArray projected = CameraTensors.project(placed, List.of(camera)).reshape(b, JOINTS, 2);
            NDArray target = m.create(gather(targets, batch, JOINTS * 2), new Shape(b, JOINTS, 2));
            NDArray loss = Scalars.times(projected.sub(target).abs().mul(m.create(presentMask, new Shape(b, JOINTS, 1))).sum(),
                    scale2d * s.weight2d() / (b * JOINTS * 2));
            if (withPseudo > 0) {
                NDArray p = m.create(gather(pseudo, batch, VALUES), new Shape(b, JOINTS, 3));
                loss = loss.add(Scalars.times(pred.sub(p).abs().mul(m.create(pseudoMask, new Shape(b, 1, 1))).sum(),
                        s.weight3d() / (withPseudo * VALUES)));
            }
            if (drawn != null) {
                loss = loss.add(alignmentLoss(m, drawn));
            }
            return loss;
        }

        /** λ·mean(1 − cos(E_motion(p′_s), E_text(y_s))) over the drawn segments. */
        private NDArray alignmentLoss(NDManager m, int[] drawn) {
            int n = segments.length();
            int[] frameIndex = new int[drawn.length * n];
            float[] text = new float[drawn.length * TextEncoder.DIMENSION];
            for (int q = 0; q < drawn.length; q++) {
                for (int f = 0; f < n; f++) {
                    frameIndex[q * n + f] = segments.start(drawn[q]) + f;
                }
                System.arraycopy(textVectors.get(segments.text(drawn[q])), 0, text, q * TextEncoder.DIMENSION, TextEncoder.DIMENSION);
            }
            NDArray poses = lifter.forward(m.create(gather(input, frameIndex, VALUES), new Shape(frameIndex.length, JOINTS, 3)), true)
                    .reshape(drawn.length, n, JOINTS, 3);
            NDArray z = motionText.embed(Canonicalisation.apply(ClipTiming.resample(poses, fps), up));
            NDArray cos = z.mul(m.create(text, new Shape(drawn.length, TextEncoder.DIMENSION))).sum(new int[] {1});
            return Scalars.times(cos.neg().add(1).mean(), s.alignmentWeight());
        }

        /** Whether every trainable weight of the lifter is finite (read back to the heap: no native temporaries). */
        private boolean weightsFinite() {
            for (NDArray w : lifter.parameters().trainable().values()) {
                if (!allFinite(w.toFloatArray())) {
                    return false;
                }
            }
            return true;
        }

        /** One denoiser epoch over every window; updates the pseudo-labels; its mean loss. */
        private double denoiserEpoch(TrainingLoop loop, int windows) {
            int w = MotionDenoiser.WINDOW;
            int[] order = shuffled(windows);
            float[] sum = new float[frames * VALUES];
            int[] count = new int[frames];
            double total = 0;
            int steps = 0;
            for (int from = 0; from < windows; from += s.batch()) {
                int[] batch = Arrays.copyOfRange(order, from, Math.min(windows, from + s.batch()));
                int b = batch.length;
                float[] in = new float[b * w * VALUES];
                float[] mask = new float[b * w];
                for (int k = 0; k < b; k++) {
                    System.arraycopy(buffer, batch[k] * VALUES, in, k * w * VALUES, w * VALUES);
                    System.arraycopy(MotionDenoiser.randomMask(rng), 0, mask, k * w, w);
                }
                total += loop.step((m, i) -> {
                    NDArray x = m.create(in, new Shape(b, w, JOINTS, 3));
                    NDArray masked = m.create(mask, new Shape(b, w));
                    NDArray out = denoiser.forward(x, masked, true);
                    float[] values = out.toFloatArray();
                    for (int k = 0; k < b; k++) {
                        for (int f = 0; f < w; f++) {
                            int frame = batch[k] + f;
                            count[frame]++;
                            for (int v = 0; v < VALUES; v++) {
                                sum[frame * VALUES + v] += values[(k * w + f) * VALUES + v];
                            }
                        }
                    }
                    return MotionDenoiser.maskedL1(out, x, masked);
                }).loss();
                steps++;
            }
            for (int f = 0; f < frames; f++) {
                hasPseudo[f] = count[f] > 0;
                for (int v = 0; v < VALUES && hasPseudo[f]; v++) {
                    pseudo[f * VALUES + v] = sum[f * VALUES + v] / count[f];
                }
            }
            return total / steps;
        }

        /** The lifter's prediction of every frame (inference mode), T·17·3 metres. */
        private float[] predict() {
            return lifter.lift(base, input, 4096);
        }

        /** Per frame the root translation that best projects {@code prediction} onto the detections; gaps take the nearest frame's. */
        private double[] rootTranslations(float[] prediction) {
            float[] confidence = new float[frames * JOINTS];
            for (int i = 0; i < confidence.length; i++) {
                confidence[i] = input[i * 3 + 2] > 0 ? 1 : 0;
            }
            double[] t = camera.fitTranslations(prediction, keypoints.pixels(), confidence, JOINTS);
            int last = -1;
            for (int f = 0; f < frames; f++) {
                if (!Double.isNaN(t[f * 3])) {
                    for (int g = last + 1; g < f; g++) {
                        System.arraycopy(t, f * 3, t, g * 3, 3);
                    }
                    last = f;
                }
            }
            for (int g = last + 1; g < frames; g++) {
                if (last >= 0) {
                    System.arraycopy(t, last * 3, t, g * 3, 3);
                } else {
                    t[g * 3] = 0;
                    t[g * 3 + 1] = 0;
                    t[g * 3 + 2] = 5;
                }
            }
            return t;
        }

        /** Screen-normalised projections of {@code prediction} at the current roots, T·17·2. */
        private float[] project(float[] prediction) {
            try (NDManager m = base.newSubManager()) {
                float[] shift = new float[frames * 3];
                for (int i = 0; i < shift.length; i++) {
                    shift[i] = (float) roots[i];
                }
                NDArray placed = m.create(prediction, new Shape(frames, JOINTS, 3)).add(m.create(shift, new Shape(frames, 1, 3)));
                return CameraTensors.project(placed.reshape(1, frames, JOINTS, 3), List.of(camera)).toFloatArray();
            }
        }

        /**
         * Sets every segment's cos(E_motion, E_text) from {@code prediction}; their mean. Segments
         * overlap by all but one frame, so only every {@link #COSINE_STRIDE}-th of a run of the same
         * label is embedded, and the segments between take the value of the nearest embedded one
         * before them (a four-fold saving; such neighbours share 80 % of their frames at 10 fps).
         */
        private double refreshCosines(float[] prediction) {
            if (prediction == cosinesOf) {
                return meanCosine;
            }
            int n = segments.length();
            List<Integer> embedded = new ArrayList<>();
            for (int q = 0; q < segments.size(); q++) {
                boolean runStart = q == 0 || segments.start(q) != segments.start(q - 1) + 1 || !segments.text(q).equals(segments.text(q - 1));
                if (runStart || segments.start(q) - segments.start(embedded.get(embedded.size() - 1)) >= COSINE_STRIDE) {
                    embedded.add(q);
                }
            }
            float[] clips = new float[embedded.size() * ClipTiming.FRAMES * VALUES];
            for (int e = 0; e < embedded.size(); e++) {
                int start = segments.start(embedded.get(e));
                float[] seg = Arrays.copyOfRange(prediction, start * VALUES, (start + n) * VALUES);
                float[] canonical = Canonicalisation.apply(ClipTiming.resample(seg, fps), ClipTiming.FRAMES, up);
                System.arraycopy(canonical, 0, clips, e * canonical.length, canonical.length);
            }
            float[] z = motionText.embed(clips);
            double[] cos = new double[segments.size()];
            for (int e = 0, q = 0; q < segments.size(); q++) {
                if (e + 1 < embedded.size() && embedded.get(e + 1) <= q) {
                    e++;
                }
                int i = embedded.get(e);
                cos[q] = TextEncoder.cosine(Arrays.copyOfRange(z, e * TextEncoder.DIMENSION, (e + 1) * TextEncoder.DIMENSION),
                        textVectors.get(segments.text(i)));
            }
            segments.setCosines(cos);
            cosinesOf = prediction;
            meanCosine = cos.length == 0 ? Double.NaN : Arrays.stream(cos).average().orElse(Double.NaN);
            return meanCosine;
        }

        private Result result(float[] prediction, List<Cycle> history) {
            boolean[] valid = new boolean[frames * JOINTS];
            boolean[] noEvidence = new boolean[frames * JOINTS];
            for (int i = 0; i < valid.length; i++) {
                valid[i] = true;
                noEvidence[i] = input[i * 3 + 2] == 0;
            }
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("step", "adapt");
            step.put("method", s.usesText() ? "semantics-aware test-time adaptation (Lin et al. 2025) on CycleAdapt"
                    : "CycleAdapt (Nam et al. 2023)");
            step.put("cycles", s.cycles());
            step.put("alignment", s.alignment());
            step.put("ema", s.ema() ? s.emaFactor() : "off");
            step.put("fill_in", s.fillIn() ? s.tau() : "off");
            step.put("seed", s.seed());
            step.put("output", "root-relative (pelvis at 0), camera frame, metres");
            Motion3d motion = new Motion3d(Layout.H36M17, fps, CoordinateFrame.CAMERA, prediction, valid, noEvidence, null,
                    keypoints.provenance().withStep(step));
            float[] pixels = KeypointCodec.of(keypoints).decode(interleave(), Layout.H36M17, fps, keypoints.provenance()).pixels();
            return new Result(motion, pixels, present.clone(), filled.clone(), List.copyOf(history));
        }

        /** Targets and presence as T·17·3 codec values, to decode them to pixels. */
        private float[] interleave() {
            float[] v = new float[frames * JOINTS * 3];
            for (int i = 0; i < frames * JOINTS; i++) {
                v[i * 3] = targets[i * 2];
                v[i * 3 + 1] = targets[i * 2 + 1];
                v[i * 3 + 2] = present[i] ? 1 : 0;
            }
            return v;
        }

        /** Median over frames of the larger side of the box around the joints present, screen-normalised; 0.5 if none. */
        private double personSize() {
            List<Double> sizes = new ArrayList<>();
            for (int f = 0; f < frames; f++) {
                double minX = Double.POSITIVE_INFINITY;
                double minY = Double.POSITIVE_INFINITY;
                double maxX = Double.NEGATIVE_INFINITY;
                double maxY = Double.NEGATIVE_INFINITY;
                int n = 0;
                for (int j = 0; j < JOINTS; j++) {
                    int i = f * JOINTS + j;
                    if (present[i]) {
                        minX = Math.min(minX, targets[i * 2]);
                        maxX = Math.max(maxX, targets[i * 2]);
                        minY = Math.min(minY, targets[i * 2 + 1]);
                        maxY = Math.max(maxY, targets[i * 2 + 1]);
                        n++;
                    }
                }
                if (n >= 2) {
                    sizes.add(Math.max(maxX - minX, maxY - minY));
                }
            }
            if (sizes.isEmpty()) {
                return 0.5;
            }
            double[] v = sizes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return Math.max(1e-3, v[v.length / 2]);
        }

        private int[] shuffled(int n) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            return order;
        }
    }

    private static float[] gather(float[] rows, int[] index, int width) {
        float[] out = new float[index.length * width];
        for (int k = 0; k < index.length; k++) {
            System.arraycopy(rows, index[k] * width, out, k * width, width);
        }
        return out;
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }
}
