package org.posetta.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.posetta.adapt.semantic.ActionSentences;
import org.posetta.adapt.semantic.Canonicalisation;
import org.posetta.adapt.semantic.Labels;
import org.posetta.adapt.semantic.MotionDenoiser;
import org.posetta.adapt.semantic.MotionTextModel;
import org.posetta.adapt.semantic.SemanticAdaptation;
import org.posetta.data.Human36m;
import org.posetta.metrics.ActionTable;
import org.posetta.metrics.EvalOptions;
import org.posetta.metrics.PoseErrors;
import org.posetta.metrics.PoseMetrics;
import org.posetta.nn.FrameLifterModel;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.simulate.BodyPartOcclusion;
import org.posetta.simulate.DutyCycle;
import org.posetta.simulate.LimbGroup;
import org.posetta.simulate.Occluded;
import org.posetta.simulate.OcclusionMask;
import org.posetta.simulate.RandomMask;
import org.posetta.simulate.Truncation;

/**
 * The {@code semantic} protocol (methods §10.3; SA-TTA Tables 4–5 on our inputs): one segment
 * of 243 frames at 10 fps per sequence of the chosen subjects, from one camera; the Stacked
 * Hourglass detections with simulated missing keypoints — the lower body (hips, knees, ankles)
 * hidden 4 s in every 12 s, the person cut 35 % from the bottom 3 s in every 12 s (random
 * phases), and 5 % random joint drop-outs — and the action name as the label. Each video is
 * adapted on its own from the shipped weights. Rows: the per-frame lifter, CycleAdapt, then the
 * semantic additions one by one, and the τ sweep of the full method on one segment per action.
 * Errors against the camera-frame ground truth, root-relative, 17 joints, on all frames and on
 * the frames with simulated missing keypoints; for fill-in, the count of filled keypoints
 * (relative to those detected) and their PCK against the ground-truth 2D at 5 % of the person's
 * box.
 */
public final class SemanticBenchmark {
    public static final String PROTOCOL = "semantic";
    public static final List<String> METHODS = List.of("per-frame", "cycleadapt", "+alignment", "+ema", "+fill-in", "tau-sweep");
    private static final int FRAME_STEP = 5;
    private static final double PCK_FRACTION = 0.05;

    /**
     * @param subjects   subjects evaluated (S9 S11 for the results; training subjects to choose settings)
     * @param camera     the camera id
     * @param frames     frames per segment at 10 fps
     * @param sequences  sequences per subject (0: all), in file order
     * @param methods    rows to run
     * @param adaptation the full method's settings (rows switch its parts off)
     * @param taus       the τ values of the sweep
     * @param seed       occlusion seed; sequence i uses seed + i
     */
    public record Settings(List<String> subjects, String camera, int frames, int sequences, List<String> methods,
            SemanticAdaptation.Settings adaptation, List<Double> taus, long seed) {
        public String describe(boolean quick) {
            boolean full = sequences == 0 && frames == 243 && subjects.equals(Human36m.TEST_SUBJECTS);
            return String.format(Locale.ROOT, "%s: %s, 10 fps, camera %s, %s, frames 0-%d of each; tau sweep on the first sequence"
                    + " of each action", quick ? "quick" : full ? "full" : "reduced", String.join(" ", subjects), camera,
                    sequences > 0 ? "first " + sequences + " sequences per subject" : "every sequence", frames - 1);
        }
    }

    private final Human36m data;
    private final FrameLifterModel lifter;
    private final MotionTextModel motionText;
    private final Settings settings;
    private final Consumer<String> log;

    public SemanticBenchmark(Human36m data, FrameLifterModel lifter, MotionTextModel motionText, Settings settings,
            Consumer<String> log) {
        this.data = data;
        this.lifter = lifter;
        this.motionText = motionText;
        this.settings = settings;
        this.log = log;
    }

    /** Accumulated results of one row. */
    private static final class Row {
        final ActionTable all = new ActionTable();
        final List<PoseErrors> occluded = new ArrayList<>();
        double seconds;
        long frames;
        long filled;
        long detected;
        long filledCorrect;
    }

    /** One test video: the segment's ground truth, its occluded detections and its label. */
    private record Video(Human36m.Sequence sequence, Motion3d truth, Keypoints2d groundTruth2d, Keypoints2d detections,
            OcclusionMask mask, Labels labels) {
    }

    public List<Map<String, Object>> run() {
        Map<String, Row> rows = new LinkedHashMap<>();
        List<Video> videos = videos();
        Set<String> sweepActions = new LinkedHashSet<>();
        long start = System.nanoTime();
        int index = 0;
        for (Video v : videos) {
            for (String method : settings.methods()) {
                if (method.equals("tau-sweep")) {
                    if (sweepActions.add(v.sequence().actionClass())) {
                        for (double tau : settings.taus()) {
                            evaluate(rows.computeIfAbsent(String.format(Locale.ROOT, "fill-in tau=%.2f", tau), k -> new Row()), v,
                                    settings.adaptation().withTau(tau));
                        }
                    }
                    continue;
                }
                Row row = rows.computeIfAbsent(method, k -> new Row());
                switch (method) {
                    case "per-frame" -> {
                        long t0 = System.nanoTime();
                        Motion3d prediction = lifter.lift(v.detections());
                        record(row, v, prediction, (System.nanoTime() - t0) / 1e9);
                    }
                    case "cycleadapt" -> evaluate(row, v, settings.adaptation().with(false, false, false));
                    case "+alignment" -> evaluate(row, v, settings.adaptation().with(true, false, false));
                    case "+ema" -> evaluate(row, v, settings.adaptation().with(true, true, false));
                    case "+fill-in" -> evaluate(row, v, settings.adaptation());
                    default -> throw new IllegalArgumentException("unknown method " + method);
                }
            }
            index++;
            log.accept(String.format(Locale.ROOT, "%d/%d %s (%d frames, %d keypoints hidden) %.0f s", index, videos.size(),
                    v.sequence().name(), v.truth().frames(), v.mask().hiddenCount(), (System.nanoTime() - start) / 1e9));
        }
        Map<String, ActionTable> byMethod = new LinkedHashMap<>();
        rows.forEach((k, r) -> byMethod.put(k, r.all));
        List<Map<String, Object>> out = new ArrayList<>();
        rows.forEach((method, row) -> out.add(toRow(method, row, byMethod.get("cycleadapt"))));
        return out;
    }

    private List<Video> videos() {
        List<Video> out = new ArrayList<>();
        int index = 0;
        for (String subject : settings.subjects()) {
            List<String> actions = data.actions(subject);
            int n = settings.sequences() > 0 ? Math.min(settings.sequences(), actions.size()) : actions.size();
            for (String action : actions.subList(0, n)) {
                Human36m.Sequence seq = data.sequence(subject, action, settings.camera());
                Motion3d truth = OccludedH36m.subsample(seq.positions3d(), FRAME_STEP, settings.frames());
                int frames = truth.frames();
                Keypoints2d gt2d = subsample(seq.groundTruth2d(), frames);
                Keypoints2d det = JointMap.toCanonical(Layout.MPII16).apply(subsample(seq.detections(), frames));
                Occluded<Keypoints2d> occluded = occlude(det, settings.seed() + index);
                out.add(new Video(seq, truth, gt2d, occluded.data(), occluded.mask(),
                        Labels.constant(ActionSentences.forH36mAction(action), frames)));
                index++;
            }
        }
        return out;
    }

    /** Lower body hidden, bottom truncation, random drop-outs: the union of the three masks. */
    static Occluded<Keypoints2d> occlude(Keypoints2d k, long seed) {
        Occluded<Keypoints2d> legs = new BodyPartOcclusion(new DutyCycle(4, 12), List.of(LimbGroup.LEGS)).apply(k, seed);
        Occluded<Keypoints2d> cut = new Truncation(Truncation.Edge.BOTTOM, 0.35, new DutyCycle(3, 12)).apply(legs.data(), seed + 7919);
        Occluded<Keypoints2d> drop = new RandomMask(0.05, 0).apply(cut.data(), seed + 104729);
        boolean[] hidden = new boolean[k.frames() * k.joints()];
        for (int t = 0; t < k.frames(); t++) {
            for (int j = 0; j < k.joints(); j++) {
                hidden[t * k.joints() + j] = legs.mask().isHidden(t, j) || cut.mask().isHidden(t, j) || drop.mask().isHidden(t, j);
            }
        }
        return new Occluded<>(drop.data(), new OcclusionMask(k.frames(), k.joints(), hidden));
    }

    private void evaluate(Row row, Video v, SemanticAdaptation.Settings s) {
        long t0 = System.nanoTime();
        SemanticAdaptation.Result r;
        try (MotionDenoiser denoiser = MotionDenoiser.shipped()) {
            r = new SemanticAdaptation(lifter, denoiser, s.usesText() ? motionText : null, s, line -> { })
                    .adapt(v.detections(), v.sequence().camera(), Canonicalisation.upOf(v.sequence().camera()), v.labels());
        }
        record(row, v, r.motion(), (System.nanoTime() - t0) / 1e9);
        int j = v.detections().joints();
        for (int t = 0; t < v.detections().frames(); t++) {
            double size = boxSize(v.groundTruth2d(), t);
            for (int q = 0; q < j; q++) {
                int i = t * j + q;
                row.detected += v.detections().isValid(t, q) ? 1 : 0;
                if (r.filled()[i]) {
                    row.filled++;
                    double dx = r.targets()[i * 2] - v.groundTruth2d().get(t, q, 0);
                    double dy = r.targets()[i * 2 + 1] - v.groundTruth2d().get(t, q, 1);
                    row.filledCorrect += Math.hypot(dx, dy) <= PCK_FRACTION * size ? 1 : 0;
                }
            }
        }
    }

    private void record(Row row, Video v, Motion3d prediction, double seconds) {
        row.seconds += seconds;
        row.frames += v.truth().frames();
        row.all.add(v.sequence().actionClass(), PoseMetrics.evaluate(prediction, v.truth(), EvalOptions.DEFAULT));
        row.occluded.add(PoseMetrics.evaluate(prediction, v.truth(), EvalOptions.DEFAULT, v.mask().occludedFrames()));
    }

    private Map<String, Object> toRow(String method, Row row, ActionTable baseline) {
        PoseErrors all = row.all.frameWeighted();
        PoseErrors occluded = PoseErrors.pool(row.occluded);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("occluded_mpjpe_mm", round(occluded.mpjpeMm()));
        extra.put("occluded_pa_mpjpe_mm", round(occluded.paMpjpeMm()));
        extra.put("occluded_frames", occluded.frames());
        extra.put("frames_total", row.frames);
        extra.put("seconds_per_243", round(row.seconds / row.frames * 243));
        if (method.equals("per-frame")) {
            extra.put("frames_note", "frames with fewer than " + FrameLifterModel.MIN_JOINTS + " detected joints have no per-frame estimate"
                    + " and are not counted in this row");
        }
        if (row.detected > 0 && (method.equals("+fill-in") || method.startsWith("fill-in"))) {
            extra.put("filled_keypoints", row.filled);
            extra.put("filled_percent_of_detected", round(100.0 * row.filled / row.detected));
            extra.put("filled_pck_percent", row.filled > 0 ? round(100.0 * row.filledCorrect / row.filled) : null);
            extra.put("pck_threshold", "5 % of the larger side of the ground-truth 2D box");
        }
        Map<String, Object> perAction = new LinkedHashMap<>();
        row.all.perAction().forEach((a, e) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mpjpe_mm", round(e.mpjpeMm()));
            m.put("pa_mpjpe_mm", round(e.paMpjpeMm()));
            if (baseline != null && baseline.perAction().containsKey(a) && !method.equals("cycleadapt")) {
                m.put("pa_mpjpe_change_vs_cycleadapt_mm", round(e.paMpjpeMm() - baseline.perAction().get(a).paMpjpeMm()));
            }
            perAction.put(a, m);
        });
        extra.put("per_action", perAction);
        if (!method.equals("per-frame")) {
            extra.put("settings", settingsFor(method));
        }
        return BenchmarkReport.row(method, "occluded-truncated", all, all.frames(), row.seconds, false, extra);
    }

    private String settingsFor(String method) {
        SemanticAdaptation.Settings s = settings.adaptation();
        return switch (method) {
            case "cycleadapt" -> s.with(false, false, false).toString();
            case "+alignment" -> s.with(true, false, false).toString();
            case "+ema" -> s.with(true, true, false).toString();
            default -> method.startsWith("fill-in tau=") ? s.withTau(Double.parseDouble(method.substring(12))).toString() : s.toString();
        };
    }

    /** The first {@code frames} frames of every 5th. */
    private static Keypoints2d subsample(Keypoints2d k, int frames) {
        int j = k.joints();
        float[] uv = new float[frames * j * 2];
        float[] c = new float[frames * j];
        float[] src = k.pixels();
        float[] conf = k.confidences();
        for (int t = 0; t < frames; t++) {
            System.arraycopy(src, t * FRAME_STEP * j * 2, uv, t * j * 2, j * 2);
            System.arraycopy(conf, t * FRAME_STEP * j, c, t * j, j);
        }
        return new Keypoints2d(k.layout(), k.fps() / FRAME_STEP, k.width(), k.height(), uv, c, k.provenance());
    }

    private static double boxSize(Keypoints2d k, int t) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < k.joints(); q++) {
            minX = Math.min(minX, k.get(t, q, 0));
            maxX = Math.max(maxX, k.get(t, q, 0));
            minY = Math.min(minY, k.get(t, q, 1));
            maxY = Math.max(maxY, k.get(t, q, 1));
        }
        return Math.max(maxX - minX, maxY - minY);
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
    }
}
