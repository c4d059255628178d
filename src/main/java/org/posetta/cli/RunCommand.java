package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.posetta.adapt.refine.Refiner;
import org.posetta.adapt.semantic.SemanticAdapter;
import org.posetta.io.Formats;
import org.posetta.pipeline.Adaptation;
import org.posetta.pipeline.Batch;
import org.posetta.pipeline.Progress;
import org.posetta.pipeline.VideoPipeline;
import org.posetta.pose.PosettaException;
import org.posetta.video.PersonChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code posetta run VIDEO -o DIR}: video to 2D, 3D, adapted 3D, files and a report; a folder of videos as a batch. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Estimates the 2D and 3D pose of one person in a video, adapts the 3D and",
            "writes the results with report.html and a skeleton video. Given a folder,",
            "processes every video in it into OUT/NAME/, --jobs at a time, skipping videos",
            "an earlier run finished, and writes OUT/summary.csv; a video that fails is",
            "reported and the others go on.",
            "Adapters (--adapters): semantic adapts the per-frame lifter to the video, guided by",
            "what the person does (--labels, else zero-shot labels); refine completes and smooths",
            "its 3D; lift adds a second 3D estimate with per-joint uncertainty (3d-lift.*).",
            "Examples:", "  posetta run clip.mp4 -o out/", "  posetta run clip.mp4 -o out/ --person 320,200",
            "  posetta run clip.mp4 -o out/ --adapters semantic,refine --labels labels.json",
            "  posetta run clip.mp4 -o out/ --format bvh", "  posetta run videos/ -o out/ --jobs 2", ""})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VIDEO|DIR",
            description = "The video to read (ffmpeg formats; H.264 MP4/MOV without ffmpeg), or a folder of videos.")
    Path video;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "The folder for the results.")
    Path out;

    @Option(names = "--person", paramLabel = "WHO", defaultValue = "largest",
            description = "Whom to follow: 'largest' or a pixel X,Y near the person in the first frame they appear (default: ${DEFAULT-VALUE}).")
    String person;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "0", description = "Read only the first N frames (default: all).")
    int frames;

    @Option(names = "--allow-partial", description = "Process the readable frames of a damaged or truncated video instead of failing.")
    boolean allowPartial;

    @Option(names = "--focal", paramLabel = "PX", defaultValue = "0",
            description = "Focal length in pixels (default: the image diagonal).")
    double focal;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Threads for BlazePose (default: ${DEFAULT-VALUE}; in a batch, the cores shared among the jobs).")
    int threads;

    @Option(names = "--no-video", description = "Do not write the skeleton video.")
    boolean noVideo;

    @Option(names = "--format", paramLabel = "F", split = ",",
            description = "Also write the adapted 3D as 3d-adapted.F in these formats, e.g. bvh,trc (npz and JSON always).")
    List<String> formats = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "For a folder: videos processed at once (default: one per core).")
    Integer jobs;

    @Option(names = "--adapters", paramLabel = "LIST", defaultValue = "lift,semantic,refine",
            description = "The adapters to run, comma-separated, from lift, semantic, refine; or none (default: ${DEFAULT-VALUE}).")
    String adapters;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "What the person does per frame, for semantic: {\"segments\": [{\"start\": 0, \"end\": 120, \"text\": \"a person walks\"}]} "
                    + "(frames, end exclusive); default: zero-shot labels from the motion-text space.")
    Path labels;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "13", description = "semantic: adaptation cycles (default: ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + Refiner.Options.DEFAULT_EPOCHS, description = "refine: test-time training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        for (String f : formats) {
            // a format that cannot be written fails now, not after the video is processed
            boolean writable;
            try {
                writable = Formats.byId(f).canWrite();
            } catch (PosettaException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (!writable) {
                throw new ParameterException(spec.commandLine(), "posetta reads " + f + " but does not write it: choose another --format.");
            }
        }
        Set<Adaptation.Adapter> selected;
        try {
            selected = Adaptation.Adapter.parse(adapters);
        } catch (PosettaException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (cycles < 1 || epochs < 0) {
            throw new ParameterException(spec.commandLine(), "--cycles must be at least 1 and --epochs at least 0.");
        }
        if (labels != null && !selected.contains(Adaptation.Adapter.SEMANTIC)) {
            throw new ParameterException(spec.commandLine(), "--labels guides the semantic adapter: add semantic to --adapters.");
        }
        if (labels != null && !Files.isRegularFile(labels)) {
            throw new PosettaException("The label file " + labels + " does not exist: give a JSON file such as "
                    + "{\"segments\": [{\"start\": 0, \"end\": 120, \"text\": \"a person walks\"}]}.");
        }
        if (Files.isDirectory(video)) {
            return batch();
        }
        Adaptation.Options adaptation = Adaptation.Options.defaults(0).withAdapters(selected)
                .withSemantic(SemanticAdapter.defaults(0).withCycles(cycles)).withRefine(Refiner.Options.DEFAULTS.withEpochs(epochs));
        VideoPipeline.Options options = new VideoPipeline.Options(video, out, frames, allowPartial, PersonChoice.parse(person),
                focal, Math.max(1, threads), !noVideo, formats, adaptation, labels, Main.commandStep(spec));
        VideoPipeline.Result result = VideoPipeline.run(options, Progress.to(spec.commandLine().getErr()));
        console.println("wrote " + String.join(", ", result.files()) + " to " + out);
        console.flush();
        return 0;
    }

    private int batch() {
        PersonChoice.parse(person); // a bad --person fails here, before any child starts
        int n = FolderBatch.jobs(spec, jobs);
        int perJob = spec.commandLine().getParseResult().hasMatchedOption("--threads") ? threads
                : Math.max(1, Runtime.getRuntime().availableProcessors() / n);
        Batch.Action action = Batch.Action.of("3d-adapted.npz", (input, folder) -> {
            List<String> a = new ArrayList<>(List.of("run", input.toString(), "-o", folder.toString(), "--person", person,
                    "--frames", String.valueOf(frames), "--focal", String.valueOf(focal), "--threads", String.valueOf(perJob)));
            if (allowPartial) {
                a.add("--allow-partial");
            }
            if (noVideo) {
                a.add("--no-video");
            }
            if (!formats.isEmpty()) {
                a.add("--format");
                a.add(String.join(",", formats));
            }
            a.addAll(List.of("--adapters", adapters, "--cycles", String.valueOf(cycles), "--epochs", String.valueOf(epochs)));
            if (labels != null) {
                a.addAll(List.of("--labels", labels.toString()));
            }
            return a;
        });
        return FolderBatch.run(spec, video, Batch::isVideo, "videos", out, n, action);
    }
}
