package org.posetta.adapt.refine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.posetta.data.Human36m;
import org.posetta.geometry.Camera;
import org.posetta.nn.DstFormerConfig;
import org.posetta.nn.FrameLifterModel;
import org.posetta.nn.LrSchedule;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;

/**
 * Pretraining of the {@link MotionPrior} on Human3.6M (STRIDE §3.2): random clips of the
 * training subjects in the camera frame at {@code 50 / frameStep} fps (every phase of the
 * subsampling is used), randomly mirrored, corrupted by {@link PretrainCorruption}; target the
 * clean root-relative clip; loss MPJPE + 0.5·N-MPJPE + 20·velocity ({@link PriorLoss.Weights#PRETRAIN});
 * AdamW with a linear warm-up and a cosine decay to a tenth of the peak rate. With a per-frame
 * lifter, a share of the clips ({@code lifterShare}) takes its input from the lifter run on the
 * subject's Stacked Hourglass detections instead of synthetic noise (STRIDE's setting: the prior
 * learns the errors it will see).
 */
public final class PriorTraining {
    private static final int WARMUP_STEPS = 100;
    private static final int VALIDATION_CLIPS = 64;

    /**
     * @param net        the network's sizes ({@code maxFrames} is the clip length)
     * @param subjects   training subjects
     * @param cameras    camera ids used (all four of Human3.6M, or a subset)
     * @param validation subject whose fixed clips are scored during training (a training subject:
     *                   sizes are never chosen on the test subjects)
     * @param frameStep  keep every {@code frameStep}-th 50 fps frame (5 → 10 fps)
     * @param maxSeconds stop early, with a checkpoint, after this much wall time
     */
    public record Settings(DstFormerConfig net, List<String> subjects, List<String> cameras, String validation,
            int frameStep, int batch, int steps, double learningRate, double weightDecay, long seed, long maxSeconds,
            int checkpointEvery, double lifterShare) {
        public double fps() {
            return 50.0 / frameStep;
        }
    }

    private final Human36m data;
    private final Settings settings;
    private final Consumer<String> log;
    private final PretrainCorruption corruption = new PretrainCorruption(Layout.H36M17);
    private final List<String[]> sequences = new ArrayList<>();
    private final List<float[]> world = new ArrayList<>();
    private final FrameLifterModel lifter;
    private long totalFrames;

    /** @param lifter the per-frame lifter whose errors the prior learns, or null for synthetic noise only */
    public PriorTraining(Human36m data, Settings settings, FrameLifterModel lifter, Consumer<String> log) {
        this.data = data;
        this.settings = settings;
        this.lifter = lifter;
        this.log = log;
        for (String subject : settings.subjects()) {
            for (String action : data.actions(subject)) {
                float[] xyz = data.worldPositions(subject, action).positions();
                if (xyz.length / 51 >= settings.frameStep() * settings.net().maxFrames()) {
                    sequences.add(new String[] {subject, action});
                    world.add(xyz);
                    totalFrames += xyz.length / 51;
                }
            }
        }
    }

    /**
     * Trains, from scratch or from {@code init} (fine-tuning; same architecture), writing
     * checkpoints (weights + card) to {@code weights} as it goes.
     */
    public MotionPrior run(MotionPrior init, Path weights, Map<String, Object> cardEntries) {
        Settings s = settings;
        MotionPrior prior = init != null ? init.copy() : MotionPrior.create(s.net(), s.fps(), s.seed());
        LrSchedule schedule = LrSchedule.warmupCosine(s.learningRate(), Math.min(WARMUP_STEPS, s.steps() - 1), s.steps(),
                0.1 * s.learningRate());
        try (GradientSteps steps = new GradientSteps(prior, schedule, s.weightDecay())) {
            train(prior, steps, weights, cardEntries);
        }
        return prior;
    }

    private void train(MotionPrior prior, GradientSteps steps, Path weights, Map<String, Object> cardEntries) {
        Settings s = settings;
        SplittableRandom random = new SplittableRandom(s.seed());
        List<float[][]> validation = validationSet(new SplittableRandom(s.seed() + 1));
        int frames = s.net().maxFrames();
        Instant start = Instant.now();
        double running = Double.NaN;
        int done = 0;
        int skipped = 0;
        log.accept(String.format(Locale.ROOT, "prior %s: %d parameters, %d sequences (%d frames at 50 fps), clips of %d frames at %.0f fps",
                s.net(), s.net().parameterCount(), sequences.size(), totalFrames, frames, s.fps()));
        for (int step = 0; step < s.steps(); step++) {
            if (Duration.between(start, Instant.now()).toSeconds() > s.maxSeconds()) {
                log.accept("time limit of " + s.maxSeconds() + " s reached after " + step + " steps");
                break;
            }
            float[] input = new float[s.batch() * frames * 17 * PriorInput.CHANNELS];
            float[] target = new float[s.batch() * frames * 17 * 3];
            for (int b = 0; b < s.batch(); b++) {
                float[][] clip = trainingClip(random, null);
                System.arraycopy(clip[0], 0, input, b * clip[0].length, clip[0].length);
                System.arraycopy(clip[1], 0, target, b * clip[1].length, clip[1].length);
            }
            NDManager m = prior.manager();
            double loss = steps.step(() -> {
                NDArray x = m.create(input, new Shape(s.batch(), frames, 17, PriorInput.CHANNELS));
                NDArray y = m.create(target, new Shape(s.batch(), frames, 17, 3));
                return PriorLoss.total(prior.forward(x), y, null, PriorLoss.Weights.PRETRAIN);
            });
            if (Double.isNaN(loss)) {
                skipped++;
                log.accept("step " + step + ": non-finite loss or gradient, step skipped (" + skipped + " so far)");
                continue;
            }
            done = step + 1;
            running = Double.isNaN(running) ? loss : 0.98 * running + 0.02 * loss;
            if ((step + 1) % 50 == 0) {
                log.accept(String.format(Locale.ROOT, "step %d  loss %.4f  lr %.2e  %.0f s", step + 1, running,
                        steps.learningRate(), Duration.between(start, Instant.now()).toMillis() / 1000.0));
            }
            if ((step + 1) % s.checkpointEvery() == 0) {
                log.accept(validate(prior, validation));
                save(prior, weights, cardEntries, done, skipped, start, running);
            }
        }
        String v = validate(prior, validation);
        log.accept(v);
        Map<String, Object> entries = new LinkedHashMap<>(cardEntries);
        entries.put("validation", v);
        save(prior, weights, entries, done, skipped, start, running);
    }

    private void save(MotionPrior prior, Path weights, Map<String, Object> cardEntries, int done, int skipped, Instant start,
            double loss) {
        Map<String, Object> card = new LinkedHashMap<>(cardEntries);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("subjects", settings.subjects());
        t.put("cameras", settings.cameras());
        t.put("fps", settings.fps());
        t.put("sequences", sequences.size());
        t.put("frames_50fps", totalFrames);
        t.put("batch", settings.batch());
        t.put("steps_planned", settings.steps());
        t.put("steps_done", done);
        t.put("steps_skipped_non_finite", skipped);
        t.put("learning_rate", settings.learningRate());
        t.put("weight_decay", settings.weightDecay());
        t.put("seed", settings.seed());
        t.put("lifter_error_share", lifter == null ? 0 : settings.lifterShare());
        t.put("final_loss", loss);
        t.put("wall_seconds", Duration.between(start, Instant.now()).toSeconds());
        card.put("training", t);
        prior.save(weights, card);
    }

    /**
     * One random clip: {@code [input, clean target]}; from {@code subject} only where it is not
     * null.
     */
    private float[][] trainingClip(SplittableRandom random, String subject) {
        int frames = settings.net().maxFrames();
        int step = settings.frameStep();
        int index;
        do {
            long pick = (long) (random.nextDouble() * totalFrames);
            index = 0;
            while (pick >= world.get(index).length / 51) {
                pick -= world.get(index).length / 51;
                index++;
            }
        } while (subject != null && !sequences.get(index)[0].equals(subject));
        float[] xyz = world.get(index);
        int length = xyz.length / 51;
        int span = step * (frames - 1) + 1;
        int first = random.nextInt(length - span + 1);
        float[] clip = new float[frames * 51];
        for (int t = 0; t < frames; t++) {
            System.arraycopy(xyz, (first + t * step) * 51, clip, t * 51, 51);
        }
        String cameraId = settings.cameras().get(random.nextInt(settings.cameras().size()));
        Camera camera = data.camera(sequences.get(index)[0], cameraId);
        camera.worldToCamera(clip, clip);
        float[] clean = PriorInput.rootRelative(clip, frames, 17);
        float[] estimate = null;
        if (lifter != null && random.nextDouble() < settings.lifterShare()) {
            estimate = PriorInput.rootRelative(lifted(sequences.get(index), cameraId, first, frames), frames, 17);
        }
        if (random.nextBoolean()) {
            clean = Mirror.flip(clean, frames, Layout.H36M17, 3);
            estimate = estimate == null ? null : Mirror.flip(estimate, frames, Layout.H36M17, 3);
        }
        float[] input = estimate == null ? corruption.apply(clean, frames, random) : corruption.mask(estimate, frames, random);
        return new float[][] {input, clean};
    }

    /** The lifter's camera-frame output on the detections of the clip's frames. */
    private float[] lifted(String[] sequence, String cameraId, int first, int frames) {
        Keypoints2d all = data.sequence(sequence[0], sequence[1], cameraId).detections();
        int joints = all.joints();
        float[] uv = all.pixels();
        float[] clip = new float[frames * joints * 2];
        for (int t = 0; t < frames; t++) {
            System.arraycopy(uv, (first + t * settings.frameStep()) * joints * 2, clip, t * joints * 2, joints * 2);
        }
        return lifter.lift(new Keypoints2d(all.layout(), settings.fps(), all.width(), all.height(), clip, null, all.provenance()))
                .positions();
    }

    private List<float[][]> validationSet(SplittableRandom random) {
        List<float[][]> out = new ArrayList<>();
        if (settings.validation() == null || sequences.stream().noneMatch(q -> q[0].equals(settings.validation()))) {
            return out;
        }
        while (out.size() < VALIDATION_CLIPS) {
            out.add(trainingClip(random, settings.validation()));
        }
        return out;
    }

    /** MPJPE (mm) of the prior and of its gap-filled input against the clean clips, on all and on unobserved entries. */
    private String validate(MotionPrior prior, List<float[][]> clips) {
        if (clips.isEmpty()) {
            return "no validation clips";
        }
        int frames = settings.net().maxFrames();
        double[] err = new double[4];
        long all = 0;
        long hidden = 0;
        for (float[][] clip : clips) {
            float[] out;
            try (NDScope scope = new NDScope()) {
                out = prior.forward(prior.manager().create(clip[0], new Shape(1, frames, 17, PriorInput.CHANNELS)))
                        .toFloatArray();
            }
            out = PriorInput.rootRelative(out, frames, 17);
            for (int i = 0; i < frames * 17; i++) {
                double eIn = 0;
                double eOut = 0;
                for (int c = 0; c < 3; c++) {
                    eIn += Math.pow(clip[0][i * 4 + c] - clip[1][i * 3 + c], 2);
                    eOut += Math.pow(out[i * 3 + c] - clip[1][i * 3 + c], 2);
                }
                err[0] += Math.sqrt(eIn);
                err[1] += Math.sqrt(eOut);
                all++;
                if (clip[0][i * 4 + 3] == 0f) {
                    err[2] += Math.sqrt(eIn);
                    err[3] += Math.sqrt(eOut);
                    hidden++;
                }
            }
        }
        return String.format(Locale.ROOT, "validation (%s, %d clips): input %.1f mm, prior %.1f mm; unobserved entries: input %.1f mm, prior %.1f mm",
                settings.validation(), clips.size(), 1000 * err[0] / all, 1000 * err[1] / all, 1000 * err[2] / hidden,
                1000 * err[3] / hidden);
    }
}
