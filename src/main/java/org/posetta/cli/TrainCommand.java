package org.posetta.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code posetta train NAME}: reproduces a shipped model. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a shipped model from the data (see each model's card).", ""},
        subcommands = {TrainPriorCommand.class})
final class TrainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
