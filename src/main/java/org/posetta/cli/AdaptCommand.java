package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.posetta.adapt.semantic.ActionSentences;
import org.posetta.adapt.semantic.Labels;
import org.posetta.adapt.semantic.SemanticAdaptation;
import org.posetta.adapt.semantic.SemanticAdapter;
import org.posetta.data.Human36m;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.pipeline.Batch;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code posetta adapt IN -o OUT}: semantics-aware test-time adaptation of the per-frame lifter to each video. */
@Command(name = "adapt", mixinStandardHelpOptions = true,
        description = {"Lifts the 2D keypoints of each sequence to 3D and adapts the lifter to that video: CycleAdapt's",
            "cycle of lifter and motion denoiser, guided by what the person does (semantics-aware test-time",
            "adaptation). Labels come from --labels, from a Human3.6M sequence name, or zero-shot from the",
            "motion-text space. Weights are reset for each sequence.",
            "Examples:",
            "  posetta adapt keypoints.json -o adapted.npz",
            "  posetta adapt walk.json -o walk.bvh --labels walk-labels.json",
            "  posetta adapt clips/ -o adapted/ --no-text   (CycleAdapt alone, every file of a folder)",
            "A label file: {\"segments\": [{\"start\": 0, \"end\": 120, \"text\": \"a person walks\"}]} (frames, end exclusive).",
            ""})
final class AdaptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "A 2D keypoint file (one sequence or a dataset file), or a folder of them.")
    Path in;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The 3D file to write.")
    Path out;

    @Option(names = "--labels", paramLabel = "FILE", description = "What the person does per frame (JSON segments), for every sequence.")
    Path labels;

    @Option(names = "--dictionary", paramLabel = "FILE",
            description = "More sentences for zero-shot labelling, one per line, added to the shipped dictionary.")
    Path dictionary;

    @Option(names = "--no-text", description = "CycleAdapt alone: no motion-text alignment, no 2D update.")
    boolean noText;

    @Option(names = "--no-ema", description = "Keep the 2D targets as detected (no EMA towards the prediction).")
    boolean noEma;

    @Option(names = "--no-fill", description = "Never fill missing 2D keypoints.")
    boolean noFill;

    @Option(names = "--cycles", defaultValue = "13", paramLabel = "N", description = "Adaptation cycles (default: ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--tau", paramLabel = "T", description = "Fill-in threshold on the motion-text cosine (default: the calibrated one).")
    Double tau;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of shuffles and masks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "F", description = "Output format; default: from OUT's extension.")
    String format;

    @Option(names = "--jobs", paramLabel = "N",
            description = "With a folder of keypoint files: files adapted at a time, each into OUT/NAME/adapted.npz (default: one per core).")
    Integer jobs;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        if (cycles < 1) {
            throw new PosettaException("--cycles must be at least 1, got " + cycles + ".");
        }
        if (FolderBatch.isFolderOfFiles(in)) {
            return FolderBatch.run(spec, in, Batch::isPoseFile, "keypoint files", out, jobs,
                    Batch.Action.of("adapted.npz", (file, folder) -> childArguments(file, folder.resolve("adapted.npz"))));
        }
        PoseFile data = input.read(in);
        if (data.keypoints().isEmpty()) {
            throw new PosettaException(in + " holds no 2D keypoints: give a 2D file (e.g. OpenPose JSON, COCO, MediaPipe, npz of 2D).");
        }
        Formats.forOutput(out);
        List<String> sentences = dictionary == null ? ActionSentences.dictionary() : ActionSentences.dictionary(dictionary);
        SemanticAdaptation.Settings settings = SemanticAdapter.defaults(seed).with(!noText, !noText && !noEma, !noText && !noFill)
                .withCycles(cycles);
        if (tau != null) {
            settings = settings.withTau(tau);
        }
        PrintWriter o = spec.commandLine().getOut();
        Map<String, Motion3d> adapted = new LinkedHashMap<>();
        try (SemanticAdapter adapter = new SemanticAdapter(settings, sentences)) {
            for (Map.Entry<String, Keypoints2d> e : data.keypoints().entrySet()) {
                Labels given = labelsFor(e.getKey(), e.getValue().frames());
                if (adapter.settings().usesText()) {
                    o.println(e.getKey() + ": labels " + (labels != null ? "from " + labels : given != null ? "from the Human3.6M action"
                            : "zero-shot from the motion-text space"));
                }
                long t0 = System.nanoTime();
                SemanticAdaptation.Result r = adapter.adapt(e.getValue(), given, line -> o.println("  " + line));
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (r.cycles().isEmpty()) {
                    o.printf(Locale.ROOT, "%s: no cycle completed; the unadapted per-frame 3D is written, %.1f s%n", e.getKey(), seconds);
                } else {
                    SemanticAdaptation.Cycle first = r.cycles().get(0);
                    SemanticAdaptation.Cycle last = r.cycles().get(r.cycles().size() - 1);
                    o.printf(Locale.ROOT, "%s: lifter loss %.4f (cycle 1) -> %.4f (cycle %d), %d 2D keypoints filled, %.1f s%n",
                            e.getKey(), first.lifterLoss(), last.lifterLoss(), r.cycles().size(), r.filledCount(), seconds);
                }
                adapted.put(e.getKey(), r.motion());
            }
        }
        PoseFile result = new PoseFile(data.format(), adapted, Map.of()).withStep(Main.commandStep(spec));
        Formats.write(result, out, format);
        o.println("wrote " + out);
        return 0;
    }

    /** The label file, else the action of a Human3.6M sequence name ({@code S9/Walking 1/...}), else none. */
    private Labels labelsFor(String sequence, int frames) {
        if (labels != null) {
            return Labels.read(labels, frames);
        }
        String[] parts = sequence.split("/");
        boolean h36m = parts.length >= 2 && parts[0].matches("S\\d+") && Human36m.ACTION_CLASSES.contains(Human36m.actionClass(parts[1]));
        return h36m ? Labels.constant(ActionSentences.forH36mAction(parts[1]), frames) : null;
    }

    /** This command for one file of a folder, with the same settings. */
    private List<String> childArguments(Path file, Path result) {
        List<String> a = new ArrayList<>(List.of("adapt", file.toString(), "-o", result.toString(), "--seed", String.valueOf(seed),
                "--cycles", String.valueOf(cycles)));
        if (labels != null) {
            a.addAll(List.of("--labels", labels.toString()));
        }
        if (dictionary != null) {
            a.addAll(List.of("--dictionary", dictionary.toString()));
        }
        if (tau != null) {
            a.addAll(List.of("--tau", String.valueOf(tau)));
        }
        for (String flag : List.of(noText ? "--no-text" : "", noEma ? "--no-ema" : "", noFill ? "--no-fill" : "")) {
            if (!flag.isEmpty()) {
                a.add(flag);
            }
        }
        return a;
    }
}
