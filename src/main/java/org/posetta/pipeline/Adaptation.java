package org.posetta.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.posetta.adapt.refine.MotionPrior;
import org.posetta.adapt.refine.Refinement;
import org.posetta.adapt.refine.Refiner;
import org.posetta.geometry.BoneLengths;
import org.posetta.nn.FrameLifterModel;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.report.StageTiming;

/**
 * The 3D stages that follow the 2D keypoints of one person, shared by {@code posetta run} and
 * {@code posetta demo}: the shipped per-frame lifter turns every frame's 2D into root-relative
 * 3D in the camera frame (frames without enough keypoints have none), then {@code refine}
 * (STRIDE's test-time training of the shipped motion prior) makes the sequence complete and
 * temporally coherent; last, every bone is given its median length over the sequence
 * ({@link BoneLengths}), since a person's bones do not change length while a refined estimate
 * still lets them vary by several per cent. The other adapters of the design, {@code lift} and {@code semantic}, are
 * not part of this pipeline yet; {@link Result#notRun} says so to the user.
 */
public final class Adaptation {
    /** Adapters of the design that this pipeline does not run. */
    private static final List<String> NOT_RUN = List.of("lift", "semantic");

    /**
     * What the stages produced.
     *
     * @param perFrame the per-frame lifter's 3D, with gaps where it had too few keypoints
     * @param adapted  the refined 3D with constant bone lengths, every frame valid
     * @param losses   the test-time training loss per epoch, by stage
     * @param timings  stage timings in run order
     * @param ran      the stages that ran
     * @param notRun   the adapters of the design this pipeline does not run
     */
    public record Result(Motion3d perFrame, Motion3d adapted, Map<String, double[]> losses, List<StageTiming> timings,
            List<String> ran, List<String> notRun) {
        public Result {
            losses = Map.copyOf(losses);
            timings = List.copyOf(timings);
            ran = List.copyOf(ran);
            notRun = List.copyOf(notRun);
        }
    }

    private Adaptation() {
    }

    /** Runs the stages on {@code keypoints} with the given refine settings. */
    public static Result run(Keypoints2d keypoints, Refiner.Options refine, Progress progress) {
        List<StageTiming> timings = new ArrayList<>();
        long t0 = System.nanoTime();
        Motion3d perFrame;
        try (FrameLifterModel lifter = FrameLifterModel.shipped();
                Progress.Stage stage = progress.start("per-frame lifter", -1)) {
            perFrame = lifter.lift(keypoints);
        }
        timings.add(new StageTiming("per-frame lifter", seconds(t0), String.format(Locale.ROOT, "%d frames, %d without an estimate",
                perFrame.frames(), incompleteFrames(perFrame))));

        long t1 = System.nanoTime();
        Refinement refined;
        try (MotionPrior prior = MotionPrior.bundled();
                Progress.Stage stage = progress.start("refine", refine.epochs())) {
            refined = new Refiner(prior, refine).refine(perFrame, stage);
        }
        String note = refined.losses().isEmpty() ? "motion prior without test-time training"
                : String.format(Locale.ROOT, "%d epochs of test-time training, loss %.4f → %.4f", refined.losses().size(),
                        refined.losses().get(0), refined.losses().get(refined.losses().size() - 1));
        if (refined.stopped() != null) {
            note += "; stopped early: " + refined.stopped();
            progress.log("refine: " + refined.stopped());
        }
        timings.add(new StageTiming("refine", seconds(t1), note + "; bones held at their median lengths"));
        Motion3d held = BoneLengths.hold(refined.motion());
        Motion3d adapted = held.withProvenance(held.provenance().withStep(Map.of("step", "bone lengths",
                "method", "every bone at its median length over the sequence, directions kept")));
        for (String adapter : NOT_RUN) {
            progress.log(adapter + ": not part of this pipeline yet");
        }
        Map<String, double[]> losses = new LinkedHashMap<>();
        losses.put("refine", refined.losses().stream().mapToDouble(Double::doubleValue).toArray());
        return new Result(perFrame, adapted, losses, timings, List.of("per-frame lifter", "refine"), NOT_RUN);
    }

    private static int incompleteFrames(Motion3d m) {
        int n = 0;
        for (int t = 0; t < m.frames(); t++) {
            n += m.isFrameComplete(t) ? 0 : 1;
        }
        return n;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
