package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.posetta.adapt.lift.Adaptation;
import org.posetta.adapt.lift.Adapter;
import org.posetta.adapt.lift.DiffusionLifter;
import org.posetta.adapt.lift.PoseSequence;
import org.posetta.data.Human36m;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.WriteOptions;
import org.posetta.nn.FrameLifterModel;
import org.posetta.pipeline.Batch;
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
        description = {"Lifts the 2D keypoints of a file (every sequence in it) to 3D: H36M-17, camera frame,",
            "root-relative, metres. Models trained on Human3.6M are for non-commercial research use.",
            "--model frame (default): the per-frame lifter. Joints the 2D lacks are inferred and marked filled;",
            "  frames with fewer than 8 joints have no estimate.",
            "--model diffusion: PoSynDA's multi-hypothesis diffusion lifter; the per-joint spread over the",
            "  hypotheses is written as each joint's uncertainty. --adapt first adapts it to the input's domain",
            "  (GPA-placed Human3.6M S1 source clips where the data is present, pseudo-labels from an EMA teacher,",
            "  LoRA rank 4 and a J×3 bias); --save-adapter keeps that adaptation for --adapter on other files of",
            "  the same domain. Without a known camera the principal point is the image centre, f = sqrt(w² + h²).",
            "Examples:",
            "  posetta lift S9_sh.npz -o S9_3d.npz",
            "  posetta lift openpose/ -o walk.bvh",
            "  posetta lift detections/ -o lifted/ --jobs 2   (every keypoint file of a folder)",
            "  posetta lift clip1.npz -o clip1-3d.npz --model diffusion --adapt --save-adapter gym.safetensors",
            "  posetta lift clip2.npz -o clip2-3d.npz --model diffusion --adapter gym.safetensors",
            ""})
final class LiftCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "A file (or folder) of 2D keypoints.")
    Path in;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "The 3D file to write.")
    Path out;

    @Option(names = "--model", defaultValue = "frame", paramLabel = "M", description = "frame or diffusion (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Weights from 'posetta train frame-lifter' or 'posetta train diffusion-lifter' instead of the shipped ones.")
    Path weights;

    @Option(names = "--adapt", description = "diffusion: adapt the lifter to this input first.")
    boolean adapt;

    @Option(names = "--save-adapter", paramLabel = "FILE", description = "diffusion: write the adaptation (needs --adapt).")
    Path saveAdapter;

    @Option(names = "--adapter", paramLabel = "FILE", description = "diffusion: use an adaptation written by --save-adapter.")
    Path adapter;

    @Option(names = "--adapt-steps", defaultValue = "20", description = "diffusion: adaptation steps (default: ${DEFAULT-VALUE}).")
    int adaptSteps;

    @Option(names = "--hypotheses", defaultValue = "5", description = "diffusion: hypotheses H (default: ${DEFAULT-VALUE}).")
    int hypotheses;

    @Option(names = "--aggregation", defaultValue = "joint", paramLabel = "A",
            description = "diffusion: joint (per-joint selection by reprojection) or mean (default: ${DEFAULT-VALUE}).")
    String aggregation;

    @Option(names = "--seed", defaultValue = "0", description = "diffusion: random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "F", description = "Output format; default: from OUT's extension.")
    String format;

    @Option(names = "--units", paramLabel = "U", description = "Length unit of BVH (cm, m; default cm) or TRC (mm, m; default mm).")
    String units;

    @Option(names = "--jobs", paramLabel = "N",
            description = "With a folder of keypoint files: files lifted at a time, each into OUT/NAME/lifted.npz (default: one per core).")
    Integer jobs;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        boolean diffusion = switch (model) {
            case "frame" -> false;
            case "diffusion" -> true;
            default -> throw new ParameterException(spec.commandLine(), "Unknown --model '" + model + "': use frame or diffusion.");
        };
        if (!diffusion && (adapt || adapter != null || saveAdapter != null)) {
            throw new ParameterException(spec.commandLine(), "--adapt, --adapter and --save-adapter need --model diffusion.");
        }
        if (saveAdapter != null && !adapt) {
            throw new ParameterException(spec.commandLine(), "--save-adapter needs --adapt.");
        }
        if (adapt && adapter != null) {
            throw new ParameterException(spec.commandLine(), "Give either --adapt or --adapter, not both.");
        }
        if (hypotheses < 1 || adaptSteps < 1) {
            throw new ParameterException(spec.commandLine(), "--hypotheses and --adapt-steps must be at least 1.");
        }
        DiffusionLifter.Aggregation agg = switch (aggregation) {
            case "joint" -> DiffusionLifter.Aggregation.JOINT;
            case "mean" -> DiffusionLifter.Aggregation.MEAN;
            default -> throw new ParameterException(spec.commandLine(), "Unknown --aggregation '" + aggregation + "': use joint or mean.");
        };
        if (FolderBatch.isFolderOfFiles(in)) {
            return FolderBatch.run(spec, in, Batch::isPoseFile, "keypoint files", out, jobs,
                    Batch.Action.of("lifted.npz", (file, folder) -> childArguments(file, folder.resolve("lifted.npz"))));
        }
        PoseFile data = input.read(in);
        if (data.keypoints().isEmpty()) {
            throw new PosettaException(in + " holds no 2D keypoints: give a 2D file (e.g. OpenPose JSON, COCO, MediaPipe, npz of 2D).");
        }
        Map<String, Motion3d> lifted = diffusion ? liftWithDiffusion(data, agg) : liftPerFrame(data);
        PoseFile result = new PoseFile(data.format(), lifted, Map.of()).withStep(Main.commandStep(spec));
        Formats.write(result, out, format, new WriteOptions(Optional.ofNullable(units), false));
        int frames = lifted.values().stream().mapToInt(Motion3d::frames).sum();
        spec.commandLine().getOut().println("lifted " + frames + " frames of " + lifted.size() + " sequence(s) with the "
                + model + " model" + (diffusion ? " (H = " + hypotheses + (adapt || adapter != null ? ", adapted" : "") + ")" : "")
                + "; wrote " + out);
        return 0;
    }

    /** This command for one file of a folder, with the same settings. */
    private List<String> childArguments(Path file, Path result) {
        List<String> a = new ArrayList<>(List.of("lift", file.toString(), "-o", result.toString(), "--model", model,
                "--hypotheses", String.valueOf(hypotheses), "--aggregation", aggregation, "--seed", String.valueOf(seed),
                "--adapt-steps", String.valueOf(adaptSteps)));
        if (weights != null) {
            a.addAll(List.of("--weights", weights.toString()));
        }
        if (adapter != null) {
            a.addAll(List.of("--adapter", adapter.toString()));
        }
        if (adapt) {
            a.add("--adapt");
        }
        return a;
    }

    private Map<String, Motion3d> liftPerFrame(PoseFile data) {
        Map<String, Motion3d> lifted = new LinkedHashMap<>();
        try (FrameLifterModel lifter = weights == null ? FrameLifterModel.shipped() : FrameLifterModel.load(weights)) {
            for (Map.Entry<String, Keypoints2d> e : data.keypoints().entrySet()) {
                lifted.put(e.getKey(), lifter.lift(e.getValue()));
            }
        }
        return lifted;
    }

    private Map<String, Motion3d> liftWithDiffusion(PoseFile data, DiffusionLifter.Aggregation agg) {
        PrintWriter log = spec.commandLine().getOut();
        DiffusionLifter.Sampling sampling = new DiffusionLifter.Sampling(hypotheses, 1, 1.0, agg, seed);
        Map<String, Motion3d> lifted = new LinkedHashMap<>();
        try (DiffusionLifter lifter = weights != null ? DiffusionLifter.load(weights) : DiffusionLifter.shipped("diffusion-lifter-s1")) {
            if (adapter != null) {
                Adapter.load(adapter, lifter.denoiser());
            }
            if (adapt) {
                List<PoseSequence> target = new ArrayList<>();
                data.keypoints().forEach((name, k) -> {
                    PoseSequence seq = PoseSequence.of(name, k, null);
                    target.add(seq.every(lifter.strideFor(seq), 0));
                });
                List<PoseSequence> source = sourceData();
                if (source.isEmpty()) {
                    log.println("Human3.6M not found: adapting with target pseudo-labels only (no source batches)");
                }
                Adaptation.Settings s = Adaptation.Settings.full(adaptSteps, 8, 5e-4, seed);
                Adaptation.adapt(lifter, source, target, s, line -> { });
                if (saveAdapter != null) {
                    try (Adapter a = Adapter.capture(lifter.denoiser(), s.rank())) {
                        a.save(saveAdapter, Map.of("adapted_to", in.toString(), "steps", adaptSteps, "seed", seed));
                    }
                    log.println("wrote adapter " + saveAdapter);
                }
            }
            for (Map.Entry<String, Keypoints2d> e : data.keypoints().entrySet()) {
                lifted.put(e.getKey(), lifter.lift(e.getValue(), null, sampling));
            }
        }
        return lifted;
    }

    /** Human3.6M S1 with ground-truth 2D at 10 fps, the source of adaptation, where the data is present. */
    private static List<PoseSequence> sourceData() {
        Optional<Path> h36m = Human36m.find();
        if (h36m.isEmpty()) {
            return List.of();
        }
        return PoseSequence.fromHuman36m(Human36m.load(h36m.get(), List.of("S1")), List.of("S1"), List.of(), 5, false);
    }
}
