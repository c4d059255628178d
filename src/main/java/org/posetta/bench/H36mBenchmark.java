package org.posetta.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The quick subset is the first 250 frames of every sequence from one camera.
 */
public final class H36mBenchmark {
    public static final String PROTOCOL = "h36m";
    public static final String METHOD = "frame-lifter";
    /** The inputs, as named in the rows. */
    public static final List<String> INPUTS = List.of("gt2d", "sh");
    private static final int QUICK_FRAMES = 250;
    private static final String QUICK_CAMERA = "54138969";

    private H36mBenchmark() {
    }

    /** The subset string of a run. */
    public static String subset(Human36m data, boolean quick) {
        if (quick) {
            return "quick: S9 S11, first " + QUICK_FRAMES + " frames (5 s at 50 fps) of every sequence, camera " + QUICK_CAMERA;
        }
        return "full: S9 S11, every frame (50 fps), cameras " + String.join(" ", data.cameraIds("S9"));
    }

    /**
     * Runs the rows {@code inputs} (a subset of {@link #INPUTS}) and returns the report.
     *
     * @param provenance the run's provenance (see {@link BenchmarkReport#provenance})
     */
    public static BenchmarkReport run(Human36m data, FrameLifterModel lifter, boolean quick, List<String> inputs,
            Map<String, Object> provenance, PrintWriter log) {
        for (String input : inputs) {
            if (!INPUTS.contains(input)) {
                throw new PosettaException("Unknown h36m row '" + input + "': use " + String.join(" or ", INPUTS) + ".");
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String input : inputs) {
            ActionTable table = new ActionTable();
            long frames = 0;
            long liftNanos = 0;
            long liftCpuNanos = 0;
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long start = System.nanoTime();
            for (String subject : Human36m.TEST_SUBJECTS) {
                for (String action : data.actions(subject)) {
                    for (String camera : quick ? List.of(QUICK_CAMERA) : data.cameraIds(subject)) {
                        Human36m.Sequence s = data.sequence(subject, action, camera);
                        if (quick) {
                            s = s.slice(0, Math.min(QUICK_FRAMES, s.frames()));
                        }
                        Keypoints2d in = input.equals("gt2d") ? s.groundTruth2d() : s.detections();
                        long t0 = System.nanoTime();
                        long c0 = cpu.getCurrentThreadCpuTime();
                        Motion3d predicted = lifter.lift(in);
                        liftNanos += System.nanoTime() - t0;
                        liftCpuNanos += cpu.getCurrentThreadCpuTime() - c0;
                        PoseErrors e = PoseMetrics.evaluate(predicted, s.positions3d());
                        table.add(s.actionClass(), e);
                        frames += s.frames();
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
            // the lifting's own cost, unaffected by other processes competing for the cores.
            extra.put("cpu_seconds", round(liftCpuNanos / 1e9));
            extra.put("frames_per_cpu_second", round(frames / (liftCpuNanos / 1e9)));
            extra.put("load_average", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            extra.put("per_action", perAction);
            extra.put("literature", input.equals("gt2d") ? "Martinez et al. 2017: 45.5 mm (GT 2D)"
                    : "Martinez et al. 2017: 67.5 mm (SH detections, not fine-tuned); 62.9 mm (SH fine-tuned on H36M)");
            extra.put("goal_mm", input.equals("gt2d") ? 50 : 70);
            rows.add(BenchmarkReport.row(METHOD, input, mean, frames, liftNanos / 1e9, false, extra));
            log.printf(Locale.ROOT, "%s %s: MPJPE %.1f mm, P-MPJPE %.1f mm over %d frames; lifting %.1f s (%.0f frames/s), %.1f CPU s (%.0f frames per CPU second)%n",
                    METHOD, input, mean.mpjpeMm(), mean.paMpjpeMm(), frames, liftNanos / 1e9, frames / (liftNanos / 1e9),
                    liftCpuNanos / 1e9, frames / (liftCpuNanos / 1e9));
            log.flush();
        }
        return new BenchmarkReport(PROTOCOL, subset(data, quick), rows, provenance);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The default results folder. */
    public static Path defaultOut() {
        return Path.of("bench", "results");
    }
}
