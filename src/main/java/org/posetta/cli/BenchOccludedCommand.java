package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.posetta.adapt.refine.MotionPrior;
import org.posetta.adapt.refine.PriorLoss;
import org.posetta.adapt.refine.Refiner;
import org.posetta.bench.BenchmarkReport;
import org.posetta.bench.H36mBenchmark;
import org.posetta.bench.OccludedH36m;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;
import org.posetta.nn.FrameLifterModel;
import org.posetta.nn.Torch;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code posetta bench occluded-h36m [--quick] [--out DIR] [--rows ...] [--inputs ...]}. */
@Command(name = "occluded-h36m", mixinStandardHelpOptions = true,
        description = {"STRIDE's Occluded-Human3.6M protocol on our inputs: the per-frame lifter on the Stacked Hourglass",
            "detections of S9 and S11 at 10 fps, hidden 1.6 s in every 3.2 s (whole-body, or one body part per",
            "episode; 'none' for no occlusion). Rows: per-frame, interpolation, prior-no-ttt, refine; errors on all,",
            "visible and occluded frames, acceleration error, seconds per 243 frames.",
            "--quick runs 2 sequences of S9 from one camera, 81 frames each, 3 epochs (same schema).", ""})
final class BenchOccludedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "The fixed small subset, for smoke checks.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: bench/results).")
    Path out = H36mBenchmark.defaultOut();

    @Option(names = "--rows", split = ",", paramLabel = "METHOD",
            description = "Only these rows (per-frame, interpolation, prior-no-ttt, refine), merged into the results file.")
    List<String> rows = OccludedH36m.METHODS;

    @Option(names = "--inputs", split = ",", paramLabel = "INPUT", description = "Occlusion variants (whole-body, body-part, none).")
    List<String> inputs = OccludedH36m.INPUTS;

    @Option(names = "--subjects", split = ",", paramLabel = "S",
            description = "Subjects (default: S9,S11). Training subjects (e.g. S8 with camera 60457274, held out from the"
                + " lifter's training) are where settings are chosen; S9 and S11 only report.")
    List<String> subjects = Human36m.TEST_SUBJECTS;

    @Option(names = "--cameras", split = ",", paramLabel = "ID", description = "Cameras (default: 54138969,60457274).")
    List<String> cameras = List.of("54138969", "60457274");

    @Option(names = "--max-frames", defaultValue = "0", paramLabel = "N", description = "Frames per sequence at 10 fps, 0 for all (default: ${DEFAULT-VALUE}).")
    int maxFrames;

    @Option(names = "--sequences", defaultValue = "0", paramLabel = "N", description = "Sequences per subject, 0 for all (default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--epochs", paramLabel = "N", description = "Test-time training epochs of the refine row (default: refine's " + Refiner.Options.DEFAULT_EPOCHS + ").")
    Integer epochs;

    @Option(names = "--mask-share", paramLabel = "P",
            description = "Share of test-time windows re-masked as in pretraining (default: refine's).")
    Double maskShare;

    @Option(names = "--gap-weight", paramLabel = "W",
            description = "Weight, from 0 to 1, of a frame with no observed joint in refine's test-time loss (default: refine's, "
                + Refiner.Options.DEFAULT_GAP_WEIGHT + ").")
    Double gapWeight;

    @Option(names = "--loss-weights", paramLabel = "P,N,V,L", converter = Converters.LossWeightsConverter.class,
            description = "Test-time loss weights of the refine row: position, N-MPJP, velocity, limb-length variance (default: refine's).")
    PriorLoss.Weights lossWeights;

    @Option(names = "--prior", paramLabel = "FILE", description = "Prior weights instead of the bundled ones.")
    Path priorFile;

    @Option(names = "--lifter", paramLabel = "FILE", description = "Per-frame lifter weights instead of the shipped ones.")
    Path lifterFile;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Occlusion seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        for (String r : rows) {
            if (!OccludedH36m.METHODS.contains(r)) {
                throw new PosettaException("Unknown occluded-h36m row '" + r + "': use " + String.join(", ", OccludedH36m.METHODS) + ".");
            }
        }
        for (String i : inputs) {
            if (!OccludedH36m.INPUTS.contains(i)) {
                throw new PosettaException("Unknown occluded-h36m input '" + i + "': use " + String.join(", ", OccludedH36m.INPUTS) + ".");
            }
        }
        requireUnitInterval("--mask-share", maskShare);
        requireUnitInterval("--gap-weight", gapWeight);
        Path folder = Human36m.find().orElseThrow(() -> new PosettaException("Human3.6M files not found under "
                + DataLocation.root() + "/h36m: point posetta.data (or POSETTA_DATA) at the folder that holds h36m/."));
        Human36m data = Human36m.load(folder, quick ? List.of("S9") : subjects);
        int n = epochs != null ? epochs : quick ? 3 : Refiner.Options.DEFAULTS.epochs();
        Refiner.Options options = Refiner.Options.DEFAULTS.withEpochs(n);
        if (maskShare != null) {
            options = options.withMaskShare(maskShare);
        }
        if (gapWeight != null) {
            options = options.withGapWeight(gapWeight);
        }
        if (lossWeights != null) {
            options = options.withWeights(lossWeights);
        }
        OccludedH36m.Settings settings = quick
                ? new OccludedH36m.Settings(List.of("S9"), List.of(cameras.get(0)), 5, 81, 2, rows, inputs, options, seed)
                : new OccludedH36m.Settings(subjects, cameras, 5, maxFrames, sequences, rows, inputs, options, seed);
        String command = "posetta " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
        PrintWriter o = spec.commandLine().getOut();
        try (FrameLifterModel lifter = lifterFile == null ? FrameLifterModel.shipped() : FrameLifterModel.load(lifterFile);
                MotionPrior prior = priorFile == null ? MotionPrior.bundled() : MotionPrior.load(priorFile)) {
            Map<String, Object> models = new LinkedHashMap<>();
            models.put("frame-lifter", Map.of("weights", lifterFile == null ? FrameLifterModel.RESOURCE : lifterFile.toString(),
                    "steps", String.valueOf(lifter.card().get("steps"))));
            models.put("prior", Map.of("weights", priorFile == null ? MotionPrior.BUNDLED + ".safetensors" : priorFile.toString(),
                    "architecture", prior.config().toString(), "parameters", prior.config().parameterCount()));
            Map<String, Object> provenance = BenchmarkReport.provenance(command, Torch.threads(), seed, models);
            List<Map<String, Object>> result = new OccludedH36m(data, lifter::lift, prior, settings, line -> {
                o.println(line);
                o.flush();
            }).run();
            BenchmarkReport report = new BenchmarkReport(OccludedH36m.PROTOCOL, settings.describe(quick), result, provenance);
            Path json = report.write(out, true);
            o.println("wrote " + json + " and " + json.resolveSibling(OccludedH36m.PROTOCOL + ".md"));
        }
        return 0;
    }

    private static void requireUnitInterval(String option, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw new PosettaException(option + " " + value + " is out of range: give a number from 0 to 1.");
        }
    }
}
