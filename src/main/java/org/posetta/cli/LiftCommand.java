package org.posetta.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.WriteOptions;
import org.posetta.nn.FrameLifterModel;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code posetta lift IN -o OUT}: 2D keypoints of any supported file to 3D. */
@Command(name = "lift", mixinStandardHelpOptions = true,
        description = {"Lifts the 2D keypoints of a file to 3D (H36M-17, camera frame, root-relative, metres).",
            "--model frame: the per-frame lifter trained on Human3.6M (non-commercial research use).",
            "Joints the 2D lacks are inferred and marked filled; frames with fewer than 8 joints have no estimate.",
            "Examples:", "  posetta lift S9_sh.npz -o S9_3d.npz", "  posetta lift openpose/ -o walk.bvh", ""})
final class LiftCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "A file (or folder) of 2D keypoints.")
    Path in;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "The 3D file to write.")
    Path out;

    @Option(names = "--model", paramLabel = "M", description = "The lifter: frame (default).")
    String model = "frame";

    @Option(names = "--weights", paramLabel = "W", description = "Weights from posetta train frame-lifter instead of the shipped ones.")
    Path weights;

    @Option(names = "--format", paramLabel = "F", description = "Output format; default: from OUT's extension.")
    String format;

    @Option(names = "--units", paramLabel = "U", description = "Length unit of BVH (cm, m; default cm) or TRC (mm, m; default mm).")
    String units;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        if (!model.equals("frame")) {
            throw new ParameterException(spec.commandLine(), "Unknown model '" + model + "': use frame.");
        }
        PoseFile data = input.read(in);
        if (data.keypoints().isEmpty()) {
            throw new PosettaException(in + " holds no 2D keypoints: give a 2D file (e.g. OpenPose JSON, COCO, MediaPipe, npz of 2D).");
        }
        Map<String, Motion3d> lifted = new LinkedHashMap<>();
        try (FrameLifterModel lifter = weights == null ? FrameLifterModel.shipped() : FrameLifterModel.load(weights)) {
            for (Map.Entry<String, Keypoints2d> e : data.keypoints().entrySet()) {
                lifted.put(e.getKey(), lifter.lift(e.getValue()));
            }
        }
        PoseFile result = new PoseFile(data.format(), lifted, Map.of()).withStep(Main.commandStep(spec));
        Formats.write(result, out, format, new WriteOptions(java.util.Optional.ofNullable(units), false));
        int frames = lifted.values().stream().mapToInt(Motion3d::frames).sum();
        spec.commandLine().getOut().println("lifted " + frames + " frames of " + lifted.size() + " sequence(s); wrote " + out);
        return 0;
    }
}
