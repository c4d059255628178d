package org.posetta.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.posetta.adapt.refine.GapFill;
import org.posetta.adapt.refine.MotionPrior;
import org.posetta.adapt.refine.Refinement;
import org.posetta.adapt.refine.Refiner;
import org.posetta.data.Human36m;
import org.posetta.metrics.ActionTable;
import org.posetta.metrics.EvalOptions;
import org.posetta.metrics.PoseErrors;
import org.posetta.metrics.PoseMetrics;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.simulate.BodyPartOcclusion;
import org.posetta.simulate.DutyCycle;
import org.posetta.simulate.Occluded;
import org.posetta.simulate.Occluder;
import org.posetta.simulate.OcclusionMask;
import org.posetta.simulate.WholePersonOcclusion;

/**
 * The {@code occluded-h36m} protocol (methods.md §10.0–10.1): on S9 and S11, the per-frame lifter
 * run on the Stacked Hourglass detections gives noisy per-frame 3D; kept at 10 fps (every 5th
 * frame, as STRIDE's protocol); occluded with the Occluded-Human3.6M cycle (1.6 s in every
 * 3.2 s, random phase per sequence, seeded) either for the whole person (those frames have no
 * estimate) or for one body part per episode, or not at all. Rows: the per-frame estimate
 * (visible frames only), linear interpolation of the gaps ({@link GapFill}), the prior without
 * test-time training, and {@code refine}. Metrics against the camera-frame ground truth,
 * root-relative, 17 joints: all frames, visible frames and occluded frames separately; the
 * acceleration error in mm/frame² at 10 fps.
 */
public final class OccludedH36m {
    public static final String PROTOCOL = "occluded-h36m";
    public static final List<String> METHODS = List.of("per-frame", "interpolation", "prior-no-ttt", "refine");
    public static final List<String> INPUTS = List.of("whole-body", "body-part", "none");

    /**
     * @param subjects   test subjects
     * @param cameras    camera ids
     * @param frameStep  keep every N-th 50 fps frame
     * @param maxFrames  frames kept per sequence after subsampling (0: all)
     * @param sequences  sequences per subject (0: all), in file order
     * @param methods    rows to run
     * @param inputs     occlusion variants to run
     * @param refine     test-time training settings of the {@code refine} row
     * @param seed       occlusion seed; sequence i uses seed + i
     */
    public record Settings(List<String> subjects, List<String> cameras, int frameStep, int maxFrames, int sequences,
            List<String> methods, List<String> inputs, Refiner.Options refine, long seed) {
        /**
         * The subset string recorded with the results: "full" for the documented protocol (S9 S11,
         * every sequence and frame, cameras 54138969 60457274), "reduced" for a smaller fixed subset,
         * "validation" for one on training subjects only (where settings are chosen), "quick" for
         * the smoke subset.
         */
        public String describe(boolean quick) {
            boolean full = sequences == 0 && maxFrames == 0 && cameras.equals(List.of("54138969", "60457274"))
                    && subjects.equals(Human36m.TEST_SUBJECTS);
            boolean validation = subjects.stream().noneMatch(Human36m.TEST_SUBJECTS::contains);
            String kind = quick ? "quick" : full ? "full" : validation ? "validation" : "reduced";
            return String.format(Locale.ROOT, "%s: %s, %.0f fps, cameras %s%s%s", kind,
                    String.join(" ", subjects), 50.0 / frameStep, String.join(" ", cameras),
                    sequences > 0 ? ", first " + sequences + " sequences per subject" : ", every sequence",
                    maxFrames > 0 ? ", frames 0-" + (maxFrames - 1) + " of each (at 10 fps)" : ", every frame");
        }
    }

    private final Human36m data;
    private final Function<Keypoints2d, Motion3d> lifter;
    private final MotionPrior prior;
    private final Settings settings;
    private final Consumer<String> log;

    /** @param lifter the per-frame lifter: detections (50 fps) → camera-frame 3D of the same frames */
    public OccludedH36m(Human36m data, Function<Keypoints2d, Motion3d> lifter, MotionPrior prior, Settings settings,
            Consumer<String> log) {
        this.data = data;
        this.lifter = lifter;
        this.prior = prior;
        this.settings = settings;
        this.log = log;
    }

    /** Accumulated errors of one (method, input) row. */
    private static final class Row {
        final ActionTable all = new ActionTable();
        final List<PoseErrors> visible = new ArrayList<>();
        final List<PoseErrors> occluded = new ArrayList<>();
        double seconds;
        long frames;
        final List<Double> firstLoss = new ArrayList<>();
        final List<Double> lastLoss = new ArrayList<>();
        int stopped;
    }

    /** Runs every selected row and returns them in the benchmark schema. */
    public List<Map<String, Object>> run() {
        Map<String, Row> rows = new LinkedHashMap<>();
        Refiner noTtt = new Refiner(prior, settings.refine().withEpochs(0));
        Refiner refiner = new Refiner(prior, settings.refine());
        int index = 0;
        List<String[]> todo = new ArrayList<>();
        for (String subject : settings.subjects()) {
            List<String> actions = data.actions(subject);
            int n = settings.sequences() > 0 ? Math.min(settings.sequences(), actions.size()) : actions.size();
            for (String action : actions.subList(0, n)) {
                for (String camera : settings.cameras()) {
                    todo.add(new String[] {subject, action, camera});
                }
            }
        }
        long start = System.nanoTime();
        for (String[] item : todo) {
            Human36m.Sequence seq = data.sequence(item[0], item[1], item[2]);
            Motion3d truth = subsample(seq.positions3d());
            long lifted = System.nanoTime();
            Motion3d estimate = subsample(lifter.apply(seq.detections()));
            double liftSeconds = (System.nanoTime() - lifted) / 1e9;
            for (String input : settings.inputs()) {
                Occluded<Motion3d> occluded = occlude(input, estimate, settings.seed() + index);
                boolean[] hidden = occluded.occludedFrames();
                boolean[] visible = new boolean[hidden.length];
                for (int t = 0; t < hidden.length; t++) {
                    visible[t] = !hidden[t];
                }
                for (String method : settings.methods()) {
                    Row row = rows.computeIfAbsent(method + "|" + input, k -> new Row());
                    long t0 = System.nanoTime();
                    Motion3d prediction;
                    switch (method) {
                        case "per-frame" -> prediction = occluded.data();
                        case "interpolation" -> {
                            Motion3d in = occluded.data();
                            prediction = in.withPositions(GapFill.fill(in.positions(), in.validity(), in.frames(), in.joints()), null);
                        }
                        case "prior-no-ttt" -> prediction = noTtt.refine(occluded.data()).motion();
                        case "refine" -> {
                            Refinement r = refiner.refine(occluded.data());
                            prediction = r.motion();
                            if (!r.losses().isEmpty()) {
                                row.firstLoss.add(r.losses().get(0));
                                row.lastLoss.add(r.losses().get(r.losses().size() - 1));
                            }
                            row.stopped += r.stopped() == null ? 0 : 1;
                        }
                        default -> throw new IllegalArgumentException("unknown method " + method);
                    }
                    // The other rows start from the per-frame estimate: their seconds are what they add to it.
                    row.seconds += (System.nanoTime() - t0) / 1e9 + (method.equals("per-frame") ? liftSeconds : 0);
                    row.frames += truth.frames();
                    row.all.add(seq.actionClass(), PoseMetrics.evaluate(prediction, truth, EvalOptions.DEFAULT));
                    row.visible.add(PoseMetrics.evaluate(prediction, truth, EvalOptions.DEFAULT, visible));
                    row.occluded.add(PoseMetrics.evaluate(prediction, truth, EvalOptions.DEFAULT, hidden));
                }
            }
            index++;
            log.accept(String.format(Locale.ROOT, "%d/%d %s (%d frames) %.0f s", index, todo.size(), seq.name(), truth.frames(),
                    (System.nanoTime() - start) / 1e9));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        rows.forEach((key, row) -> out.add(toRow(key.substring(0, key.indexOf('|')), key.substring(key.indexOf('|') + 1), row)));
        return out;
    }

    private Map<String, Object> toRow(String method, String input, Row row) {
        PoseErrors all = row.all.frameWeighted();
        PoseErrors visible = PoseErrors.pool(row.visible);
        PoseErrors occluded = PoseErrors.pool(row.occluded);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("visible_mpjpe_mm", round(visible.mpjpeMm()));
        extra.put("occluded_mpjpe_mm", round(occluded.mpjpeMm()));
        extra.put("occluded_pa_mpjpe_mm", round(occluded.paMpjpeMm()));
        extra.put("occluded_accel_mm", round(occluded.accelMm()));
        extra.put("visible_frames", visible.frames());
        extra.put("occluded_frames", occluded.frames());
        extra.put("frames_total", row.frames);
        if (method.equals("per-frame") && !input.equals("none")) {
            extra.put("frames_note", "per-frame has no estimate on occluded frames: its errors count the frames with every joint estimated");
        }
        extra.put("action_mean_mpjpe_mm", round(row.all.actionMean().mpjpeMm()));
        extra.put("action_mean_pa_mpjpe_mm", round(row.all.actionMean().paMpjpeMm()));
        extra.put("seconds_per_243", round(row.seconds / row.frames * 243));
        Map<String, Object> perAction = new LinkedHashMap<>();
        row.all.perAction().forEach((a, e) -> perAction.put(a, Map.of("mpjpe_mm", round(e.mpjpeMm()), "pa_mpjpe_mm", round(e.paMpjpeMm()))));
        extra.put("per_action", perAction);
        if (method.equals("refine")) {
            extra.put("epochs", settings.refine().epochs());
            extra.put("refine_options", settings.refine().toString());
            extra.put("ttt_loss_first_epoch_mean", round(row.firstLoss.stream().mapToDouble(d -> d).average().orElse(Double.NaN)));
            extra.put("ttt_loss_last_epoch_mean", round(row.lastLoss.stream().mapToDouble(d -> d).average().orElse(Double.NaN)));
            extra.put("ttt_stopped_non_finite", row.stopped);
        }
        extra.put("acceleration_unit", "mm/frame^2 at 10 fps");
        return BenchmarkReport.row(method, input, all, all.frames(), row.seconds, false, extra);
    }

    private Occluded<Motion3d> occlude(String input, Motion3d estimate, long seed) {
        Occluder occluder = switch (input) {
            case "whole-body" -> new WholePersonOcclusion(DutyCycle.OCCLUDED_H36M);
            case "body-part" -> BodyPartOcclusion.anyPart(DutyCycle.OCCLUDED_H36M);
            case "none" -> null;
            default -> throw new IllegalArgumentException("unknown input " + input);
        };
        return occluder == null ? new Occluded<>(estimate, OcclusionMask.none(estimate.frames(), estimate.joints()))
                : occluder.apply(estimate, seed);
    }

    private Motion3d subsample(Motion3d m) {
        return subsample(m, settings.frameStep(), settings.maxFrames());
    }

    /** Every {@code step}-th frame from frame 0, at most {@code maxFrames} of them (0: all). */
    static Motion3d subsample(Motion3d m, int step, int maxFrames) {
        int n = (m.frames() + step - 1) / step;
        if (maxFrames > 0) {
            n = Math.min(n, maxFrames);
        }
        int j = m.joints();
        float[] src = m.positions();
        boolean[] srcValid = m.validity();
        float[] xyz = new float[n * j * 3];
        boolean[] valid = new boolean[n * j];
        for (int t = 0; t < n; t++) {
            System.arraycopy(src, t * step * j * 3, xyz, t * j * 3, j * 3);
            System.arraycopy(srcValid, t * step * j, valid, t * j, j);
        }
        return new Motion3d(m.layout(), m.fps() / step, m.coordinateFrame(), xyz, valid, m.provenance());
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
    }
}
