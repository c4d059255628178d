package org.posetta.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.posetta.pose.PosettaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code posetta} command. Each sub-command parses its options, calls the API and prints;
 * errors a user can fix are printed as one sentence without a stack trace. Exit codes: 0 success,
 * 2 usage error, 1 anything else.
 */
@Command(name = "posetta", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "3D human pose from video or keypoint files, kept right under occlusion, domain shift and depth ambiguity.",
        subcommands = {RunCommand.class, InfoCommand.class, ConvertCommand.class, OccludeCommand.class, EvalCommand.class,
            DemoCommand.class, LiftCommand.class, RefineCommand.class, AdaptCommand.class, BenchCommand.class, TrainCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line in-process and returns its exit code (used by the tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof PosettaException) {
                err.println("posetta: " + ex.getMessage());
            } else {
                err.println("posetta: internal error: " + ex);
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return 2;
        });
        cl.setExitCodeExceptionMapper(ex -> ex instanceof CommandLine.ParameterException ? 2 : 1);
        return cl;
    }

    /** The provenance step that records the command line that wrote an output. */
    static Map<String, Object> commandStep(CommandLine.Model.CommandSpec spec) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", "command");
        step.put("command", "posetta " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()));
        step.put("version", new Version().getVersion()[0]);
        return step;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
