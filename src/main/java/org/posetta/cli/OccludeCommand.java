package org.posetta.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.simulate.BodyPartOcclusion;
import org.posetta.simulate.Corruption;
import org.posetta.simulate.DetectorNoise;
import org.posetta.simulate.DutyCycle;
import org.posetta.simulate.LimbGroup;
import org.posetta.simulate.RandomMask;
import org.posetta.simulate.Truncation;
import org.posetta.simulate.WholePersonOcclusion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code posetta occlude IN -o OUT}: simulated occlusion, truncation, masks or detector noise. */
@Command(name = "occlude", mixinStandardHelpOptions = true,
        description = {"Simulates occlusion, truncation, missing joints or 2D detector noise.",
            "The settings, seed and occluded frames go into the output's provenance.",
            "Modes:",
            "  whole     all joints missing for --duration s in every --period s",
            "            (random phase)",
            "  part      one body part (--part) missing in each such episode",
            "  truncate  the --fraction of the person beyond an image --edge missing",
            "            in each episode (3D: camera frame only; --duration equal to",
            "            --period cuts every frame)",
            "  mask      random joints (--joint-ratio) and frames (--frame-ratio) missing",
            "  noise     2D only: jitter (--sigma px), gross errors (--gross) and",
            "            left/right swaps (--swap)",
            "Sequence i of a file uses seed N + i.",
            "Examples:",
            "  posetta occlude S9.npz -o S9-occluded.npz --seed 1",
            "  posetta occlude walk.npz -o legs.npz --mode part --part legs --period 4",
            ""})
final class OccludeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The file to corrupt (2D keypoints or 3D motion).")
    Path in;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The file to write.")
    Path out;

    @Option(names = "--mode", defaultValue = "whole", paramLabel = "MODE",
            description = "whole, part, truncate, mask or noise (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--duration", defaultValue = "1.6", paramLabel = "S", description = "Seconds of each episode (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--period", defaultValue = "3.2", paramLabel = "S", description = "Seconds from one episode to the next (default: ${DEFAULT-VALUE}).")
    double period;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--part", split = ",", paramLabel = "PART", converter = Converters.LimbGroupConverter.class,
            description = "Body parts to draw from, one per episode: left_arm, right_arm, left_leg, right_leg, arms, legs, head"
                    + " (default: all).")
    List<LimbGroup> parts;

    @Option(names = "--edge", defaultValue = "bottom", paramLabel = "EDGE",
            description = "Image edge that cuts the person: top, bottom, left or right (default: ${DEFAULT-VALUE}).")
    Truncation.Edge edge;

    @Option(names = "--fraction", defaultValue = "0.35", paramLabel = "F",
            description = "Fraction of the person's extent cut off by the edge (default: ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--joint-ratio", defaultValue = "0.05", paramLabel = "P",
            description = "Probability that a joint is missing (default: ${DEFAULT-VALUE}).")
    double jointRatio;

    @Option(names = "--frame-ratio", defaultValue = "0.1", paramLabel = "P",
            description = "Probability that a whole frame is missing (default: ${DEFAULT-VALUE}).")
    double frameRatio;

    @Option(names = "--sigma", defaultValue = "3", paramLabel = "PX", description = "Jitter in pixels (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--gross", defaultValue = "0.01", paramLabel = "P",
            description = "Probability of a gross error per joint (default: ${DEFAULT-VALUE}).")
    double gross;

    @Option(names = "--swap", defaultValue = "0.005", paramLabel = "P",
            description = "Probability of a left/right swap per frame (default: ${DEFAULT-VALUE}).")
    double swap;

    @Option(names = "--format", paramLabel = "F", description = "Output format; default: from OUT's extension.")
    String format;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        Corruption corruption = corruption();
        PoseFile data = input.read(in);
        PoseFile result = corruption.apply(data, seed, in.toString());
        Formats.write(result.withStep(Main.commandStep(spec)), out, format);
        spec.commandLine().getOut().println("wrote " + out + " (" + corruption.mode() + ", seed " + seed + ")");
        return 0;
    }

    /** The simulator the options describe; invalid settings are usage errors. */
    Corruption corruption() {
        try {
            return switch (mode) {
                case "whole" -> new WholePersonOcclusion(cycle());
                case "part" -> parts == null ? BodyPartOcclusion.anyPart(cycle()) : new BodyPartOcclusion(cycle(), parts);
                case "truncate" -> new Truncation(edge, fraction, cycle());
                case "mask" -> new RandomMask(jointRatio, frameRatio);
                case "noise" -> new DetectorNoise(sigma, gross, swap);
                default -> throw new ParameterException(spec.commandLine(),
                        "Unknown --mode '" + mode + "': use whole, part, truncate, mask or noise.");
            };
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid " + mode + " settings: " + e.getMessage() + ".");
        }
    }

    private DutyCycle cycle() {
        return new DutyCycle(duration, period);
    }
}
