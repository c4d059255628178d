package org.posetta.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.posetta.adapt.refine.MotionPrior;
import org.posetta.adapt.refine.Refiner;
import org.posetta.bench.BenchmarkReport;
import org.posetta.bench.H36mBenchmark;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;
import org.posetta.nn.FrameLifterModel;
import org.posetta.nn.Torch;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code posetta bench h36m [--quick] [--out DIR] [--rows gt2d,sh,prior-no-ttt,refine]}. */
@Command(name = "h36m", mixinStandardHelpOptions = true,
        description = {"The per-frame lifter on Human3.6M S9 and S11, every frame and camera, from ground-truth 2D (gt2d)",
            "and from the Stacked Hourglass detections (sh): MPJPE and P-MPJPE per action and mean, frames, seconds.",
            "Rows prior-no-ttt and refine pass the lifter's estimate from the detections through the motion prior, without",
            "and with test-time training.",
            "--quick runs the first 250 frames of every sequence from one camera (same schema).", ""})
final class BenchH36mCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "The fixed small subset, for smoke checks.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: bench/results).")
    Path out = H36mBenchmark.defaultOut();

    @Option(names = "--rows", split = ",", paramLabel = "ROW",
            description = "Only these rows (gt2d, sh, prior-no-ttt, refine), merged into the results file.")
    List<String> rows = H36mBenchmark.ROWS;

    @Option(names = "--subjects", split = ",", paramLabel = "S",
            description = "Subjects (default: S9,S11). A run on training subjects only is labelled validation: settings are chosen"
                + " there, S9 and S11 only report.")
    List<String> subjects = Human36m.TEST_SUBJECTS;

    @Option(names = "--cameras", split = ",", paramLabel = "ID", description = "Cameras (default: all four; --quick: 54138969).")
    List<String> cameras;

    @Option(names = "--epochs", paramLabel = "N", description = "Test-time training epochs of the refine row (default: refine's "
            + Refiner.Options.DEFAULT_EPOCHS + "; --quick: " + H36mBenchmark.QUICK_EPOCHS + ").")
    Integer epochs;

    @Option(names = "--prior", paramLabel = "FILE", description = "Prior weights instead of the bundled ones.")
    Path priorFile;

    @Option(names = "--weights", paramLabel = "W", description = "Weights from posetta train frame-lifter instead of the shipped ones.")
    Path weights;

    @Override
    public Integer call() {
        Refiner.Options refine = Refiner.Options.DEFAULTS.withEpochs(epochs != null ? epochs
                : quick ? H36mBenchmark.QUICK_EPOCHS : Refiner.Options.DEFAULT_EPOCHS);
        H36mBenchmark.Settings settings = new H36mBenchmark.Settings(quick, subjects,
                cameras != null ? cameras : quick ? H36mBenchmark.QUICK_CAMERAS : List.of(), rows, refine);
        Path folder = Human36m.find().orElseThrow(() -> new PosettaException("Human3.6M files not found under "
                + DataLocation.root() + "/h36m: point posetta.data (or POSETTA_DATA) at the folder that holds h36m/."));
        Human36m data = Human36m.load(folder, subjects);
        String command = "posetta " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
        boolean needsPrior = rows.contains("prior-no-ttt") || rows.contains("refine");
        try (FrameLifterModel lifter = weights == null ? FrameLifterModel.shipped() : FrameLifterModel.load(weights);
                MotionPrior prior = !needsPrior ? null : priorFile == null ? MotionPrior.bundled() : MotionPrior.load(priorFile)) {
            Map<String, Object> models = new LinkedHashMap<>();
            models.put("frame-lifter", Map.of("weights", weights == null ? FrameLifterModel.RESOURCE : weights.toString(),
                    "trained", String.valueOf(lifter.card().get("date")), "steps", lifter.card().get("steps")));
            if (prior != null) {
                models.put("prior", Map.of("weights", priorFile == null ? MotionPrior.BUNDLED + ".safetensors" : priorFile.toString(),
                        "architecture", prior.config().toString(), "parameters", prior.config().parameterCount()));
            }
            Map<String, Object> provenance = BenchmarkReport.provenance(command, Torch.threads(), 0, models);
            BenchmarkReport report = H36mBenchmark.run(data, lifter, prior, settings, provenance, spec.commandLine().getOut());
            Path json = report.write(out, true);
            spec.commandLine().getOut().println("wrote " + json + " and " + json.resolveSibling(H36mBenchmark.PROTOCOL + ".md"));
        }
        return 0;
    }
}
