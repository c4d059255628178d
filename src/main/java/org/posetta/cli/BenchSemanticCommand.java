package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.posetta.adapt.semantic.MotionTextModel;
import org.posetta.adapt.semantic.SemanticAdaptation;
import org.posetta.bench.BenchmarkReport;
import org.posetta.bench.H36mBenchmark;
import org.posetta.bench.SemanticBenchmark;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;
import org.posetta.nn.FrameLifterModel;
import org.posetta.nn.Torch;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code posetta bench semantic}: SA-TTA's ablation (Tables 4–5) on occluded and truncated Human3.6M detections. */
@Command(name = "semantic", mixinStandardHelpOptions = true,
        description = {"The semantic adapter's ladder on S9 and S11: Stacked Hourglass detections at 10 fps with the lower",
            "body hidden, bottom truncation and drop-outs, the action name as label; one 243-frame segment per",
            "sequence from one camera. Rows: per-frame, cycleadapt, +alignment, +ema, +fill-in, and the tau sweep",
            "on one segment per action. --quick: 2 sequences of S9, 81 frames, 3 cycles (same schema).", ""})
final class BenchSemanticCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "The fixed small subset, for smoke checks.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: bench/results).")
    Path out = H36mBenchmark.defaultOut();

    @Option(names = "--rows", split = ",", paramLabel = "METHOD",
            description = "Only these rows (per-frame, cycleadapt, +alignment, +ema, +fill-in, tau-sweep), merged into the results file.")
    List<String> rows = SemanticBenchmark.METHODS;

    @Option(names = "--subjects", split = ",", paramLabel = "S",
            description = "Subjects (default: S9,S11; give training subjects to choose settings without touching the test set).")
    List<String> subjects = Human36m.TEST_SUBJECTS;

    @Option(names = "--sequences", defaultValue = "0", paramLabel = "N", description = "Sequences per subject, 0 for all (default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--cycles", defaultValue = "13", paramLabel = "N", description = "Adaptation cycles (default: ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--alignment-weight", defaultValue = "0.1", paramLabel = "W", description = "lambda of the alignment loss (default: ${DEFAULT-VALUE}).")
    double alignmentWeight;

    @Option(names = "--ema", defaultValue = "0.5", paramLabel = "A", description = "EMA factor alpha of the 2D targets (default: ${DEFAULT-VALUE}).")
    double ema;

    @Option(names = "--tau", paramLabel = "T", description = "Fill-in threshold (default: the motion-text card's calibrated tau).")
    Double tau;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Occlusion and adaptation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        for (String r : rows) {
            if (!SemanticBenchmark.METHODS.contains(r)) {
                throw new PosettaException("Unknown semantic row '" + r + "': use " + String.join(", ", SemanticBenchmark.METHODS) + ".");
            }
        }
        Path folder = Human36m.find().orElseThrow(() -> new PosettaException("Human3.6M files not found under "
                + DataLocation.root() + "/h36m: point posetta.data (or POSETTA_DATA) at the folder that holds h36m/."));
        String command = "posetta " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
        PrintWriter o = spec.commandLine().getOut();
        try (FrameLifterModel lifter = FrameLifterModel.shipped(); MotionTextModel motionText = MotionTextModel.shipped()) {
            double t = tau != null ? tau : motionText.tau();
            SemanticAdaptation.Settings adaptation = SemanticAdaptation.Settings.full(alignmentWeight, ema, t, seed)
                    .withCycles(quick ? 3 : cycles);
            List<String> s = quick ? List.of("S9") : subjects;
            SemanticBenchmark.Settings settings = new SemanticBenchmark.Settings(s, "54138969", quick ? 81 : 243,
                    quick ? 2 : sequences, rows, adaptation, sweep(t), seed);
            Human36m data = Human36m.load(folder, s);
            Map<String, Object> models = new LinkedHashMap<>();
            models.put("frame-lifter", FrameLifterModel.RESOURCE);
            models.put("motion-denoiser", "/models/motion-denoiser.safetensors");
            models.put("motion-text", Map.of("weights", MotionTextModel.RESOURCE, "tau", motionText.tau()));
            Map<String, Object> provenance = BenchmarkReport.provenance(command, Torch.threads(), seed, models);
            List<Map<String, Object>> result = new SemanticBenchmark(data, lifter, motionText, settings, line -> {
                o.println(line);
                o.flush();
            }).run();
            BenchmarkReport report = new BenchmarkReport(SemanticBenchmark.PROTOCOL, settings.describe(quick), result, provenance);
            Path json = report.write(out, true);
            o.println("wrote " + json + " and " + json.resolveSibling(SemanticBenchmark.PROTOCOL + ".md"));
        }
        return 0;
    }

    /** 0.55 … 0.80 in steps of 0.05 where tau lies there (the paper's grid), else six values around tau. */
    private static List<Double> sweep(double tau) {
        List<Double> out = new ArrayList<>();
        double from = tau >= 0.55 && tau <= 0.80 ? 0.55 : Math.round((tau - 0.15) * 100) / 100.0;
        for (int i = 0; i < 6; i++) {
            out.add(Math.round((from + 0.05 * i) * 100) / 100.0);
        }
        return out;
    }
}
