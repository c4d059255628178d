package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void helpListsTheCommands() {
        Cli r = Cli.run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("info", "convert", "export", "occlude", "eval", "demo");
    }

    @Test
    void everyCommandHasHelp() {
        for (var command : Main.commandLine().getSubcommands().entrySet()) {
            Cli r = Cli.run(command.getKey(), "--help");
            assertThat(r.exit()).as(command.getKey()).isZero();
            assertThat(r.out()).as(command.getKey()).contains("Usage: posetta " + command.getValue().getCommandName());
        }
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageError() {
        Cli r = Cli.run("frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("frobnicate").contains("--help");
        assertThat(Cli.run("info", "--colour", "x.npz").exit()).isEqualTo(2);
    }
}
