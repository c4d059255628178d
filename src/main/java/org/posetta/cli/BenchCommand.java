package org.posetta.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code posetta bench NAME}: reproduces a benchmark table; each protocol is a sub-command. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs a benchmark protocol and writes bench/results/NAME.json and NAME.md.", ""},
        subcommands = {BenchH36mCommand.class, BenchOccludedCommand.class, BenchCrossDomainCommand.class,
            BenchSemanticCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name the benchmark to run, e.g. 'posetta bench h36m --quick'.");
    }
}
