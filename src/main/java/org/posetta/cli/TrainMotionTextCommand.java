package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.posetta.adapt.semantic.MotionEncoder;
import org.posetta.adapt.semantic.MotionTextTraining;
import org.posetta.data.Bandai;
import org.posetta.data.DeepMimic;
import org.posetta.data.Human36m;
import org.posetta.nn.FrameLifterModel;
import org.posetta.nn.Torch;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code posetta train motion-text}: the motion encoder of the semantic adapter's motion-text space. */
@Command(name = "motion-text", mixinStandardHelpOptions = true,
        description = {"Trains the motion encoder of 'adapt' so that a 2-second clip's embedding matches the",
            "sentence of its action (all-MiniLM-L6-v2 vectors): Human3.6M S1 S5-S8, Bandai-Namco, DeepMimic.",
            "Reports text retrieval on S9/S11 and on held-out Bandai styles, and calibrates tau.",
            "Example:",
            "  posetta train motion-text -o models/motion-text.safetensors --minutes 25",
            ""})
final class TrainMotionTextCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, defaultValue = "src/main/resources/models/motion-text.safetensors",
            paramLabel = "FILE", description = "Weights to write; the card goes next to them (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--width", defaultValue = "128", description = "Token width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--layers", defaultValue = "4", description = "Transformer layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--batch", defaultValue = "64", description = "Clips per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", defaultValue = "4000", description = "Steps; the schedule decays over them (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--minutes", defaultValue = "30", description = "Stop after this wall time (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--held-out-styles", split = ",", defaultValue = "happy,old",
            description = "Bandai-Namco styles kept for evaluation (default: ${DEFAULT-VALUE}).")
    List<String> heldOut;

    @Option(names = "--lifter-cameras", split = ",", defaultValue = "54138969,60457274",
            description = "Cameras whose detections are lifted for training; the first also for the S9/S11 lifted figure (default: ${DEFAULT-VALUE}).")
    List<String> lifterCameras;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Path folder = Human36m.find().orElseThrow(() -> new PosettaException(
                "Human3.6M is not in the data folder: set POSETTA_DATA to the folder holding h36m/."));
        Bandai bandai = Bandai.find().orElseThrow(() -> new PosettaException(
                "Bandai-Namco motion is not in the data folder: set POSETTA_DATA to the folder holding bandai/."));
        DeepMimic mimic = DeepMimic.find().orElseThrow(() -> new PosettaException(
                "DeepMimic motion is not in the data folder: set POSETTA_DATA to the folder holding deepmimic/."));
        MotionTextTraining.Settings s = new MotionTextTraining.Settings(
                new MotionEncoder.Architecture(width, layers, 4, 2 * width, 0.1), batch, steps, lr, Math.round(minutes * 60), 1.0,
                new double[] {0.4, 0.25, 0.2, 0.15}, heldOut, lifterCameras, seed);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("name", "motion-text");
        card.put("model", "motion encoder of the motion-text space (MotionCLIP's role, Tevet et al. 2022), joint positions, "
                + "aligned to all-MiniLM-L6-v2 sentence vectors");
        card.put("command", "posetta " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()));
        card.put("threads", Torch.threads());
        card.put("started", Instant.now().toString());
        card.put("input", "60 frames at 30 fps (2 s) of H36M-17, pelvis-relative, gravity-aligned, heading removed, metres");
        card.put("data", "Human3.6M S1 S5 S6 S7 S8 (world-frame ground truth, and the shipped per-frame lifter on the detections of"
                + " cameras " + String.join(" ", lifterCameras) + "), Bandai-Namco clips except styles " + String.join(" ", heldOut)
                + ", DeepMimic clips; sampling shares 0.4 / 0.25 / 0.2 / 0.15");
        card.put("licence", "Trained on Human3.6M and Bandai-Namco (CC BY-NC 4.0) data: for non-commercial research use only.");
        try (FrameLifterModel lifter = FrameLifterModel.shipped()) {
            new MotionTextTraining(Human36m.load(folder, Human36m.TRAIN_SUBJECTS), Human36m.load(folder, Human36m.TEST_SUBJECTS),
                    bandai, mimic, lifter, s, line -> {
                        o.println(line);
                        o.flush();
                    }).run(out, card);
        }
        o.println("wrote " + out + " and its card");
        return 0;
    }
}
