package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.posetta.demo.Demo;
import org.posetta.metrics.PoseErrors;
import org.posetta.pipeline.Adaptation;
import org.posetta.pipeline.Progress;
import org.posetta.pose.PosettaException;
import org.posetta.report.StageTiming;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code posetta demo}: the pipeline on the bundled clip. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline on the bundled clip; needs no dataset.",
            "DeepMimic's humanoid3d_long_walk1 (MIT) is filmed at 30 fps by a camera 5 m",
            "away; its 2D gets detector noise and whole-person occlusion (1.6 s in every",
            "3.2 s); the shipped per-frame lifter turns the 2D into 3D, semantic adapts it",
            "to the clip (zero-shot labels) and refine (STRIDE test-time training) completes",
            "and smooths it; lift gives a second 3D estimate with per-joint uncertainty",
            "(not adapted: that needs Human3.6M). Each stage, and linear interpolation as",
            "the baseline, is scored against the clean motion on",
            "all, occluded and visible frames; report.html shows the result.",
            "Examples:", "  posetta demo -o posetta-demo", "  posetta demo --adapters semantic,refine --cycles 6", ""})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, defaultValue = "posetta-demo", paramLabel = "DIR",
            description = "Folder for the outputs (default: ${DEFAULT-VALUE}).")
    Path folder;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--adapters", paramLabel = "LIST",
            description = "The adapters to run, comma-separated, from lift, semantic, refine; or none (default: lift,semantic,refine).")
    String adapters;

    @Option(names = "--cycles", paramLabel = "N", description = "semantic: adaptation cycles (default: 13).")
    Integer cycles;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Adaptation.Options stages = Demo.defaults(seed);
        if (adapters != null) {
            try {
                stages = stages.withAdapters(Adaptation.Adapter.parse(adapters));
            } catch (PosettaException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (cycles != null) {
            if (cycles < 1) {
                throw new ParameterException(spec.commandLine(), "--cycles must be at least 1, got " + cycles + ".");
            }
            stages = stages.withSemantic(stages.semantic().withCycles(cycles));
        }
        Demo.Result r = Demo.run(folder, seed, stages, Progress.to(spec.commandLine().getErr()));
        out.printf(Locale.ROOT, "clip %s: %d frames at %.0f fps; %d frames occluded (seed %d)%n", Demo.CLIP, r.frames(),
                r.fps(), r.occludedFrameCount(), seed);
        out.println("each stage against the clean motion (h36m17, root-relative):");
        out.printf(Locale.ROOT, "  %-28s %8s %9s %8s %9s %8s %8s %7s%n", "stage, frames", "MPJPE", "PA-MPJPE", "N-MPJPE",
                "MPJVE", "Accel", "PCK150", "AUC");
        for (Demo.Score s : r.scores()) {
            out.println(row(s.stage() + (s.occluded() == null ? ", visible" : ", all"), s.all()));
            if (s.occluded() != null) {
                out.println(row(s.stage() + ", occluded", s.occluded()));
                out.println(row(s.stage() + ", visible", s.visible()));
            }
        }
        out.println("  (errors in mm, MPJVE in mm/frame, Accel in mm/frame², PCK and AUC in %;");
        out.println("   the per-frame lifter and lift have no estimate on occluded frames)");
        for (StageTiming t : r.timings()) {
            out.printf(Locale.ROOT, "%s: %.1f s (%s)%n", t.stage(), t.seconds(), t.note());
        }
        out.println("wrote " + String.join(", ", r.files().stream().map(Path::toString).toList()));
        return 0;
    }

    private static String row(String name, PoseErrors e) {
        return String.format(Locale.ROOT, "  %-28s %8.1f %9.1f %8.1f %9.2f %8.2f %8.1f %7.1f", name + " (" + e.frames() + ")",
                e.mpjpeMm(), e.paMpjpeMm(), e.nMpjpeMm(), e.mpjveMm(), e.accelMm(), e.pck150(), e.auc());
    }
}
