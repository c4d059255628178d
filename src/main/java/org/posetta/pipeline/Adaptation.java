package org.posetta.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.posetta.adapt.lift.DiffusionLifter;
import org.posetta.adapt.refine.MotionPrior;
import org.posetta.adapt.refine.Refinement;
import org.posetta.adapt.refine.Refiner;
import org.posetta.adapt.semantic.ActionSentences;
import org.posetta.adapt.semantic.Labels;
import org.posetta.adapt.semantic.SemanticAdaptation;
import org.posetta.adapt.semantic.SemanticAdapter;
import org.posetta.geometry.BoneLengths;
import org.posetta.geometry.Camera;
import org.posetta.nn.FrameLifterModel;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.report.StageTiming;

/**
 * The 3D stages that follow the 2D keypoints of one person, shared by {@code posetta run} and
 * {@code posetta demo}. The shipped per-frame lifter turns every frame's 2D into root-relative 3D
 * in the camera frame (frames without enough keypoints have none); then the selected adapters:
 * <ul>
 *   <li>{@code semantic}: the per-frame lifter adapted to this video (CycleAdapt's cycle with
 *       SA-TTA's motion-text alignment, 2D EMA and fill-in; {@link SemanticAdapter} with its
 *       defaults), with the caller's labels or, without them, zero-shot labels from the
 *       motion-text space; its 3D replaces the per-frame 3D as the input of {@code refine};</li>
 *   <li>{@code refine}: STRIDE's test-time training of the shipped motion prior, which makes the
 *       sequence complete and temporally coherent;</li>
 *   <li>{@code lift}: PoSynDA's diffusion lifter, shipped weights, H = 5 hypotheses, as a second
 *       3D estimate beside the chain, with the hypotheses' per-joint spread as uncertainty. It runs
 *       without PoSynDA's adaptation, which needs Human3.6M source data (2D and 3D) that users of
 *       a video do not have.</li>
 * </ul>
 * Last, every bone of the chain's output is given its median length over the sequence
 * ({@link BoneLengths}), since a person's bones do not change length while an adapted estimate
 * still lets them vary by several per cent. {@link Result#notRun} names the adapters that were
 * not selected.
 */
public final class Adaptation {
    /** The adapters this pipeline can run, by their command-line names. */
    public enum Adapter {
        LIFT, SEMANTIC, REFINE;

        /** The command-line name, e.g. {@code semantic}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The adapters of a comma-separated list such as {@code semantic,refine}; {@code none}
         * selects none.
         *
         * @throws PosettaException for a name that is no adapter
         */
        public static Set<Adapter> parse(String list) {
            Set<Adapter> out = EnumSet.noneOf(Adapter.class);
            if (list.strip().equals("none")) {
                return out;
            }
            for (String name : list.split(",")) {
                String n = name.strip().toLowerCase(Locale.ROOT);
                Adapter a = Arrays.stream(values()).filter(v -> v.id().equals(n)).findFirst().orElseThrow(() -> new PosettaException(
                        "Unknown adapter '" + name.strip() + "': choose from lift, semantic, refine (comma-separated), or none."));
                out.add(a);
            }
            return out;
        }
    }

    /**
     * What to run.
     *
     * @param adapters the adapters to run (the per-frame lifter and the bone lengths always run)
     * @param labels   what the person does per frame, for {@code semantic}; {@code null} for
     *                 zero-shot labels from the motion-text space
     * @param semantic the {@code semantic} settings; a NaN τ means the shipped model's calibrated one
     * @param refine   the {@code refine} settings
     * @param lift     the {@code lift} sampling settings (hypotheses, seed)
     */
    public record Options(Set<Adapter> adapters, Labels labels, SemanticAdaptation.Settings semantic, Refiner.Options refine,
            DiffusionLifter.Sampling lift) {
        public Options {
            adapters = adapters.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Adapter.class))
                    : Collections.unmodifiableSet(EnumSet.copyOf(adapters));
        }

        /** Every adapter, each with its defaults and seed {@code seed}; zero-shot labels. */
        public static Options defaults(long seed) {
            return new Options(EnumSet.allOf(Adapter.class), null, SemanticAdapter.defaults(seed),
                    Refiner.Options.DEFAULTS.withSeed(seed), DiffusionLifter.Sampling.DEFAULT.withSeed(seed));
        }

        public Options withAdapters(Set<Adapter> a) {
            return new Options(a, labels, semantic, refine, lift);
        }

        public Options withLabels(Labels l) {
            return new Options(adapters, l, semantic, refine, lift);
        }

        public Options withSemantic(SemanticAdaptation.Settings s) {
            return new Options(adapters, labels, s, refine, lift);
        }

        public Options withRefine(Refiner.Options r) {
            return new Options(adapters, labels, semantic, r, lift);
        }

        public boolean runs(Adapter a) {
            return adapters.contains(a);
        }
    }

    /**
     * What the stages produced.
     *
     * @param perFrame the per-frame lifter's 3D, with gaps where it had too few keypoints
     * @param lifted   the diffusion lifter's 3D with per-joint uncertainty, or {@code null} when
     *                 {@code lift} did not run
     * @param semantic the {@code semantic} adapter's 3D as it came out (every frame; joints without
     *                 2D evidence marked filled), or {@code null} when it did not run
     * @param adapted  the chain's output (refine's, else semantic's, else the per-frame 3D) with
     *                 every bone at its median length
     * @param labels   the labels {@code semantic} used (given or zero-shot), or {@code null}
     * @param losses   per adapter, its loss curve: {@code semantic} the mean lifter loss per cycle,
     *                 {@code refine} the test-time training loss per epoch
     * @param timings  stage timings in run order
     * @param ran      the stages that ran, in order
     * @param notRun   the adapters that were not selected
     */
    public record Result(Motion3d perFrame, Motion3d lifted, Motion3d semantic, Motion3d adapted, Labels labels,
            Map<String, double[]> losses, List<StageTiming> timings, List<String> ran, List<String> notRun) {
        public Result {
            losses = Collections.unmodifiableMap(new LinkedHashMap<>(losses));
            timings = List.copyOf(timings);
            ran = List.copyOf(ran);
            notRun = List.copyOf(notRun);
        }

        /** The last adapter of the chain that ran ({@code refine} or {@code semantic}), or {@code null}. */
        public String lastAdapter() {
            return ran.contains("refine") ? "refine" : ran.contains("semantic") ? "semantic" : null;
        }

        /** The mean per-joint spread of {@code lift}'s hypotheses over its valid joints, metres; NaN without {@code lift}. */
        public double meanLiftUncertainty() {
            return lifted == null ? Double.NaN : meanUncertainty(lifted);
        }
    }

    private Adaptation() {
    }

    /**
     * Runs the stages on {@code keypoints}.
     *
     * @param camera the camera that saw the keypoints, for {@code lift}, or {@code null} for
     *               {@link Camera#defaultFor} the image size ({@code semantic} always assumes the latter)
     */
    public static Result run(Keypoints2d keypoints, Camera camera, Options o, Progress progress) {
        List<StageTiming> timings = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        Map<String, double[]> losses = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Motion3d perFrame;
        try (FrameLifterModel lifter = FrameLifterModel.shipped();
                Progress.Stage stage = progress.start("per-frame lifter", -1)) {
            perFrame = lifter.lift(keypoints);
        }
        timings.add(new StageTiming("per-frame lifter", seconds(t0), String.format(Locale.ROOT, "%d frames, %d without an estimate",
                perFrame.frames(), incompleteFrames(perFrame))));
        ran.add("per-frame lifter");

        Motion3d lifted = null;
        if (o.runs(Adapter.LIFT)) {
            long t = System.nanoTime();
            try (DiffusionLifter lifter = DiffusionLifter.shipped("diffusion-lifter-s1");
                    Progress.Stage stage = progress.start("lift", -1)) {
                lifted = lifter.lift(keypoints, camera, o.lift());
            }
            double spread = meanUncertainty(lifted);
            timings.add(new StageTiming("lift", seconds(t), String.format(Locale.ROOT,
                    "diffusion lifter, H = %d hypotheses, not adapted; mean per-joint spread %.1f mm", o.lift().hypotheses(),
                    1000 * spread)));
            ran.add("lift");
        }

        Motion3d chain = perFrame;
        Motion3d semantic = null;
        Labels labels = null;
        if (o.runs(Adapter.SEMANTIC)) {
            long t = System.nanoTime();
            SemanticAdaptation.Result r;
            String source;
            try (SemanticAdapter adapter = new SemanticAdapter(o.semantic(), ActionSentences.dictionary());
                    Progress.Stage stage = progress.start("semantic", o.semantic().cycles())) {
                if (adapter.settings().usesText()) {
                    labels = o.labels() != null ? o.labels() : adapter.selfLabels(canonical(keypoints));
                }
                source = !adapter.settings().usesText() ? "no text" : o.labels() != null ? "labels given"
                        : "zero-shot labels: " + String.join("; ", labels.distinct());
                int[] cycles = {0};
                r = adapter.adapt(keypoints, labels, line -> {
                    if (line.startsWith("cycle ")) {
                        stage.accept(++cycles[0]);
                    } else {
                        progress.log("semantic: " + line);
                    }
                });
            }
            semantic = r.motion();
            chain = semantic;
            double[] curve = r.cycles().stream().mapToDouble(SemanticAdaptation.Cycle::lifterLoss).toArray();
            losses.put("semantic", curve);
            String cycles = curve.length == 0 ? "stopped in its first cycle (the unadapted lifter's 3D is kept)"
                    : String.format(Locale.ROOT, "%d of %d cycles, lifter loss %.4f → %.4f", curve.length, o.semantic().cycles(),
                            curve[0], curve[curve.length - 1]);
            timings.add(new StageTiming("semantic", seconds(t), String.format(Locale.ROOT, "%s, %d 2D keypoints filled; %s", cycles,
                    r.filledCount(), source)));
            ran.add("semantic");
        }

        if (o.runs(Adapter.REFINE)) {
            long t = System.nanoTime();
            Refinement refined;
            try (MotionPrior prior = MotionPrior.bundled();
                    Progress.Stage stage = progress.start("refine", o.refine().epochs())) {
                refined = new Refiner(prior, o.refine()).refine(chain, stage);
            }
            String note = refined.losses().isEmpty() ? "motion prior without test-time training"
                    : String.format(Locale.ROOT, "%d epochs of test-time training, loss %.4f → %.4f", refined.losses().size(),
                            refined.losses().get(0), refined.losses().get(refined.losses().size() - 1));
            if (refined.stopped() != null) {
                note += "; stopped early: " + refined.stopped();
                progress.log("refine: " + refined.stopped());
            }
            timings.add(new StageTiming("refine", seconds(t), note + (semantic != null ? "; input: semantic's 3D"
                    : "; input: the per-frame 3D")));
            losses.put("refine", refined.losses().stream().mapToDouble(Double::doubleValue).toArray());
            chain = refined.motion();
            ran.add("refine");
        }
        Motion3d held = BoneLengths.hold(chain);
        Motion3d adapted = held.withProvenance(held.provenance().withStep(Map.of("step", "bone lengths",
                "method", "every bone at its median length over the sequence, directions kept")));
        List<String> notRun = new ArrayList<>();
        for (Adapter a : Adapter.values()) {
            if (!o.runs(a)) {
                notRun.add(a.id());
                progress.log(a.id() + ": not selected (--adapters)");
            }
        }
        return new Result(perFrame, lifted, semantic, adapted, labels, losses, timings, ran, notRun);
    }

    /** The mean of {@code m}'s per-joint uncertainty over its valid joints, metres; NaN if none is valid. */
    private static double meanUncertainty(Motion3d m) {
        double sum = 0;
        int n = 0;
        for (int t = 0; t < m.frames(); t++) {
            for (int j = 0; j < m.joints(); j++) {
                if (m.isValid(t, j)) {
                    sum += m.uncertainty(t, j);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static Keypoints2d canonical(Keypoints2d k) {
        return k.layout().equals(Layout.H36M17) ? k : JointMap.toCanonical(k.layout()).apply(k);
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
