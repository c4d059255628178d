package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.posetta.adapt.refine.MotionPrior;
import org.posetta.adapt.refine.PriorLoss;
import org.posetta.adapt.refine.Refinement;
import org.posetta.adapt.refine.Refiner;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.pipeline.Batch;
import org.posetta.pipeline.Progress;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code posetta refine IN -o OUT}: STRIDE test-time training of the motion prior on each sequence. */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = {"Refines noisy, gappy 3D pose sequences with STRIDE: a pretrained motion prior adapted",
            "to each sequence by test-time training, then applied with flip averaging. Every frame of",
            "the output is filled; entries that were missing are marked filled. Each sequence of the",
            "file is refined on its own (weights reset for each).",
            "Examples:",
            "  posetta refine noisy.npz -o refined.npz",
            "  posetta refine walk.bvh -o walk-refined.bvh --epochs 10",
            "  posetta refine lifted/ -o refined/ --jobs 2   (every 3D file of a folder)",
            ""})
final class RefineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "A 3D pose file (one sequence or a dataset file).")
    Path in;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The file to write.")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Test-time training epochs (default: " + Refiner.Options.DEFAULT_EPOCHS + ").")
    Integer epochs;

    @Option(names = "--no-ttt", description = "Apply the pretrained prior without test-time training.")
    boolean noTtt;

    @Option(names = "--loss-weights", paramLabel = "P,N,V,L", converter = Converters.LossWeightsConverter.class,
            description = "Test-time loss weights: position, N-MPJP, velocity, limb-length variance (default: 1,0.5,0,200; STRIDE's code: 1,0.5,20,200).")
    PriorLoss.Weights lossWeights = Refiner.Options.DEFAULTS.weights();

    @Option(names = "--prior", paramLabel = "FILE", description = "Prior weights (safetensors with a card); default: the bundled prior.")
    Path priorFile;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of window order and mirroring (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "F", description = "Output format; default: from OUT's extension.")
    String format;

    @Option(names = "--jobs", paramLabel = "N",
            description = "With a folder of 3D files: files refined at a time, each into OUT/NAME/refined.npz (default: one per core).")
    Integer jobs;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        if (epochs != null && epochs < 0) {
            throw new PosettaException("--epochs must be 0 or more, got " + epochs + ".");
        }
        if (Files.isDirectory(in)) {
            return FolderBatch.run(spec, in, Batch::isPoseFile, "3D files", out, jobs,
                    Batch.Action.of("refined.npz", (file, folder) -> childArguments(file, folder.resolve("refined.npz"))));
        }
        PoseFile data = input.read(in);
        if (data.motions().isEmpty()) {
            throw new PosettaException(in + " holds no 3D sequence (only 2D keypoints): lift it to 3D first, e.g. with 'posetta lift'.");
        }
        Formats.forOutput(out);
        PrintWriter o = spec.commandLine().getOut();
        Progress progress = Progress.to(o);
        int n = noTtt ? 0 : epochs == null ? Refiner.Options.DEFAULTS.epochs() : epochs;
        Refiner.Options options = Refiner.Options.DEFAULTS.withEpochs(n).withSeed(seed).withWeights(lossWeights);
        Map<String, Motion3d> refined = new LinkedHashMap<>();
        try (MotionPrior prior = priorFile == null ? MotionPrior.bundled() : MotionPrior.load(priorFile)) {
            Refiner refiner = new Refiner(prior, options);
            for (Map.Entry<String, Motion3d> e : data.motions().entrySet()) {
                Refinement r;
                try (Progress.Stage stage = progress.start("refine " + e.getKey(), Math.max(1, n))) {
                    r = refiner.refine(e.getValue(), stage);
                }
                if (!r.losses().isEmpty()) {
                    o.printf(Locale.ROOT, "%s: test-time loss %.4f (epoch 1) -> %.4f (epoch %d), %.1f s%n", e.getKey(), r.losses().get(0),
                            r.losses().get(r.losses().size() - 1), r.losses().size(), r.seconds());
                } else {
                    o.printf(Locale.ROOT, "%s: prior applied without test-time training, %.1f s%n", e.getKey(), r.seconds());
                }
                if (r.stopped() != null) {
                    o.println(e.getKey() + ": " + r.stopped());
                }
                refined.put(e.getKey(), r.motion());
            }
        }
        PoseFile result = new PoseFile(data.format(), refined, Map.of()).withStep(Main.commandStep(spec));
        Formats.write(result, out, format);
        o.println("wrote " + out);
        return 0;
    }

    /** This command for one file of a folder, with the same settings. */
    private List<String> childArguments(Path file, Path result) {
        List<String> a = new ArrayList<>(List.of("refine", file.toString(), "-o", result.toString(), "--seed", String.valueOf(seed)));
        if (noTtt) {
            a.add("--no-ttt");
        } else if (epochs != null) {
            a.addAll(List.of("--epochs", String.valueOf(epochs)));
        }
        if (priorFile != null) {
            a.addAll(List.of("--prior", priorFile.toString()));
        }
        a.addAll(List.of("--loss-weights", lossWeights.describe()));
        return a;
    }
}
