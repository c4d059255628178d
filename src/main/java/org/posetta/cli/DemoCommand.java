package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.posetta.demo.Demo;
import org.posetta.metrics.PoseErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code posetta demo}: the pipeline on the bundled clip. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline on the bundled clip; needs no dataset.",
            "DeepMimic's humanoid3d_long_walk1 (MIT) is filmed by a camera 5 m away; its",
            "2D gets detector noise and whole-person occlusion (1.6 s in every 3.2 s); a",
            "per-frame 3D estimate is made from the noisy 2D at the true depth, its gaps",
            "are filled by linear interpolation, and the result is scored against the",
            "clean motion on all, occluded and visible frames.",
            "Example:", "  posetta demo -o posetta-demo", ""})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, defaultValue = "posetta-demo", paramLabel = "DIR",
            description = "Folder for the outputs (default: ${DEFAULT-VALUE}).")
    Path folder;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        Demo.Result r = Demo.run(folder, seed);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "clip %s: %d frames at %.0f fps; %d frames occluded (seed %d)%n", Demo.CLIP, r.frames(),
                r.fps(), r.occludedFrameCount(), seed);
        out.println("filled estimate vs clean motion (h36m17, root-relative):");
        out.printf(Locale.ROOT, "  %-16s %8s %9s %8s %9s %8s %8s %7s%n", "frames", "MPJPE", "PA-MPJPE", "N-MPJPE", "MPJVE",
                "Accel", "PCK150", "AUC");
        out.println(row("all", r.all()));
        out.println(row("occluded", r.occluded()));
        out.println(row("visible", r.visible()));
        out.println("  (errors in mm, MPJVE in mm/frame, Accel in mm/frame², PCK and AUC in %)");
        out.println("wrote " + String.join(", ", r.files().stream().map(Path::toString).toList()));
        return 0;
    }

    private static String row(String name, PoseErrors e) {
        return String.format(Locale.ROOT, "  %-16s %8.1f %9.1f %8.1f %9.2f %8.2f %8.1f %7.1f", name + " (" + e.frames() + ")",
                e.mpjpeMm(), e.paMpjpeMm(), e.nMpjpeMm(), e.mpjveMm(), e.accelMm(), e.pck150(), e.auc());
    }
}
