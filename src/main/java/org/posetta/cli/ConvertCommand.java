package org.posetta.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.WriteOptions;
import org.posetta.pose.Layout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code posetta convert IN OUT} (or {@code posetta export IN -o OUT}): reads any format, writes another. */
@Command(name = "convert", aliases = "export", mixinStandardHelpOptions = true,
        description = {"Converts a pose file to another format and, optionally, joint layout.",
            "Examples:", "  posetta convert walk.bvh walk.npz --layout h36m17", "  posetta export S9.npz -o S9.csv", ""})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The file to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", arity = "0..1", description = "The file to write (or give it with -o).")
    Path outArgument;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "The file to write.")
    Path outOption;

    @Option(names = "--layout", paramLabel = "L", converter = Converters.LayoutConverter.class,
            description = "Map every sequence to this joint layout (e.g. h36m17); default: keep the input's.")
    Layout layout;

    @Option(names = "--format", paramLabel = "F", description = "Output format; default: from OUT's extension.")
    String format;

    @Option(names = "--units", paramLabel = "U", description = "Length unit of BVH (cm, m; default cm) or TRC (mm, m; default mm).")
    String units;

    @Option(names = "--exact", description = "BVH: per-joint translation channels, so positions are reproduced exactly.")
    boolean exact;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        if ((outArgument == null) == (outOption == null)) {
            throw new ParameterException(spec.commandLine(), "Give the output file once, either as OUT or with -o.");
        }
        Path out = outArgument != null ? outArgument : outOption;
        PoseFile data = input.read(in);
        if (layout != null) {
            data = data.mapped(layout);
        }
        WriteOptions options = new WriteOptions(Optional.ofNullable(units), exact);
        Formats.write(data.withStep(Main.commandStep(spec)), out, format, options);
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}
