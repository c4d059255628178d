package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.posetta.data.Human36m;

/**
 * Trains the {@link FrameLifter} on Human3.6M training subjects and writes its checkpoint and
 * card as it goes. One camera of one training subject is held out for validation (never S9 or
 * S11); the validation MPJPE from ground-truth 2D and from the detector's 2D goes into the card.
 * Loss: MPJPE in metres over the 16 non-root joints. Optimiser: AdamW with warm-up and cosine
 * decay; z-scored inputs and outputs with statistics from the training samples.
 */
public final class FrameLifterTrainer {
    /** Everything that decides the result; recorded in the card. */
    public record Settings(FrameLifter.Architecture architecture, int batch, long steps, double peakLr, long warmup,
            double weightDecay, double clipNorm, LiftingSamples.Augmentation augmentation, long seed, int stride,
            double maxMinutes, double checkpointMinutes, List<String> subjects, String validationSubject,
            String validationCamera) {
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batch", batch);
            m.put("steps", steps);
            m.put("optimizer", "AdamW, betas 0.9/0.999, weight decay " + weightDecay + " (weights only), global-norm clip " + clipNorm);
            m.put("learning_rate", "linear warm-up over " + warmup + " steps to " + peakLr + ", cosine to 1e-5 at step " + steps);
            m.put("loss", "MPJPE (metres) over the 16 non-root joints");
            m.put("augmentation", augmentation.describe());
            m.put("frame_stride", stride);
            m.put("max_minutes", maxMinutes);
            return m;
        }
    }

    /** What a finished run reached. */
    public record Result(long steps, double wallSeconds, double validationGt2dMm, double validationDetectionsMm) {
    }

    private FrameLifterTrainer() {
    }

    /** Trains and writes {@code weights} (and its card) every few minutes and at the end. */
    public static Result train(Human36m data, Settings s, Path weights, String command, PrintWriter log) {
        long start = System.nanoTime();
        List<Human36m.Sequence> train = new ArrayList<>();
        List<Human36m.Sequence> validation = new ArrayList<>();
        for (String subject : s.subjects()) {
            for (String action : data.actions(subject)) {
                for (String camera : data.cameraIds(subject)) {
                    Human36m.Sequence seq = data.sequence(subject, action, camera);
                    if (subject.equals(s.validationSubject()) && camera.equals(s.validationCamera())) {
                        validation.add(seq);
                    } else {
                        train.add(seq);
                    }
                }
            }
        }
        LiftingSamples samples = LiftingSamples.of(train, s.stride());
        LiftingSamples held = LiftingSamples.of(validation, 10);
        log.printf(Locale.ROOT, "training samples %d (%d sequence-cameras), validation samples %d (%s camera %s, every 10th frame), %.1f s%n",
                samples.size(), train.size(), held.size(), s.validationSubject(), s.validationCamera(), seconds(start));
        log.flush();

        try (NDManager base = NDManager.newBaseManager(); Parameters params = new Parameters(base)) {
            FrameLifter net = new FrameLifter(params, s.architecture(), s.seed());
            net.inputStandardiser().fit(samples.projected(), null);
            net.outputStandardiser().fit(samples.targets(), null);
            Torch.seed(s.seed());
            BatchOrder order = new BatchOrder(samples.size(), s.batch(), s.seed());
            LrSchedule schedule = LrSchedule.warmupCosine(s.peakLr(), s.warmup(), s.steps(), 1e-5);
            AdamW.Settings opt = new AdamW.Settings(0.9, 0.999, 1e-8, s.weightDecay(), s.clipNorm());
            double lastSave = System.nanoTime();
            double[] window = new double[2];
            Result result;
            try (AdamW adam = new AdamW(params.trainable(), schedule, opt)) {
                TrainingLoop loop = new TrainingLoop(base, adam);
                TrainingLoop.Objective objective = (step, k) -> {
                    float[][] batch = samples.batch(order.batch(k), s.augmentation(), s.seed() * 1_000_003L + k);
                    NDArray x = step.create(batch[0], new Shape(s.batch(), FrameLifter.JOINTS, 3));
                    NDArray y = step.create(batch[1], new Shape(s.batch(), FrameLifter.JOINTS - 1, 3));
                    NDArray pred = net.outputStandardiser().denormalise(net.forwardStandardised(x, true))
                            .reshape(s.batch(), FrameLifter.JOINTS - 1, 3);
                    return pred.sub(y).square().sum(new int[] {2}).add(1e-12f).sqrt().mean();
                };
                boolean timeUp = false;
                while (adam.steps() < s.steps() && !timeUp) {
                    TrainingLoop.StepResult r = loop.step(objective);
                    window[0] += r.loss();
                    window[1]++;
                    if (r.index() % 200 == 0 || r.index() == s.steps() - 1) {
                        log.printf(Locale.ROOT, "step %d/%d loss %.1f mm lr %.2e grad-norm %.3f %.0f s%n", r.index(), s.steps(),
                                window[0] / window[1] * 1000, r.learningRate(), r.gradNorm(), seconds(start));
                        log.flush();
                        window[0] = window[1] = 0;
                    }
                    timeUp = seconds(start) > s.maxMinutes() * 60;
                    if ((System.nanoTime() - lastSave) / 60e9 > s.checkpointMinutes()) {
                        double[] v = validate(enc -> net.lift(base, enc, 4096), held);
                        save(weights, net, s, command, adam.steps(), seconds(start), v, false, samples.size());
                        log.printf(Locale.ROOT, "checkpoint at step %d: validation MPJPE %.1f mm (GT 2D), %.1f mm (detections)%n",
                                adam.steps(), v[0], v[1]);
                        log.flush();
                        lastSave = System.nanoTime();
                    }
                }
                double[] v = validate(enc -> net.lift(base, enc, 4096), held);
                result = new Result(adam.steps(), seconds(start), v[0], v[1]);
                save(weights, net, s, command, adam.steps(), seconds(start), v, true, samples.size());
                log.printf(Locale.ROOT, "done: %d steps in %.0f s%s; validation MPJPE %.1f mm (GT 2D), %.1f mm (detections)%n",
                        adam.steps(), seconds(start), timeUp ? " (time limit)" : "", v[0], v[1]);
                log.flush();
            }
            return result;
        }
    }

    /** Validation MPJPE in mm over the 17 joints (root included, at zero error), from GT 2D and from detections. */
    static double[] validate(UnaryOperator<float[]> lifter, LiftingSamples held) {
        double[] out = new double[2];
        for (int source = 0; source < 2; source++) {
            float[] encoded = new float[held.size() * FrameLifter.JOINTS * 3];
            for (int i = 0; i < held.size(); i++) {
                System.arraycopy(held.clean(i, source == 1), 0, encoded, i * FrameLifter.JOINTS * 3, FrameLifter.JOINTS * 3);
            }
            float[] pred = lifter.apply(encoded);
            float[] target = held.targets();
            double sum = 0;
            for (int i = 0; i < held.size(); i++) {
                for (int j = 1; j < FrameLifter.JOINTS; j++) {
                    double d2 = 0;
                    for (int c = 0; c < 3; c++) {
                        double d = pred[(i * FrameLifter.JOINTS + j) * 3 + c] - target[(i * (FrameLifter.JOINTS - 1) + j - 1) * 3 + c];
                        d2 += d * d;
                    }
                    sum += Math.sqrt(d2);
                }
            }
            out[source] = sum / (held.size() * (double) FrameLifter.JOINTS) * 1000;
        }
        return out;
    }

    private static void save(Path weights, FrameLifter net, Settings s, String command, long steps, double wallSeconds,
            double[] validation, boolean complete, int samples) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("model", "frame-lifter");
        card.put("architecture", s.architecture().describe());
        card.put("parameters", net.parameters().count());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dataset", "Human3.6M (Ionescu et al., TPAMI 2014), 50 fps, H36M-17");
        data.put("subjects", s.subjects());
        data.put("cameras", "all four, except " + s.validationSubject() + " camera " + s.validationCamera() + " (held out for validation)");
        data.put("inputs", "ground-truth 2D projections (cameras.json, with distortion), augmented as in training.augmentation; "
                + "a fraction of samples use the Stacked Hourglass detections of the same training frames (MPII-16 mapped to H36M-17)");
        data.put("samples", samples);
        card.put("data", data);
        card.put("training", s.describe());
        card.put("command", command);
        card.put("seed", s.seed());
        card.put("steps", steps);
        card.put("complete", complete);
        card.put("wall_seconds", Math.round(wallSeconds));
        card.put("threads", Torch.threads());
        card.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("subset", s.validationSubject() + " camera " + s.validationCamera() + ", every action, every 10th frame");
        v.put("mpjpe_mm_gt2d", Math.round(validation[0] * 10) / 10.0);
        v.put("mpjpe_mm_detections", Math.round(validation[1] * 10) / 10.0);
        card.put("validation", v);
        card.put("licence", "Trained on Human3.6M: these weights are for non-commercial research use only (Human3.6M licence).");
        Checkpoint.save(weights, net.parameters(), card);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
