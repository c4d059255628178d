package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.posetta.adapt.lift.Denoiser;
import org.posetta.adapt.lift.DiffusionLifter;
import org.posetta.adapt.lift.SourceTraining;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;
import org.posetta.nn.Torch;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code posetta train diffusion-lifter}: PoSynDA's source model on Human3.6M training subjects. */
@Command(name = "diffusion-lifter", mixinStandardHelpOptions = true,
        description = {"Trains the diffusion lifter (the lift adapter's source model) on Human3.6M ground-truth 2D and 3D of",
            "the given subjects and writes OUT/NAME.safetensors with its card OUT/NAME.json every 500 steps and at the end.",
            "Defaults reproduce the shipped diffusion-lifter-s1; --subjects S1,S5,S6,S7,S8 --name diffusion-lifter-s15678",
            "the second shipped model.", ""})
final class TrainDiffusionLifterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--subjects", split = ",", description = "Training subjects (default ${DEFAULT-VALUE}; never S9 or S11).")
    List<String> subjects = List.of("S1");

    @Option(names = "--name", description = "Model name (default: diffusion-lifter-s1, or -s15678 for S1,S5-S8).")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the weights and card (default: models).")
    Path out = Path.of("models");

    @Option(names = "--width", description = "Channels C (default ${DEFAULT-VALUE}).")
    int width = 64;

    @Option(names = "--depth", description = "Spatial/temporal block pairs (default ${DEFAULT-VALUE}).")
    int depth = 4;

    @Option(names = "--heads", description = "Attention heads (default ${DEFAULT-VALUE}).")
    int heads = 4;

    @Option(names = "--frames", description = "Frames per clip (default ${DEFAULT-VALUE}).")
    int frames = 27;

    @Option(names = "--stride", description = "Use every N-th frame of 50 fps (default ${DEFAULT-VALUE}: 10 fps).")
    int stride = 5;

    @Option(names = "--steps", description = "Optimisation steps (default ${DEFAULT-VALUE}).")
    int steps = 10000;

    @Option(names = "--batch", description = "Clips per step (default ${DEFAULT-VALUE}).")
    int batch = 16;

    @Option(names = "--lr", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    double lr = 1e-3;

    @Option(names = "--warmup", description = "Warm-up steps (default ${DEFAULT-VALUE}).")
    int warmup = 100;

    @Option(names = "--weight-decay", description = "AdamW weight decay (default ${DEFAULT-VALUE}).")
    double weightDecay = 0.01;

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--threads", description = "PyTorch threads (default ${DEFAULT-VALUE}).")
    int threads = 1;

    @Override
    public Integer call() {
        for (String s : subjects) {
            if (Human36m.TEST_SUBJECTS.contains(s)) {
                throw new PosettaException("Subject " + s + " is a test subject: train on S1, S5, S6, S7 and S8 only.");
            }
        }
        Path folder = Human36m.find().orElseThrow(() -> new PosettaException("Human3.6M files not found under "
                + DataLocation.root() + "/h36m: point posetta.data (or POSETTA_DATA) at the folder that holds h36m/."));
        String modelName = name != null ? name
                : "diffusion-lifter-" + String.join("", subjects).toLowerCase(Locale.ROOT).replace("s", "").replaceFirst("^", "s");
        Torch.setThreads(threads);
        PrintWriter log = spec.commandLine().getOut();
        log.printf(Locale.ROOT, "loading Human3.6M %s from %s%n", subjects, folder);
        log.flush();
        Human36m data = Human36m.load(folder, subjects);
        String command = "posetta " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
        SourceTraining.Settings settings = new SourceTraining.Settings(steps, batch, lr, weightDecay, warmup, seed);
        try (DiffusionLifter lifter = SourceTraining.trainOnHuman36m(data, subjects, stride,
                new Denoiser.Config(width, depth, heads, frames, 17), settings, out.toAbsolutePath(), modelName, command, threads,
                line -> {
                    log.println(line);
                    log.flush();
                })) {
            log.printf(Locale.ROOT, "wrote %s%n", out.toAbsolutePath().resolve(modelName + ".safetensors"));
        }
        return 0;
    }
}
