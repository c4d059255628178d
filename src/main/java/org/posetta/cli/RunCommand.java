package org.posetta.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.posetta.pipeline.Progress;
import org.posetta.pipeline.VideoPipeline;
import org.posetta.video.PersonChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code posetta run VIDEO -o DIR}: video to 2D, 3D, adapted 3D, files and a report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Estimates the 2D and 3D pose of one person in a video, adapts the 3D and writes",
            "the results with report.html and a skeleton video.",
            "Examples:", "  posetta run clip.mp4 -o out/", "  posetta run clip.mp4 -o out/ --person 320,200", ""})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VIDEO", description = "The video to read (ffmpeg formats; H.264 MP4/MOV without ffmpeg).")
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

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Threads for BlazePose (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--no-video", description = "Do not write the skeleton video.")
    boolean noVideo;

    @Override
    public Integer call() {
        VideoPipeline.Options options = new VideoPipeline.Options(video, out, frames, allowPartial, PersonChoice.parse(person),
                focal, Math.max(1, threads), !noVideo);
        VideoPipeline.Result result = VideoPipeline.run(options, Progress.to(spec.commandLine().getErr()));
        spec.commandLine().getOut().println("wrote " + String.join(", ", result.files()) + " to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
