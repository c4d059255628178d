package org.posetta.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.posetta.adapt.refine.MotionPrior;
import org.posetta.adapt.refine.Refiner;
import org.posetta.data.Human36m;
import org.posetta.metrics.ActionTable;
import org.posetta.metrics.PoseErrors;
import org.posetta.metrics.PoseMetrics;
import org.posetta.nn.FrameLifterModel;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * The {@code h36m} protocol (methods.md §10.0): the per-frame lifter on S9 and S11, every frame
 * (50 fps) of every camera, from (a) ground-truth 2D projected with the cameras' distortion and
 * (b) the Stacked Hourglass detections. MPJPE and P-MPJPE per action class and their unweighted
 * mean over the 15 classes (the literature's figure), the frame-weighted mean, frames counted,
 * and the lifting time (mapping, normalisation and network; loading and scoring excluded), as
 * wall seconds and as CPU seconds of the lifting thread, with the system load at the end.
 * Rows {@code prior-no-ttt} and {@code refine} pass the lifter's estimate from the detections
 * through STRIDE's prior without and with test-time training ({@code occluded-h36m}'s rows
 * without occlusion, at the protocol's rate and cameras); their time is what they add to the
 * lifter's, and the prior works at its own rate (10 fps), so the 50 fps output is its result
 * resampled.
 * The quick subset is the first 250 frames of every sequence from one camera.
 */
public final class H36mBenchmark {
    public static final String PROTOCOL = "h36m";
    public static final String METHOD = "frame-lifter";
    /** The rows: the lifter from each input, then the prior on the lifter's estimate from the detections. */
    public static final List<String> ROWS = List.of("gt2d", "sh", "prior-no-ttt", "refine");
    /** Test-time epochs of the refine row in the quick subset. */
    public static final int QUICK_EPOCHS = 3;
    private static final int QUICK_FRAMES = 250;
    /** The camera of the quick subset. */
    public static final List<String> QUICK_CAMERAS = List.of("54138969");

    private H36mBenchmark() {
    }

    /**
     * What a run covers.
     *
     * @param quick    the smoke subset: the first 250 frames of every sequence, one camera
     * @param subjects the subjects (S9 and S11 for the protocol; training subjects for choosing settings)
     * @param cameras  camera ids, empty for every camera
     * @param rows     rows to run, from {@link #ROWS}
     * @param refine   test-time settings of the {@code refine} row
     */
    public record Settings(boolean quick, List<String> subjects, List<String> cameras, List<String> rows, Refiner.Options refine) {
        public Settings {
            subjects = List.copyOf(subjects);
            cameras = List.copyOf(cameras);
            rows = List.copyOf(rows);
            checkRows(rows);
        }

        List<String> cameras(Human36m data, String subject) {
            return cameras.isEmpty() ? data.cameraIds(subject) : cameras;
        }

        /** The subset string: "full" for the protocol, "validation" on training subjects only, else "reduced" or "quick". */
        String describe(Human36m data) {
            String frames = quick ? "first " + QUICK_FRAMES + " frames (5 s at 50 fps) of every sequence" : "every frame (50 fps)";
            String camera = String.join(" ", cameras(data, subjects.get(0)));
            if (quick) {
                return "quick: " + String.join(" ", subjects) + ", " + frames + ", camera " + camera;
            }
            boolean validation = subjects.stream().noneMatch(Human36m.TEST_SUBJECTS::contains);
            boolean full = subjects.equals(Human36m.TEST_SUBJECTS) && cameras.isEmpty();
            return (full ? "full" : validation ? "validation" : "reduced") + ": " + String.join(" ", subjects) + ", " + frames
                    + ", cameras " + camera;
        }
    }

    /**
     * Runs the rows of {@code settings} and returns the report.
     *
     * @param prior      the motion prior of the {@code prior-no-ttt} and {@code refine} rows (unused without them)
     * @param provenance the run's provenance (see {@link BenchmarkReport#provenance})
     */
    public static BenchmarkReport run(Human36m data, FrameLifterModel lifter, MotionPrior prior, Settings settings,
            Map<String, Object> provenance, PrintWriter log) {
        boolean quick = settings.quick();
        Refiner.Options refine = settings.refine();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String row : settings.rows()) {
            boolean lifterRow = row.equals("gt2d") || row.equals("sh");
            String method = lifterRow ? METHOD : row;
            String input = lifterRow ? row : "sh";
            Refiner refiner = lifterRow ? null : new Refiner(prior, row.equals("refine") ? refine : refine.withEpochs(0));
            ActionTable table = new ActionTable();
            long frames = 0;
            double framesAtPriorRate = 0;
            long nanos = 0;
            long cpuNanos = 0;
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long start = System.nanoTime();
            for (String subject : settings.subjects()) {
                for (String action : data.actions(subject)) {
                    for (String camera : settings.cameras(data, subject)) {
                        Human36m.Sequence s = data.sequence(subject, action, camera);
                        if (quick) {
                            s = s.slice(0, Math.min(QUICK_FRAMES, s.frames()));
                        }
                        Keypoints2d in = input.equals("gt2d") ? s.groundTruth2d() : s.detections();
                        Motion3d estimate = lifterRow ? null : lifter.lift(in);
                        long t0 = System.nanoTime();
                        long c0 = cpu.getCurrentThreadCpuTime();
                        Motion3d predicted = lifterRow ? lifter.lift(in) : refiner.refine(estimate).motion();
                        nanos += System.nanoTime() - t0;
                        cpuNanos += cpu.getCurrentThreadCpuTime() - c0;
                        PoseErrors e = PoseMetrics.evaluate(predicted, s.positions3d());
                        table.add(s.actionClass(), e);
                        frames += s.frames();
                        framesAtPriorRate += lifterRow ? 0 : s.frames() * prior.fps() / predicted.fps();
                    }
                }
            }
            PoseErrors mean = table.actionMean();
            PoseErrors pooled = table.frameWeighted();
            Map<String, Object> perAction = new LinkedHashMap<>();
            table.perAction().forEach((action, e) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("mpjpe_mm", round(e.mpjpeMm()));
                m.put("pa_mpjpe_mm", round(e.paMpjpeMm()));
                m.put("frames", e.frames());
                perAction.put(action, m);
            });
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("aggregation", "unweighted mean over the " + perAction.size() + " action classes; accel at 50 fps");
            extra.put("frame_weighted", Map.of("mpjpe_mm", round(pooled.mpjpeMm()), "pa_mpjpe_mm", round(pooled.paMpjpeMm())));
            extra.put("evaluated_frames", pooled.frames());
            extra.put("wall_seconds", round((System.nanoTime() - start) / 1e9));
            // With one intra-op thread the network runs on the calling thread, so its CPU time is
            // the row's own cost, unaffected by other processes competing for the cores.
            extra.put("cpu_seconds", round(cpuNanos / 1e9));
            extra.put("frames_per_cpu_second", round(frames / (cpuNanos / 1e9)));
            extra.put("load_average", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            extra.put("per_action", perAction);
            if (lifterRow) {
                extra.put("literature", input.equals("gt2d") ? "Martinez et al. 2017: 45.5 mm (GT 2D)"
                        : "Martinez et al. 2017: 67.5 mm (SH detections, not fine-tuned); 62.9 mm (SH fine-tuned on H36M)");
                extra.put("goal_mm", input.equals("gt2d") ? 50 : 70);
            } else {
                extra.put("input_method", METHOD + " on the detections; seconds are what the prior adds");
                extra.put("prior_fps", prior.fps());
                // per 243 frames at the prior's rate, the unit of refine's 10 s budget
                extra.put("seconds_per_243", round(nanos / 1e9 / framesAtPriorRate * 243));
                extra.put("test_time", row.equals("refine") ? refine.toString() : "none");
                extra.put("goal", "no worse than the frame-lifter row from sh");
            }
            out.add(BenchmarkReport.row(method, input, mean, frames, nanos / 1e9, false, extra));
            log.printf(Locale.ROOT, "%s %s: MPJPE %.1f mm, P-MPJPE %.1f mm over %d frames; %.1f s (%.0f frames/s), %.1f CPU s (%.0f frames per CPU second)%n",
                    method, input, mean.mpjpeMm(), mean.paMpjpeMm(), frames, nanos / 1e9, frames / (nanos / 1e9),
                    cpuNanos / 1e9, frames / (cpuNanos / 1e9));
            log.flush();
        }
        return new BenchmarkReport(PROTOCOL, settings.describe(data), out, provenance);
    }

    /** @throws PosettaException naming the first of {@code rows} that is not one of {@link #ROWS} */
    public static void checkRows(List<String> rows) {
        for (String row : rows) {
            if (!ROWS.contains(row)) {
                throw new PosettaException("Unknown h36m row '" + row + "': use " + String.join(", ", ROWS) + ".");
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The default results folder. */
    public static Path defaultOut() {
        return Path.of("bench", "results");
    }
}
