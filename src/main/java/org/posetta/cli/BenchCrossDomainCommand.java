package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.posetta.bench.BenchmarkReport;
import org.posetta.bench.CrossDomain;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;
import org.posetta.nn.Torch;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code posetta bench cross-domain}: PoSynDA's ablation on Human3.6M. */
@Command(name = "cross-domain", mixinStandardHelpOptions = true,
        description = {"PoSynDA's ablation: (a) source S1 -> target S5-S8 ground-truth 2D, evaluated on S9/S11 (input a) and",
            "on the target subjects (a-target); (b) source S1 S5-S8 -> target S9/S11 Stacked Hourglass detections;",
            "b-val, (b) on training subjects for choosing settings: source S1 -> target S5-S8 detections.",
            "Rows: source-only, +gpa, +lora, +bias, +multi-hypothesis, +teacher, full-without-gpa, plus oracle rows. --rows runs some",
            "of them and merges them into the results file.", ""})
final class BenchCrossDomainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "The small smoke subset (same schema).")
    boolean quick;

    @Option(names = "--rows", split = ",", description = "Rows to run (default: all).")
    List<String> rows = CrossDomain.ROWS;

    @Option(names = "--inputs", split = ",", description = "Settings to run: a, b, b-val (default: ${DEFAULT-VALUE}).")
    List<String> inputs = List.of("a");

    @Option(names = "--model-a", paramLabel = "FILE", description = "Source model of (a) (default: models/diffusion-lifter-s1.safetensors"
            + " from the sources).")
    Path modelA = Path.of("src/main/resources/models/diffusion-lifter-s1.safetensors");

    @Option(names = "--model-b", paramLabel = "FILE", description = "Source model of (b), trained on S1 S5-S8 (default:"
            + " models/diffusion-lifter-s15678.safetensors from the sources).")
    Path modelB = Path.of("src/main/resources/models/diffusion-lifter-s15678.safetensors");

    @Option(names = "--steps", description = "Adaptation steps per row (default 24, chosen on b-val; --quick: 6).")
    Integer steps;

    @Option(names = "--batch", description = "Clips per adaptation step (default ${DEFAULT-VALUE}).")
    int batch = 8;

    @Option(names = "--lr", description = "Learning rate of LoRA and bias (default ${DEFAULT-VALUE}).")
    double lrAdapter = 1e-3;

    @Option(names = "--lr-full", description = "Learning rate where every weight is fine-tuned, +gpa (default ${DEFAULT-VALUE}).")
    double lrFull = 1e-4;

    @Option(names = "--hypotheses", description = "H at evaluation (default ${DEFAULT-VALUE}).")
    int hypotheses = 5;

    @Option(names = "--video-steps", description = "Adaptation steps for one 243-frame video, seconds_per_243 (default ${DEFAULT-VALUE}).")
    int videoSteps = 20;

    @Option(names = "--eval-frames", description = "Frames (10 fps) evaluated from the start of each sequence, 0 for every frame"
            + " (default ${DEFAULT-VALUE}; --quick: 27).")
    int evalFrames = 0;

    @Option(names = "--cameras", split = ",", paramLabel = "ID",
            description = "Cameras whose sequences are evaluated (default: 60457274; the paper's protocol: all four).")
    List<String> cameras = CrossDomain.EVAL_CAMERAS;

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--threads", description = "PyTorch threads (default ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: bench/results).")
    Path out = Path.of("bench/results");

    @Override
    public Integer call() {
        for (String r : rows) {
            if (!CrossDomain.ROWS.contains(r)) {
                throw new ParameterException(spec.commandLine(), "Unknown row '" + r + "': use " + String.join(", ", CrossDomain.ROWS) + ".");
            }
        }
        for (String i : inputs) {
            if (!CrossDomain.INPUTS.contains(i)) {
                throw new ParameterException(spec.commandLine(), "Unknown input '" + i + "': use " + String.join(", ", CrossDomain.INPUTS) + ".");
            }
        }
        if (evalFrames < 0) {
            throw new ParameterException(spec.commandLine(), "--eval-frames must be 0 (every frame) or a positive number of frames.");
        }
        Path folder = Human36m.find().orElseThrow(() -> new PosettaException("Human3.6M files not found under "
                + DataLocation.root() + "/h36m: point posetta.data (or POSETTA_DATA) at the folder that holds h36m/."));
        Torch.setThreads(threads);
        PrintWriter log = spec.commandLine().getOut();
        String command = "posetta " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
        CrossDomain.Options o = new CrossDomain.Options(quick, rows, inputs, modelA, modelB, steps != null ? steps : quick ? 6 : 24,
                batch, lrAdapter, lrFull, hypotheses, videoSteps, evalFrames, cameras, seed, command, Torch.threads());
        boolean merge = !rows.equals(CrossDomain.ROWS) || !inputs.equals(List.of("a", "b"));
        BenchmarkReport report = CrossDomain.run(folder, o, line -> {
            log.println(line);
            log.flush();
        }, partial -> partial.write(out, true));
        Path written = report.write(out, merge);
        log.println("wrote " + written);
        return 0;
    }
}
