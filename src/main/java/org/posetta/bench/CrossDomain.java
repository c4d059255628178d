package org.posetta.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.posetta.adapt.lift.Adaptation;
import org.posetta.adapt.lift.DiffusionLifter;
import org.posetta.adapt.lift.Hypotheses;
import org.posetta.adapt.lift.PoseSequence;
import org.posetta.data.Human36m;
import org.posetta.metrics.ActionTable;
import org.posetta.metrics.PoseMetrics;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * The {@code cross-domain} benchmark: PoSynDA's ablation on Human3.6M (methods §10.0, §10.2).
 * <ul>
 *   <li>(a) source S1 (ground-truth 2D and 3D) → target S5 S6 S7 S8 (ground-truth 2D only):
 *       rows {@code input: a} are evaluated on S9/S11 (comparable with PoSynDA's 48.1 mm), rows
 *       {@code input: a-target} on a fixed sample of the target subjects;</li>
 *   <li>(b) source S1 S5–S8 (ground-truth 2D and 3D) → target S9 S11 Stacked Hourglass
 *       detections, evaluated on them;</li>
 *   <li>{@code b-val}, (b)'s validation twin on training subjects only: source S1 → target
 *       S5–S8 Stacked Hourglass detections, evaluated on them with (a)'s source model, so that
 *       adaptation settings for (b) are chosen without S9/S11.</li>
 * </ul>
 * Rows add one component each: {@code source-only}, {@code +gpa} (every weight fine-tuned on
 * GPA-placed source clips and single-sample target pseudo-labels), {@code +lora} (base frozen,
 * LoRA rank 4 trained instead), {@code +bias}, {@code +multi-hypothesis} (H = 3 pseudo-labels from
 * the student), {@code +teacher} (EMA teacher: the full method), and {@code full-without-gpa}
 * (the full method with source clips as they are, to measure GPA inside it). Every adapted row
 * starts from the same source model and takes the same fixed number of steps on the same target
 * sample. Outputs are the per-joint selection over H = 5 hypotheses (K = 1) with a root solved
 * from the 2D; the mean over hypotheses is given beside it; the best hypothesis per joint against
 * the ground truth is an oracle row.
 */
public final class CrossDomain {
    /** Row names in ablation order. */
    public static final List<String> ROWS = List.of("source-only", "+gpa", "+lora", "+bias", "+multi-hypothesis", "+teacher",
            "full-without-gpa");
    /** Rows also evaluated on the target subjects of (a). */
    static final List<String> TARGET_ROWS = List.of("source-only", "+teacher", "full-without-gpa");
    /** The target subjects of (a), whose detections are also b-val's target. */
    private static final List<String> TARGET_SUBJECTS = List.of("S5", "S6", "S7", "S8");
    /** The settings {@link #run} knows. */
    public static final List<String> INPUTS = List.of("a", "b", "b-val");
    /** The camera the evaluations use by default (one of four, to fit the time budget). */
    public static final List<String> EVAL_CAMERAS = List.of("60457274");
    /** Frames (10 fps) evaluated from the start of each sequence in the smoke subset. */
    static final int QUICK_EVAL_FRAMES = 27;

    /**
     * @param quick       the smoke subset
     * @param rows        row names to run (from {@link #ROWS})
     * @param inputs      {@code a}, {@code b}
     * @param modelA      source model for (a) (trained on S1)
     * @param modelB      source model for (b) (trained on S1 S5–S8), may be null if (b) is not run
     * @param steps       adaptation steps per row
     * @param batch       clips per step
     * @param lrAdapter   learning rate where only LoRA / bias are trained
     * @param lrFull      learning rate where every weight is trained ({@code +gpa})
     * @param hypotheses  H at evaluation
     * @param videoSteps  adaptation steps when one 243-frame video is the target (for {@code seconds_per_243})
     * @param evalFrames  frames (10 fps) evaluated from the start of each evaluation sequence, 0 for all of them
     * @param evalCameras the cameras whose sequences are evaluated (adaptation always sees every camera of the target)
     */
    public record Options(boolean quick, List<String> rows, List<String> inputs, Path modelA, Path modelB, int steps, int batch,
            double lrAdapter, double lrFull, int hypotheses, int videoSteps, int evalFrames, List<String> evalCameras, long seed,
            String command, int threads) {
        public Options {
            if (evalFrames < 0) {
                throw new IllegalArgumentException("evalFrames must be 0 (all) or positive: " + evalFrames);
            }
            evalCameras = List.copyOf(evalCameras);
            if (evalCameras.isEmpty()) {
                throw new IllegalArgumentException("no evaluation camera");
            }
        }

        /** Frames evaluated per sequence, 0 for all: {@link #QUICK_EVAL_FRAMES} in the smoke subset. */
        int framesPerSequence() {
            return quick ? QUICK_EVAL_FRAMES : evalFrames;
        }
    }

    private CrossDomain() {
    }

    /** The adaptation settings of a row (cumulative), or null for {@code source-only}. */
    public static Adaptation.Settings settings(String row, Options o) {
        int i = ROWS.indexOf(row);
        if (i < 0) {
            throw new PosettaException("unknown cross-domain row '" + row + "': choose from " + String.join(", ", ROWS) + ".");
        }
        if (i == 0) {
            return null;
        }
        boolean lora = i >= 2;
        boolean bias = i >= 3;
        int h = i >= 4 ? 3 : 1;
        double momentum = i >= 5 ? 0.99 : 0;
        boolean gpa = !row.equals("full-without-gpa");
        return new Adaptation.Settings(o.steps(), o.batch(), lora ? o.lrAdapter() : o.lrFull(), gpa, lora, 4, bias, h, false, momentum,
                0.5, 1, 0.1, 1, o.seed());
    }

    /**
     * Runs the rows and returns the report; {@code afterRow} gets the report so far after each
     * row, so that a long run keeps what it has measured.
     */
    public static BenchmarkReport run(Path h36m, Options o, Consumer<String> log, Consumer<BenchmarkReport> afterRow) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> models = new LinkedHashMap<>();
        int frames = o.framesPerSequence();
        String subset = subset(o);
        Consumer<List<Map<String, Object>>> progress = r -> afterRow.accept(new BenchmarkReport("cross-domain", subset, r,
                BenchmarkReport.provenance(o.command(), o.threads(), o.seed(), models)));
        // One load serves every setting: (a) and (b) need all seven subjects, b-val the training ones.
        List<String> subjects = o.inputs().contains("a") || o.inputs().contains("b")
                ? List.of("S1", "S5", "S6", "S7", "S8", "S9", "S11") : Human36m.TRAIN_SUBJECTS;
        log.accept("loading Human3.6M " + String.join(" ", subjects));
        Human36m data = Human36m.load(h36m, subjects);
        for (String camera : o.evalCameras()) {
            if (!data.cameraIds(subjects.get(0)).contains(camera)) {
                throw new PosettaException("Human3.6M has no camera '" + camera + "': choose from "
                        + String.join(", ", data.cameraIds(subjects.get(0))) + ".");
            }
        }
        if (o.inputs().contains("a")) {
            models.put("a", o.modelA().toString());
            List<PoseSequence> source = PoseSequence.fromHuman36m(data, List.of("S1"), List.of(), 5, false);
            List<PoseSequence> target = PoseSequence.fromHuman36m(data, TARGET_SUBJECTS, List.of(), 5, false);
            List<PoseSequence> test = heads(PoseSequence.fromHuman36m(data, Human36m.TEST_SUBJECTS, o.evalCameras(), 5, false),
                    frames);
            List<PoseSequence> targetEval = heads(PoseSequence.fromHuman36m(data, TARGET_SUBJECTS,
                    o.evalCameras(), 5, false), frames);
            runSetting("a", "a-target", source, target, test, targetEval, o.modelA(), o, rows, log, progress);
        }
        if (o.inputs().contains("b")) {
            if (o.modelB() == null) {
                throw new PosettaException("setting (b) needs the S1 S5-S8 source model: pass --model-b.");
            }
            models.put("b", o.modelB().toString());
            List<PoseSequence> source = PoseSequence.fromHuman36m(data, Human36m.TRAIN_SUBJECTS, List.of(), 5, false);
            List<PoseSequence> target = PoseSequence.fromHuman36m(data, Human36m.TEST_SUBJECTS, List.of(), 5, true);
            List<PoseSequence> test = heads(PoseSequence.fromHuman36m(data, Human36m.TEST_SUBJECTS, o.evalCameras(), 5, true),
                    frames);
            runSetting("b", null, source, target, test, null, o.modelB(), o, rows, log, progress);
        }
        if (o.inputs().contains("b-val")) {
            models.put("b-val", o.modelA().toString());
            List<PoseSequence> source = PoseSequence.fromHuman36m(data, List.of("S1"), List.of(), 5, false);
            List<PoseSequence> target = PoseSequence.fromHuman36m(data, TARGET_SUBJECTS, List.of(), 5, true);
            List<PoseSequence> test = heads(PoseSequence.fromHuman36m(data, TARGET_SUBJECTS, o.evalCameras(), 5, true),
                    frames);
            runSetting("b-val", null, source, target, test, null, o.modelA(), o, rows, log, progress);
        }
        return new BenchmarkReport("cross-domain", subset, rows, BenchmarkReport.provenance(o.command(), o.threads(), o.seed(), models));
    }

    /** The subset string: what was adapted to and evaluated, and how much. */
    static String subset(Options o) {
        int frames = o.framesPerSequence();
        String part = frames == 0 ? "every frame" : "the first " + frames + " frames";
        return (o.quick() ? "quick" : frames == 0 ? "full" : "reduced") + String.format(Locale.ROOT, ": 10 fps, %s %s; (a) evaluated on"
                + " %s of every S9 S11 sequence, a-target on %s of every S5-S8 sequence; (b) on"
                + " %s of every S9 S11 sequence (SH detections), b-val on %s of every S5-S8 sequence (SH"
                + " detections, source S1); a-target rows for source-only, +teacher and full-without-gpa; adaptation per row: %d steps of %d clips (27 frames)"
                + " drawn with seed %d from every sequence and camera of the target ((a) S5-S8 ground-truth 2D, (b) S9 S11"
                + " SH detections, b-val S5-S8 SH detections); H = %d, K = 1", o.evalCameras().size() == 1 ? "camera" : "cameras",
                String.join(" ", o.evalCameras()), part, part, part, part, o.steps(), o.batch(), o.seed(),
                o.hypotheses());
    }

    private static void runSetting(String input, String targetInput, List<PoseSequence> source, List<PoseSequence> target,
            List<PoseSequence> test, List<PoseSequence> targetEval, Path model, Options o, List<Map<String, Object>> rows,
            Consumer<String> log, Consumer<List<Map<String, Object>>> progress) {
        for (String row : o.rows()) {
            Adaptation.Settings s = settings(row, o);
            try (DiffusionLifter lifter = DiffusionLifter.load(model)) {
                long started = System.nanoTime();
                double adaptSeconds = 0;
                if (s != null) {
                    log.accept("(" + input + ") " + row + ": adapting");
                    Adaptation.adapt(lifter, source, target, s, log);
                    adaptSeconds = (System.nanoTime() - started) / 1e9;
                }
                log.accept("(" + input + ") " + row + ": evaluating");
                Evaluation e = evaluate(lifter, test, o);
                double seconds = (System.nanoTime() - started) / 1e9;
                Map<String, Object> extra = extra(e, adaptSeconds, s, o);
                if (row.equals("+teacher")) {
                    extra.put("seconds_per_243", round(secondsPer243(model, source, target, s, o, log)));
                }
                rows.add(BenchmarkReport.row(row, input, e.selected.actionMean(), e.selected.actionMean().frames(), seconds, false, extra));
                log.accept(String.format(Locale.ROOT, "(%s) %s: %.1f mm, P-MPJPE %.1f mm, %.0f s", input, row,
                        e.selected.actionMean().mpjpeMm(), e.selected.actionMean().paMpjpeMm(), seconds));
                if (row.equals("source-only") || row.equals("+teacher")) {
                    rows.add(BenchmarkReport.row(row + " (oracle: best hypothesis per joint)", input, e.best.actionMean(),
                            e.best.actionMean().frames(), seconds, true, Map.of("per_action", perAction(e.best))));
                }
                if (targetEval != null && TARGET_ROWS.contains(row)) {
                    long t0 = System.nanoTime();
                    Evaluation te = evaluate(lifter, targetEval, o);
                    double ts = (System.nanoTime() - t0) / 1e9 + adaptSeconds;
                    rows.add(BenchmarkReport.row(row, targetInput, te.selected.actionMean(), te.selected.actionMean().frames(), ts,
                            false, extra(te, adaptSeconds, s, o)));
                }
            }
            progress.accept(rows);
        }
    }

    /**
     * Wall time to adapt to one 243-frame target video and lift it: a fresh source model, the
     * row's settings with {@link Options#videoSteps} steps, the target being the first 243 frames
     * (10 fps) of the first target sequence that long.
     */
    private static double secondsPer243(Path model, List<PoseSequence> source, List<PoseSequence> target, Adaptation.Settings s,
            Options o, Consumer<String> log) {
        PoseSequence video = target.stream().filter(t -> t.frames() >= 243).findFirst().orElse(target.get(0)).head(243);
        Adaptation.Settings perVideo = new Adaptation.Settings(o.videoSteps(), s.batch(), s.learningRate(), s.gpa(), s.lora(),
                s.rank(), s.bias(), s.hypotheses(), s.perJointLabels(), s.teacherMomentum(), s.target2d(), s.target3d(),
                s.source2d(), s.source3d(), s.seed());
        try (DiffusionLifter lifter = DiffusionLifter.load(model)) {
            long t0 = System.nanoTime();
            Adaptation.adapt(lifter, source, List.of(video), perVideo, line -> { });
            lifter.lift(video, new DiffusionLifter.Sampling(o.hypotheses(), 1, 1.0, DiffusionLifter.Aggregation.JOINT, o.seed()));
            double seconds = (System.nanoTime() - t0) / 1e9;
            log.accept(String.format(Locale.ROOT, "one 243-frame video: %d adaptation steps and lifting in %.1f s", o.videoSteps(), seconds));
            return seconds;
        }
    }

    private static Map<String, Object> extra(Evaluation e, double adaptSeconds, Adaptation.Settings s, Options o) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("aggregation", "per-joint selection by reprojection, root solved from 2D (J-Agg), H = " + o.hypotheses());
        extra.put("mean_of_hypotheses_mpjpe_mm", round(e.mean.actionMean().mpjpeMm()));
        extra.put("mean_of_hypotheses_pa_mpjpe_mm", round(e.mean.actionMean().paMpjpeMm()));
        extra.put("adaptation_seconds", round(adaptSeconds));
        extra.put("lift_seconds", round(e.seconds));
        if (s != null) {
            extra.put("adaptation", Map.of("steps", s.steps(), "batch", s.batch(), "learning_rate", s.learningRate(), "gpa", s.gpa(), "trained",
                    s.adaptsTensorsOnly() ? (s.lora() ? "LoRA rank " + s.rank() : "") + (s.lora() && s.bias() ? " + " : "")
                            + (s.bias() ? "J×3 bias" : "") : "every weight",
                    "pseudo_label_hypotheses", s.hypotheses(), "teacher", s.teacherMomentum() > 0 ? "EMA " + s.teacherMomentum()
                            : "student weights"));
        }
        extra.put("per_action", perAction(e.selected));
        return extra;
    }

    private record Evaluation(ActionTable selected, ActionTable mean, ActionTable best, double seconds) {
    }

    private static Evaluation evaluate(DiffusionLifter lifter, List<PoseSequence> test, Options o) {
        ActionTable selected = new ActionTable();
        ActionTable mean = new ActionTable();
        ActionTable best = new ActionTable();
        long t0 = System.nanoTime();
        DiffusionLifter.Sampling sampling = new DiffusionLifter.Sampling(o.hypotheses(), 1, 1.0, DiffusionLifter.Aggregation.JOINT,
                o.seed());
        List<DiffusionLifter.Lifted> all = lifter.lift(test, sampling);
        for (int i = 0; i < test.size(); i++) {
            PoseSequence s = test.get(i);
            DiffusionLifter.Lifted l = all.get(i);
            Hypotheses h = l.hypotheses();
            Motion3d truth = motion(s, s.positions());
            selected.add(s.actionClass(), PoseMetrics.evaluate(motion(s, l.positions()), truth));
            mean.add(s.actionClass(), PoseMetrics.evaluate(motion(s, h.mean()), truth));
            best.add(s.actionClass(), PoseMetrics.evaluate(motion(s, h.bestPerJoint(s.positions())), truth));
        }
        return new Evaluation(selected, mean, best, (System.nanoTime() - t0) / 1e9);
    }

    private static Motion3d motion(PoseSequence s, float[] xyz) {
        return new Motion3d(Layout.H36M17, s.fps(), CoordinateFrame.CAMERA, xyz, null, null);
    }

    /** The first {@code frames} frames of each sequence; all of them where {@code frames} is 0. */
    private static List<PoseSequence> heads(List<PoseSequence> sequences, int frames) {
        if (frames == 0) {
            return sequences;
        }
        List<PoseSequence> out = new ArrayList<>();
        for (PoseSequence s : sequences) {
            out.add(s.head(frames));
        }
        return out;
    }

    private static Map<String, Object> perAction(ActionTable t) {
        Map<String, Object> out = new LinkedHashMap<>();
        t.perAction().forEach((action, e) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mpjpe_mm", round(e.mpjpeMm()));
            m.put("pa_mpjpe_mm", round(e.paMpjpeMm()));
            out.put(action, m);
        });
        return out;
    }

    private static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : null;
    }
}
