package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.posetta.adapt.refine.MotionPrior;
import org.posetta.adapt.refine.PriorTraining;
import org.posetta.data.Human36m;
import org.posetta.nn.DstFormerConfig;
import org.posetta.nn.FrameLifterModel;
import org.posetta.nn.Torch;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code posetta train prior}: pretrains STRIDE's motion prior on Human3.6M. */
@Command(name = "prior", mixinStandardHelpOptions = true,
        description = {"Pretrains the motion prior of 'refine' (a DSTFormer) on the Human3.6M training subjects:",
            "corrupted clips in (noise, masks, long whole-body and body-part gaps), clean clips out.",
            "Writes checkpoints (weights + card) as it goes.",
            "Example:",
            "  posetta train prior -o models/stride-prior.safetensors --minutes 40",
            ""})
final class TrainPriorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, defaultValue = "src/main/resources/models/stride-prior.safetensors",
            paramLabel = "FILE", description = "Weights to write; the card goes next to them (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--width", defaultValue = "64", description = "Token width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--depth", defaultValue = "3", description = "Levels of ST/TS blocks (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--heads", defaultValue = "4", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--frames", defaultValue = "81", description = "Clip length in frames (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--frame-step", defaultValue = "5", description = "Keep every N-th 50 fps frame (default: ${DEFAULT-VALUE}, 10 fps).")
    int frameStep;

    @Option(names = "--batch", defaultValue = "8", description = "Clips per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", defaultValue = "2000", description = "Steps; the schedule decays over them (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--minutes", defaultValue = "45", description = "Stop after this wall time (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--cameras", split = ",", defaultValue = "54138969,55011271,58860488,60457274",
            description = "Cameras used (default: all four).")
    List<String> cameras;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--init", paramLabel = "FILE", description = "Start from these prior weights (fine-tuning) instead of random ones.")
    Path init;

    @Option(names = "--lifter", paramLabel = "FILE", description = "Per-frame lifter whose errors on the detections are learned (default: the shipped one).")
    Path lifterFile;

    @Option(names = "--lifter-share", defaultValue = "0.7", description = "Share of clips with lifter errors instead of synthetic noise; 0 for none (default: ${DEFAULT-VALUE}).")
    double lifterShare;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Path folder = Human36m.find().orElseThrow(() -> new PosettaException(
                "Human3.6M is not in the data folder: set POSETTA_DATA to the folder holding h36m/."));
        Human36m data = Human36m.load(folder, Human36m.TRAIN_SUBJECTS);
        MotionPrior start = init == null ? null : MotionPrior.load(init);
        DstFormerConfig net = start != null ? start.config() : new DstFormerConfig(4, 3, 17, frames, width, depth, heads, 2, 2 * width);
        PriorTraining.Settings s = new PriorTraining.Settings(net, Human36m.TRAIN_SUBJECTS, cameras, "S8", frameStep, batch,
                steps, lr, 0.01, seed, Math.round(minutes * 60), 100, lifterShare);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("name", "stride-prior");
        card.put("model", "STRIDE motion prior (Lal et al. 2024): DSTFormer (Zhu et al. 2023), 3D in, 3D out");
        card.put("command", "posetta " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()));
        card.put("threads", Torch.threads());
        card.put("started", Instant.now().toString());
        card.put("data", "Human3.6M S1 S5 S6 S7 S8, camera frame, cameras " + String.join(" ", cameras) + ", " + 50.0 / frameStep
                + " fps (every phase of the subsampling), clips of " + net.maxFrames() + " frames; validation clips from S8 (a training subject)");
        card.put("licence", "Trained on Human3.6M: for non-commercial research use only (Human3.6M licence).");
        if (start != null) {
            // The starting weights' own card, so the shipped card describes every training phase.
            card.put("initialised_from", Map.of("weights", init.toString(), "card", start.card()));
        }
        FrameLifterModel lifter = lifterShare <= 0 ? null : lifterFile == null ? FrameLifterModel.shipped() : FrameLifterModel.load(lifterFile);
        if (lifter != null) {
            card.put("lifter", Map.of("weights", lifterFile == null ? FrameLifterModel.RESOURCE : lifterFile.toString(),
                    "steps", String.valueOf(lifter.card().get("steps")), "share", lifterShare));
        }
        try {
            MotionPrior prior = new PriorTraining(data, s, lifter, line -> {
                o.println(line);
                o.flush();
            }).run(start, out, card);
            prior.close();
        } finally {
            if (lifter != null) {
                lifter.close();
            }
            if (start != null) {
                start.close();
            }
        }
        o.println("wrote " + out + " and its card");
        return 0;
    }
}
