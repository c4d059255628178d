package org.posetta.adapt.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.posetta.data.Bandai;
import org.posetta.data.DeepMimic;
import org.posetta.data.Human36m;
import org.posetta.nn.AdamW;
import org.posetta.nn.Checkpoint;
import org.posetta.nn.FrameLifterModel;
import org.posetta.nn.LrSchedule;
import org.posetta.nn.Parameters;
import org.posetta.nn.Scalars;
import org.posetta.nn.TrainingLoop;
import org.posetta.pose.Motion3d;

/**
 * Trains the {@link MotionEncoder} so that a clip's embedding z matches the sentence of its
 * label (methods §8.2): L = CE_K + λ·(1 − cos(z, t_y)), where CE_K is the softmax cross-entropy
 * over the K dictionary sentences with logits s·cos(z, t_k) and t are the frozen
 * {@link TextEncoder} vectors. A softmax over the label set rather than in-batch InfoNCE, because
 * with few labels a batch holds many clips of one label, which InfoNCE would treat as negatives.
 *
 * <p>Clips are 2 s of motion at ±20 % speed, resampled to {@link ClipTiming}, canonicalised, and
 * augmented with left/right mirroring (not for sentences that name a side), a tilt of the
 * vertical of up to 5° and 1 cm joint jitter. Sources: Human3.6M training subjects as ground
 * truth (world frame) and as the shipped per-frame lifter's output on their detections (camera
 * frame: what the adapter will embed), Bandai-Namco clips except the held-out styles, and the
 * DeepMimic clips. After training: retrieval accuracy on S9/S11 and the held-out Bandai styles,
 * and τ calibrated on the training subjects' lifted clips.
 */
public final class MotionTextTraining {
    private static final int JOINTS = 17;
    private static final int VALUES = JOINTS * 3;
    private static final int[][] MIRROR_PAIRS = {{1, 4}, {2, 5}, {3, 6}, {11, 14}, {12, 15}, {13, 16}};
    private static final double[] WORLD_Z_UP = {0, 0, 1};
    private static final double[] WORLD_Y_UP = {0, 1, 0};

    /**
     * @param heldOutStyles   Bandai styles kept for evaluation
     * @param cosineWeight    λ of the absolute alignment term
     * @param sourceShares    sampling shares of Human3.6M ground truth, lifted Human3.6M, Bandai, DeepMimic
     * @param lifterCameras   cameras whose detections are lifted for training (every camera costs time)
     */
    public record Settings(MotionEncoder.Architecture architecture, int batch, int steps, double learningRate, long seconds,
            double cosineWeight, double[] sourceShares, List<String> heldOutStyles, List<String> lifterCameras, long seed) {
    }

    /** One motion with its label: F·17·3 values at {@code fps}, the vertical in its coordinates. */
    record Source(String name, float[] xyz, int frames, double fps, double[] up, int label, boolean loops) {
    }

    private final Settings settings;
    private final List<String> sentences;
    private final float[] text;
    private final List<List<Source>> pools;
    private final List<Source> testGroundTruth;
    private final List<Source> testLifted;
    private final List<Source> heldOutBandai;
    private final List<Source> calibration;
    private final Consumer<String> log;

    /**
     * @param train Human3.6M training subjects; {@code test} S9 and S11 (evaluation only)
     */
    public MotionTextTraining(Human36m train, Human36m test, Bandai bandai, DeepMimic deepMimic, FrameLifterModel lifter,
            Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
        this.sentences = ActionSentences.dictionary();
        this.text = new float[sentences.size() * TextEncoder.DIMENSION];
        for (int k = 0; k < sentences.size(); k++) {
            System.arraycopy(TextEncoder.shared().embed(sentences.get(k)), 0, text, k * TextEncoder.DIMENSION, TextEncoder.DIMENSION);
        }
        List<Source> gt = groundTruth(train);
        this.calibration = lifted(train, lifter, settings.lifterCameras());
        List<Source> bandaiTrain = new ArrayList<>();
        this.heldOutBandai = new ArrayList<>();
        for (Bandai.Clip c : bandai.clips()) {
            Motion3d m = bandai.load(c);
            Source s = new Source("bandai/" + c.name(), m.positions(), m.frames(), m.fps(), WORLD_Y_UP,
                    label(ActionSentences.forBandaiContent(c.content())), false);
            (settings.heldOutStyles().contains(c.style()) ? heldOutBandai : bandaiTrain).add(s);
        }
        List<Source> mimic = new ArrayList<>();
        for (DeepMimic.Clip c : deepMimic.clips()) {
            Motion3d m = deepMimic.load(c);
            mimic.add(new Source("deepmimic/" + c.name(), m.positions(), m.frames(), m.fps(), WORLD_Y_UP,
                    label(ActionSentences.forDeepMimicClip(c.name())), loops(c.file())));
        }
        this.pools = List.of(gt, calibration, bandaiTrain, mimic);
        this.testGroundTruth = groundTruth(test);
        this.testLifted = lifted(test, lifter, settings.lifterCameras().subList(0, 1));
        log.accept(String.format("motion-text: %d sentences; %d Human3.6M sequences, %d lifted, %d Bandai clips (%d held out), %d DeepMimic clips",
                sentences.size(), gt.size(), calibration.size(), bandaiTrain.size(), heldOutBandai.size(), mimic.size()));
    }

    /** Trains, evaluates, calibrates τ and writes the weights with their card (the card entries given plus the figures). */
    public void run(Path out, Map<String, Object> card) {
        Random rng = new Random(settings.seed());
        try (NDManager base = NDManager.newBaseManager(); Parameters params = new Parameters(base)) {
            MotionEncoder encoder = new MotionEncoder(params, settings.architecture(), settings.seed());
            NDArray textVectors = base.create(text, new Shape(sentences.size(), TextEncoder.DIMENSION));
            LrSchedule schedule = LrSchedule.warmupCosine(settings.learningRate(), Math.min(200, settings.steps() / 10),
                    settings.steps(), settings.learningRate() * 0.02);
            long deadline = System.nanoTime() + settings.seconds() * 1_000_000_000L;
            double running = Double.NaN;
            int done = 0;
            try (AdamW adam = new AdamW(params.trainable(), schedule, AdamW.Settings.DEFAULTS)) {
                TrainingLoop loop = new TrainingLoop(base, adam);
                for (int step = 0; step < settings.steps() && System.nanoTime() < deadline; step++) {
                    int[] labels = new int[settings.batch()];
                    float[] clips = batch(rng, labels);
                    TrainingLoop.StepResult r = loop.step((m, i) -> loss(encoder, m.create(clips,
                            new Shape(settings.batch(), ClipTiming.FRAMES, JOINTS, 3)), labels, textVectors));
                    running = Double.isNaN(running) ? r.loss() : 0.98 * running + 0.02 * r.loss();
                    done = step + 1;
                    if (done % 200 == 0) {
                        log.accept(String.format("step %d: loss %.4f (smoothed %.4f), lr %.2e", done, r.loss(), running, r.learningRate()));
                    }
                }
            }
            Map<String, Object> c = new LinkedHashMap<>(card);
            c.put("architecture", settings.architecture().describe());
            c.put("parameters", params.count());
            c.put("steps", done);
            c.put("final_loss", running);
            c.put("sentences", sentences);
            Map<String, List<Source>> groups = new LinkedHashMap<>();
            groups.put("h36m_S9_S11", testGroundTruth);
            groups.put("h36m_S9_S11_lifted", testLifted);
            groups.put("bandai_held_out", heldOutBandai);
            c.putAll(new RetrievalEvaluation(encoder, base, text, sentences).report(groups, calibration, log));
            Checkpoint.save(out, params, c);
        }
    }

    private NDArray loss(MotionEncoder encoder, NDArray clips, int[] labels, NDArray textVectors) {
        NDManager m = clips.getManager();
        NDArray z = encoder.forward(clips, true);
        NDArray cos = z.matMul(textVectors.transpose());
        float[] oneHot = new float[labels.length * sentences.size()];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * sentences.size() + labels[i]] = 1;
        }
        NDArray target = m.create(oneHot, new Shape(labels.length, sentences.size()));
        NDArray crossEntropy = cos.mul(encoder.logitScale()).logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
        NDArray trueCos = cos.mul(target).sum(new int[] {1});
        return crossEntropy.add(Scalars.times(trueCos.neg().add(1).mean(), settings.cosineWeight()));
    }

    /** A batch of augmented canonical clips, batch·60·17·3 values; their labels into {@code labels}. */
    private float[] batch(Random rng, int[] labels) {
        float[] out = new float[labels.length * ClipTiming.FRAMES * VALUES];
        double[] shares = settings.sourceShares();
        double total = Arrays.stream(shares).sum();
        for (int i = 0; i < labels.length; i++) {
            double u = rng.nextDouble() * total;
            int pool = 0;
            while (pool < shares.length - 1 && (u -= shares[pool]) > 0) {
                pool++;
            }
            List<Source> sources = pools.get(pool).isEmpty() ? pools.get(0) : pools.get(pool);
            Source s = sources.get(rng.nextInt(sources.size()));
            labels[i] = s.label();
            float[] clip = augmentedClip(s, rng, !mentionsSide(sentences.get(s.label())));
            System.arraycopy(clip, 0, out, i * clip.length, clip.length);
        }
        return out;
    }

    static float[] augmentedClip(Source s, Random rng, boolean mayMirror) {
        double speed = 0.8 + 0.4 * rng.nextDouble();
        int n = Math.max(2, (int) Math.round(ClipTiming.SECONDS * s.fps() * speed));
        int start = s.loops() || s.frames() <= n ? rng.nextInt(Math.max(1, s.loops() ? s.frames() : 1))
                : rng.nextInt(s.frames() - n + 1);
        float[] segment = new float[n * VALUES];
        for (int f = 0; f < n; f++) {
            int source = s.loops() ? (start + f) % s.frames() : Math.min(s.frames() - 1, start + f);
            System.arraycopy(s.xyz(), source * VALUES, segment, f * VALUES, VALUES);
        }
        double[] up = tilt(s.up(), rng, Math.toRadians(5));
        float[] clip = Canonicalisation.apply(ClipTiming.resample(segment, n / ClipTiming.SECONDS), ClipTiming.FRAMES, up);
        if (mayMirror && rng.nextBoolean()) {
            mirror(clip);
        }
        for (int i = 0; i < clip.length; i++) {
            if (i % VALUES >= 3) {
                clip[i] += (float) (rng.nextGaussian() * 0.01);
            }
        }
        return clip;
    }

    /** Canonical clips, non-overlapping, 2 s apart, from every source. */
    static List<float[]> evaluationClips(Source s) {
        List<float[]> clips = new ArrayList<>();
        int n = ClipTiming.sourceFrames(s.fps());
        for (int start = 0; start + n <= s.frames(); start += n) {
            float[] segment = Arrays.copyOfRange(s.xyz(), start * VALUES, (start + n) * VALUES);
            clips.add(Canonicalisation.apply(ClipTiming.resample(segment, s.fps()), ClipTiming.FRAMES, s.up()));
        }
        return clips;
    }

    /** Every sequence's world-frame ground truth (one per action, not per camera). */
    private List<Source> groundTruth(Human36m data) {
        List<Source> out = new ArrayList<>();
        for (String s : data.subjects()) {
            for (String a : data.actions(s)) {
                Motion3d m = data.worldPositions(s, a);
                out.add(new Source(s + "/" + a, m.positions(), m.frames(), m.fps(), WORLD_Z_UP, label(ActionSentences.forH36mAction(a)),
                        false));
            }
        }
        return out;
    }

    /** The lifter's root-relative output on the Human3.6M detections of {@code cameras}, camera frame. */
    private List<Source> lifted(Human36m data, FrameLifterModel lifter, List<String> cameras) {
        List<Source> out = new ArrayList<>();
        data.sequences().filter(q -> cameras.contains(q.camera().id())).forEach(q -> {
            Motion3d m = lifter.lift(q.detections());
            out.add(new Source(q.name(), m.positions(), m.frames(), m.fps(), Canonicalisation.upOf(q.camera()),
                    label(ActionSentences.forH36mAction(q.action())), false));
        });
        return out;
    }

    private int label(String sentence) {
        int k = sentences.indexOf(sentence);
        if (k < 0) {
            throw new IllegalStateException("sentence '" + sentence + "' is not in the dictionary");
        }
        return k;
    }

    private static boolean mentionsSide(String sentence) {
        return sentence.matches(".*\\b(left|right)\\b.*");
    }

    private static void mirror(float[] clip) {
        for (int f = 0; f < clip.length / VALUES; f++) {
            int o = f * VALUES;
            for (int j = 0; j < JOINTS; j++) {
                clip[o + j * 3] = -clip[o + j * 3];
            }
            for (int[] p : MIRROR_PAIRS) {
                for (int c = 0; c < 3; c++) {
                    float t = clip[o + p[0] * 3 + c];
                    clip[o + p[0] * 3 + c] = clip[o + p[1] * 3 + c];
                    clip[o + p[1] * 3 + c] = t;
                }
            }
        }
    }

    /** {@code up} turned by a random angle up to {@code max} about a random horizontal axis. */
    private static double[] tilt(double[] up, Random rng, double max) {
        double[] u = up.clone();
        double a = (rng.nextDouble() * 2 - 1) * max;
        double[] d = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
        double along = d[0] * u[0] + d[1] * u[1] + d[2] * u[2];
        for (int c = 0; c < 3; c++) {
            d[c] -= along * u[c];
        }
        double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        for (int c = 0; c < 3; c++) {
            u[c] = u[c] * Math.cos(a) + d[c] / n * Math.sin(a);
        }
        return u;
    }

    private static boolean loops(Path deepMimicFile) {
        try {
            return Files.readString(deepMimicFile).replace(" ", "").contains("\"Loop\":\"wrap\"");
        } catch (IOException e) {
            return false;
        }
    }
}
