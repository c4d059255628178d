package org.posetta.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code posetta train NAME}: reproduces a shipped model; each model is a sub-command. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a model that posetta ships, reproducing its weights and card.", ""},
        subcommands = {TrainFrameLifterCommand.class, TrainPriorCommand.class, TrainDiffusionLifterCommand.class,
            TrainMotionTextCommand.class, TrainMotionDenoiserCommand.class})
final class TrainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name the model to train, e.g. 'posetta train frame-lifter'.");
    }
}
