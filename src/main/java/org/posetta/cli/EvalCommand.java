package org.posetta.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.posetta.io.Formats;
import org.posetta.io.ReadOptions;
import org.posetta.metrics.EvalOptions;
import org.posetta.metrics.FileEvaluation;
import org.posetta.metrics.JointSet;
import org.posetta.metrics.PoseErrors;
import org.posetta.pose.Layout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code posetta eval --pred P --gt G}: the protocol metrics of a 3D prediction. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Scores a 3D prediction against ground truth with the protocol metrics.",
            "Sequences pair by name (or one each), are mapped to h36m17 and compared frame by",
            "frame, root-relative at the pelvis; a frame counts where it is valid in both.",
            "MPJPE, PA-MPJPE (Procrustes), N-MPJPE (scale) in mm; MPJVE in mm/frame;",
            "Accel in mm/frame² at the data's rate; PCK@150 mm and its AUC in percent.",
            "Example:", "  posetta eval --pred refined.npz --gt truth.npz --json", ""})
final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--pred", required = true, paramLabel = "P", description = "The predicted 3D file.")
    Path prediction;

    @Option(names = "--gt", required = true, paramLabel = "G", description = "The ground-truth 3D file.")
    Path groundTruth;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--joints", defaultValue = "17", paramLabel = "N", converter = Converters.JointSetConverter.class,
            description = "17 (all of h36m17) or 14 (without pelvis, spine and neck) (default: ${DEFAULT-VALUE}).")
    JointSet joints;

    @Option(names = "--pred-format", paramLabel = "F", description = "Read P as format F instead of recognising it.")
    String predictionFormat;

    @Option(names = "--gt-format", paramLabel = "F", description = "Read G as format F instead of recognising it.")
    String groundTruthFormat;

    @Option(names = "--in-layout", paramLabel = "L", converter = Converters.LayoutConverter.class,
            description = "Joint layout of inputs that store bare arrays (e.g. h36m17).")
    Layout layout;

    @Override
    public Integer call() throws JsonProcessingException {
        ReadOptions options = layout == null ? ReadOptions.DEFAULTS : ReadOptions.DEFAULTS.withLayout(layout);
        FileEvaluation.Result r = FileEvaluation.evaluate(Formats.read(prediction, options, predictionFormat),
                prediction.toString(), Formats.read(groundTruth, options, groundTruthFormat), groundTruth.toString(),
                EvalOptions.DEFAULT.withJointSet(joints));
        PrintWriter out = spec.commandLine().getOut();
        PoseErrors e = r.pooled();
        if (json) {
            out.println(JSON.writeValueAsString(e.toJsonMap()));
            return 0;
        }
        int n = r.perSequence().size();
        out.printf(Locale.ROOT, "%s vs %s: %d sequence%s, %d joints%n", prediction, groundTruth, n, n == 1 ? "" : "s",
                joints == JointSet.ALL ? 17 : 14);
        out.printf(Locale.ROOT, "frames counted: %d of %d (valid in both)%n", e.frames(), r.frames());
        out.println(row("MPJPE", e.mpjpeMm(), "mm"));
        out.println(row("PA-MPJPE", e.paMpjpeMm(), "mm"));
        out.println(row("N-MPJPE", e.nMpjpeMm(), "mm"));
        out.println(row("MPJVE", e.mpjveMm(), "mm/frame"));
        out.println(row("Accel", e.accelMm(), "mm/frame²"));
        out.println(row("PCK@150", e.pck150(), "%"));
        out.println(row("AUC", e.auc(), "%"));
        return 0;
    }

    private static String row(String name, double value, String unit) {
        return String.format(Locale.ROOT, "%-9s %s", name, Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f %s", value, unit));
    }
}
