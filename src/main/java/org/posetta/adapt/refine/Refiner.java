package org.posetta.adapt.refine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.posetta.geometry.Resampling;
import org.posetta.nn.LrSchedule;
import org.posetta.pose.JointMap;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * STRIDE's per-video test-time training (Lal et al. 2024, §3.3; methods.md §3) around a
 * pretrained {@link MotionPrior}. For one sequence:
 *
 * <ol>
 * <li>Pseudo-labels: the input with every entry that was not observed (invalid, or filled by an
 *     earlier step) filled by {@link GapFill} (linear, extrapolated at the ends), made
 *     root-relative at the pelvis; the prior reads the same values with observation flags.</li>
 * <li>Test-time training, on a fresh copy of the prior for every sequence: overlapping windows of
 *     the prior's clip length; per epoch every window once, in seeded random order, mirrored with
 *     probability ½ (input and pseudo-label together); loss MPJP + 0.5·N-MPJP + 200·limb-length
 *     variance against the pseudo-labels by default (STRIDE's code adds 20·velocity;
 *     {@link PriorLoss}), each frame weighted
 *     by {@code gapWeight + (1 − gapWeight)·(observed fraction of its joints)} so that filled
 *     frames pull less towards the straight-line pseudo-labels; AdamW, lr 2e-4, weight decay 0.01,
 *     ×0.99 per epoch.</li>
 * <li>Inference: flip-averaged, overlapping windows averaged; the root-relative result placed on
 *     the pseudo-labels' pelvis trajectory.</li>
 * </ol>
 *
 * A sequence in another layout is mapped to H36M-17 first (and stays in H36M-17); one at another
 * frame rate is resampled linearly to the prior's rate and the result back to its frames. Fixes to the
 * public code (methods.md §3.6): input and target centred the same way at the pelvis, the root
 * subtracted rather than overwritten, overlapping windows instead of chunks with a stub, gaps
 * filled per sequence, frames in index order. A non-finite loss stops training and keeps the
 * last good weights ({@link Refinement#stopped}). Thread-safe: training steps of concurrent
 * calls are serialised.
 */
public final class Refiner {
    /**
     * @param epochs        passes over the sequence's windows (0 = prior only)
     * @param weights       loss weights
     * @param learningRate  AdamW learning rate at the first epoch
     * @param weightDecay   AdamW decoupled weight decay
     * @param decay         learning-rate factor per epoch
     * @param gapWeight     weight of a frame with no observed joint in the pseudo-label losses
     *                      (1 = STRIDE's equal weighting)
     * @param maskShare     share of training windows whose observed entries are hidden again with
     *                      the pretraining masks and gaps ({@link PretrainCorruption}), so that the
     *                      prior keeps in-painting this video's motion (0 = STRIDE's code, no corruption)
     * @param batch         windows per gradient step
     * @param seed          seed of window order and mirroring
     */
    public record Options(int epochs, PriorLoss.Weights weights, double learningRate, double weightDecay, double decay,
            double gapWeight, double maskShare, int batch, long seed) {
        /** Test-time epochs of {@link #DEFAULTS} (STRIDE's code: 30); a constant so that options can name it. */
        public static final int DEFAULT_EPOCHS = 15;
        /** Gap weight of {@link #DEFAULTS}; a constant for the same reason. */
        public static final double DEFAULT_GAP_WEIGHT = 0.1;

        /**
         * STRIDE's optimiser (AdamW 2e-4, wd 0.01, ×0.99 per epoch) with the settings chosen on S8:
         * 15 epochs instead of 30 and no velocity term ({@link PriorLoss.Weights#TEST_TIME}).
         */
        public static final Options DEFAULTS = new Options(DEFAULT_EPOCHS, PriorLoss.Weights.TEST_TIME, 2e-4, 0.01, 0.99, DEFAULT_GAP_WEIGHT, 0, 4, 0);

        public Options {
            if (epochs < 0 || batch < 1 || !(learningRate > 0) || weightDecay < 0 || !(decay > 0) || gapWeight < 0 || gapWeight > 1
                    || !(maskShare >= 0 && maskShare <= 1)) {
                throw new IllegalArgumentException("invalid refine options: " + this);
            }
        }

        public Options withEpochs(int n) {
            return new Options(n, weights, learningRate, weightDecay, decay, gapWeight, maskShare, batch, seed);
        }

        public Options withSeed(long s) {
            return new Options(epochs, weights, learningRate, weightDecay, decay, gapWeight, maskShare, batch, s);
        }

        public Options withWeights(PriorLoss.Weights w) {
            return new Options(epochs, w, learningRate, weightDecay, decay, gapWeight, maskShare, batch, seed);
        }

        public Options withGapWeight(double weight) {
            return new Options(epochs, weights, learningRate, weightDecay, decay, weight, maskShare, batch, seed);
        }

        public Options withMaskShare(double share) {
            return new Options(epochs, weights, learningRate, weightDecay, decay, gapWeight, share, batch, seed);
        }
    }

    private final MotionPrior prior;
    private final Options options;

    public Refiner(MotionPrior prior, Options options) {
        this.prior = prior;
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Refines {@code motion}; see the class description. */
    public Refinement refine(Motion3d motion) {
        return refine(motion, epoch -> { });
    }

    /**
     * Refines {@code motion}, telling {@code progress} after each epoch.
     *
     * @throws PosettaException where the sequence has no observed joint, or its layout cannot be
     *                          mapped to H36M-17
     */
    public Refinement refine(Motion3d motion, IntConsumer progress) {
        long start = System.nanoTime();
        Motion3d m = motion.layout() == Layout.H36M17 ? motion : JointMap.toCanonical(motion.layout()).apply(motion);
        int frames = m.frames();
        int joints = m.joints();
        boolean[] observed = m.validity();
        boolean anyObserved = false;
        for (int i = 0; i < observed.length; i++) {
            observed[i] &= !m.isFilled(i / joints, i % joints);
            anyObserved |= observed[i];
        }
        if (frames == 0 || !anyObserved) {
            throw new PosettaException("The sequence has no observed joint in any of its " + frames
                    + " frames, so there is nothing to refine: give a sequence with estimates.");
        }
        float[] filled = GapFill.fill(m.positions(), observed, frames, joints);
        // The prior runs at its training rate, whatever the input's (STRIDE's code assumes they agree,
        // methods.md §3.6 item 12); the result is mapped back to the input's frames.
        double rateStep = m.fps() / prior.fps();
        boolean resample = Math.abs(rateStep - 1) > 0.01;
        int n = resample ? Resampling.frames(frames, rateStep) : frames;
        float[] atRate = resample ? Resampling.linear(filled, frames, joints * 3, rateStep, n) : filled;
        boolean[] observedAtRate = resample ? Resampling.flags(observed, frames, joints, rateStep, n, true) : observed;
        float[] input = PriorInput.encode(atRate, observedAtRate, n, joints);
        float[] pseudo = PriorInput.rootRelative(atRate, n, joints);
        float[] frameWeights = frameWeights(observedAtRate, n, joints);

        List<Double> losses = new ArrayList<>();
        String stopped = null;
        float[] relative;
        if (options.epochs() > 0) {
            try (MotionPrior model = prior.copy()) {
                stopped = train(model, new Clip(input, atRate, observedAtRate, pseudo, frameWeights, n), losses, progress);
                relative = model.infer(input, n, Layout.H36M17);
            }
        } else {
            relative = prior.infer(input, n, Layout.H36M17);
        }
        if (resample) {
            relative = Resampling.linear(relative, n, joints * 3, 1 / rateStep, frames);
        }
        float[] out = new float[relative.length];
        for (int t = 0; t < frames; t++) {
            int root = (t * joints + PriorInput.ROOT) * 3;
            for (int j = 0; j < joints; j++) {
                for (int c = 0; c < 3; c++) {
                    out[(t * joints + j) * 3 + c] = relative[(t * joints + j) * 3 + c] + filled[root + c];
                }
            }
        }
        boolean[] notObserved = new boolean[observed.length];
        for (int i = 0; i < observed.length; i++) {
            notObserved[i] = !observed[i];
        }
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", "refine");
        step.put("method", "STRIDE test-time training of a DSTFormer motion prior");
        step.put("prior", prior.card().getOrDefault("name", "stride-prior"));
        step.put("epochs", losses.size());
        step.put("prior_fps", prior.fps());
        step.put("options", options.toString());
        if (!losses.isEmpty()) {
            step.put("loss_first_epoch", losses.get(0));
            step.put("loss_last_epoch", losses.get(losses.size() - 1));
        }
        if (stopped != null) {
            step.put("stopped", stopped);
        }
        Motion3d result = new Motion3d(Layout.H36M17, m.fps(), m.coordinateFrame(), out, null, notObserved, null,
                m.provenance().withStep(step));
        return new Refinement(result, losses, stopped, (System.nanoTime() - start) / 1e9);
    }

    /** Per frame: gapWeight + (1 − gapWeight) · observed fraction of its joints. */
    private float[] frameWeights(boolean[] observed, int frames, int joints) {
        float[] w = new float[frames];
        for (int t = 0; t < frames; t++) {
            int n = 0;
            for (int j = 0; j < joints; j++) {
                n += observed[t * joints + j] ? 1 : 0;
            }
            w[t] = (float) (options.gapWeight() + (1 - options.gapWeight()) * n / joints);
        }
        return w;
    }

    /** The sequence at the prior's rate, as test-time training reads it. */
    private record Clip(float[] input, float[] filled, boolean[] observed, float[] pseudo, float[] frameWeights, int frames) {
    }

    /** @return why training stopped early, or null */
    private String train(MotionPrior model, Clip clip, List<Double> losses, IntConsumer progress) {
        List<Integer> starts = ClipWindows.starts(clip.frames(), model.clipFrames(), Math.max(1, model.clipFrames() / 2));
        long stepsPerEpoch = (starts.size() + options.batch() - 1) / options.batch();
        LrSchedule perEpoch = step -> options.learningRate() * Math.pow(options.decay(), step / stepsPerEpoch);
        try (GradientSteps steps = new GradientSteps(model, perEpoch, options.weightDecay())) {
            return epochs(model, steps, starts, clip, Math.min(model.clipFrames(), clip.frames()), losses, progress);
        }
    }

    private String epochs(MotionPrior model, GradientSteps steps, List<Integer> starts, Clip clip, int length,
            List<Double> losses, IntConsumer progress) {
        int joints = Layout.H36M17.size();
        SplittableRandom random = new SplittableRandom(options.seed());
        // A stream of its own, so that the window order and mirroring do not depend on maskShare.
        SplittableRandom masks = new SplittableRandom(~options.seed());
        PretrainCorruption corruption = new PretrainCorruption(Layout.H36M17);
        NDManager manager = model.manager();
        int in = length * joints * PriorInput.CHANNELS;
        int out = length * joints * 3;
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            List<Integer> order = new ArrayList<>(starts);
            for (int i = order.size() - 1; i > 0; i--) {
                int k = random.nextInt(i + 1);
                order.set(k, order.set(i, order.get(k)));
            }
            double sum = 0;
            int count = 0;
            for (int first = 0; first < order.size(); first += options.batch()) {
                List<Integer> batch = order.subList(first, Math.min(order.size(), first + options.batch()));
                int n = batch.size();
                float[] x = new float[n * in];
                float[] y = new float[n * out];
                float[] w = new float[n * length];
                for (int b = 0; b < n; b++) {
                    int s = batch.get(b);
                    float[] xi = options.maskShare() > 0 && masks.nextDouble() < options.maskShare()
                            ? corruption.mask(Arrays.copyOfRange(clip.filled(), s * joints * 3, s * joints * 3 + out),
                                    Arrays.copyOfRange(clip.observed(), s * joints, (s + length) * joints), length, masks)
                            : Arrays.copyOfRange(clip.input(), s * joints * PriorInput.CHANNELS, s * joints * PriorInput.CHANNELS + in);
                    float[] yi = Arrays.copyOfRange(clip.pseudo(), s * joints * 3, s * joints * 3 + out);
                    if (random.nextBoolean()) {
                        xi = Mirror.flip(xi, length, Layout.H36M17, PriorInput.CHANNELS);
                        yi = Mirror.flip(yi, length, Layout.H36M17, 3);
                    }
                    System.arraycopy(xi, 0, x, b * in, in);
                    System.arraycopy(yi, 0, y, b * out, out);
                    System.arraycopy(clip.frameWeights(), s, w, b * length, length);
                }
                double loss = steps.step(() -> {
                    NDArray xs = manager.create(x, new Shape(n, length, joints, PriorInput.CHANNELS));
                    NDArray ys = manager.create(y, new Shape(n, length, joints, 3));
                    NDArray ws = manager.create(w, new Shape(n, length));
                    return PriorLoss.total(model.forward(xs), ys, ws, options.weights());
                });
                if (Double.isNaN(loss)) {
                    return String.format(Locale.ROOT, "non-finite loss in epoch %d: training stopped, the weights of the last good step kept",
                            epoch + 1);
                }
                sum += loss;
                count++;
            }
            losses.add(sum / count);
            progress.accept(epoch + 1);
        }
        return null;
    }
}
