package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.posetta.adapt.semantic.MotionDenoiserTraining;
import org.posetta.data.Human36m;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code posetta train motion-denoiser}: pretrains the motion denoiser of the semantic adapter. */
@Command(name = "motion-denoiser", mixinStandardHelpOptions = true,
        description = {"Pretrains the motion denoiser of 'adapt' (CycleAdapt's MDNet on joint positions) on the Human3.6M",
            "training subjects: 49-frame windows at 10, 25 and 30 fps with 25 frames masked and the others noisy in,",
            "the clean window out. Writes checkpoints (weights + card) as it goes.",
            "Example:",
            "  posetta train motion-denoiser -o models/motion-denoiser.safetensors --minutes 20",
            ""})
final class TrainMotionDenoiserCommand implements Callable<Integer> {
    private static final List<String> CAMERAS = List.of("54138969", "55011271", "58860488", "60457274");

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, defaultValue = "src/main/resources/models/motion-denoiser.safetensors",
            paramLabel = "FILE", description = "Weights to write; the card goes next to them (default: ${DEFAULT-VALUE}).")
    Path out;

    // 128: at equal steps 256 channels trained no better and each step took longer; the time mixing, not C, bounds the network
    @Option(names = "--width", defaultValue = "128", description = "Channels per frame (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--steps", defaultValue = "24000", description = "Steps; the schedule decays over them (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--minutes", defaultValue = "20", description = "Stop after this wall time (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--batch", defaultValue = "32", description = "Windows per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "3e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--unmasked-weight", defaultValue = "0.5",
            description = "Weight of the L1 on the unmasked (noisy) frames; 0 for MDNet's masked-only loss (default: ${DEFAULT-VALUE}).")
    double unmaskedWeight;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Path folder = Human36m.find().orElseThrow(() -> new PosettaException(
                "Human3.6M is not in the data folder: set POSETTA_DATA to the folder holding h36m/."));
        Human36m data = Human36m.load(folder, Human36m.TRAIN_SUBJECTS);
        MotionDenoiserTraining.Settings s = new MotionDenoiserTraining.Settings(width, batch, steps, lr, 0.01, unmaskedWeight, seed,
                Math.round(minutes * 60), Human36m.TRAIN_SUBJECTS, CAMERAS, "S8");
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("name", "motion-denoiser");
        card.put("description", "CycleAdapt's motion denoiser (MDNet, Nam et al. 2023) on H36M-17 joint positions: masked in-painting "
                + "of 49-frame windows");
        card.put("command", "posetta " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()));
        new MotionDenoiserTraining(data, s, line -> {
            o.println(line);
            o.flush();
        }).run(out, card);
        o.println("wrote " + out + " and its card");
        return 0;
    }
}
