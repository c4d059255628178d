package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;
import org.posetta.nn.FrameLifter;
import org.posetta.nn.FrameLifterTrainer;
import org.posetta.nn.LiftingSamples;
import org.posetta.nn.Torch;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code posetta train frame-lifter}: the per-frame lifter on Human3.6M S1 S5 S6 S7 S8. */
@Command(name = "frame-lifter", mixinStandardHelpOptions = true,
        description = {"Trains the per-frame 2D→3D lifter on Human3.6M S1 S5 S6 S7 S8 (one camera of S8 held out for",
            "validation) and writes OUT/frame-lifter.safetensors with its card OUT/frame-lifter.json, every few minutes",
            "and at the end. Defaults reproduce the shipped model.", ""})
final class TrainFrameLifterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the weights and card (default: models).")
    Path out = Path.of("models");

    @Option(names = "--width", description = "Hidden width (default ${DEFAULT-VALUE}).")
    int width = 512;

    @Option(names = "--blocks", description = "Residual blocks (default ${DEFAULT-VALUE}).")
    int blocks = 2;

    @Option(names = "--dropout", description = "Dropout rate (default ${DEFAULT-VALUE}).")
    double dropout = 0.2;

    @Option(names = "--batch", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch = 512;

    @Option(names = "--steps", description = "Optimisation steps; the cosine schedule ends there (default ${DEFAULT-VALUE}).")
    long steps = 20_000;

    @Option(names = "--lr", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    double lr = 2e-3;

    @Option(names = "--warmup", description = "Warm-up steps (default ${DEFAULT-VALUE}).")
    long warmup = 500;

    @Option(names = "--weight-decay", description = "AdamW weight decay (default ${DEFAULT-VALUE}).")
    double weightDecay = 1e-4;

    @Option(names = "--detections", description = "Fraction of samples whose input is the detector's 2D (default ${DEFAULT-VALUE}).")
    double detections = LiftingSamples.Augmentation.DEFAULT.detections();

    @Option(names = "--stride", description = "Use every N-th frame of 50 fps (default ${DEFAULT-VALUE}).")
    int stride = 1;

    @Option(names = "--max-minutes", description = "Stop after this wall time even if steps remain (default ${DEFAULT-VALUE}).")
    double maxMinutes = 110;

    @Option(names = "--checkpoint-minutes", description = "Write a checkpoint this often (default ${DEFAULT-VALUE}).")
    double checkpointMinutes = 5;

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--threads", description = "PyTorch threads (default ${DEFAULT-VALUE}; 2 only on an otherwise idle machine).")
    int threads = 1;

    @Option(names = "--subjects", split = ",", description = "Training subjects (default S1,S5,S6,S7,S8; never S9 or S11).")
    List<String> subjects = Human36m.TRAIN_SUBJECTS;

    @Override
    public Integer call() {
        for (String s : subjects) {
            if (Human36m.TEST_SUBJECTS.contains(s)) {
                throw new PosettaException("Subject " + s + " is a test subject: train on S1, S5, S6, S7 and S8 only.");
            }
        }
        Path folder = Human36m.find().orElseThrow(() -> new PosettaException("Human3.6M files not found under "
                + DataLocation.root() + "/h36m: point posetta.data (or POSETTA_DATA) at the folder that holds h36m/."));
        Torch.setThreads(threads);
        PrintWriter log = spec.commandLine().getOut();
        log.printf(Locale.ROOT, "loading Human3.6M %s from %s%n", subjects, folder);
        log.flush();
        Human36m data = Human36m.load(folder, subjects);
        String validationSubject = subjects.get(subjects.size() - 1);
        String validationCamera = data.cameraIds(validationSubject).get(data.cameraIds(validationSubject).size() - 1);
        LiftingSamples.Augmentation d = LiftingSamples.Augmentation.DEFAULT;
        FrameLifterTrainer.Settings settings = new FrameLifterTrainer.Settings(new FrameLifter.Architecture(width, blocks, dropout),
                batch, steps, lr, warmup, weightDecay, 1.0,
                new LiftingSamples.Augmentation(detections, d.mpiiLayout(), d.maxJitterPx(), d.outlierRate(), d.dropRate(), d.flipRate()),
                seed, stride, maxMinutes, checkpointMinutes, subjects, validationSubject, validationCamera);
        Path weights = out.toAbsolutePath().resolve("frame-lifter.safetensors");
        String command = "posetta " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
        FrameLifterTrainer.Result r = FrameLifterTrainer.train(data, settings, weights, command, log);
        log.printf(Locale.ROOT, "wrote %s after %d steps, %.0f s%n", weights, r.steps(), r.wallSeconds());
        return 0;
    }
}
