package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.posetta.simulate.BodyPartOcclusion;
import org.posetta.simulate.Corruption;
import org.posetta.simulate.DetectorNoise;
import org.posetta.simulate.DutyCycle;
import org.posetta.simulate.LimbGroup;
import org.posetta.simulate.RandomMask;
import org.posetta.simulate.Truncation;
import org.posetta.simulate.WholePersonOcclusion;
import picocli.CommandLine;

class OccludeCommandTest {
    private static Corruption parse(String... options) {
        CommandLine cl = Main.commandLine();
        String[] args = new String[options.length + 4];
        args[0] = "occlude";
        args[1] = "in.npz";
        args[2] = "-o";
        args[3] = "out.npz";
        System.arraycopy(options, 0, args, 4, options.length);
        CommandLine.ParseResult r = cl.parseArgs(args);
        return ((OccludeCommand) r.subcommand().commandSpec().userObject()).corruption();
    }

    @Test
    void defaultsAreTheApisDefaults() {
        assertThat(parse()).isEqualTo(new WholePersonOcclusion(DutyCycle.OCCLUDED_H36M));
        assertThat(parse("--mode", "mask")).isEqualTo(RandomMask.MOTIONBERT);
        assertThat(parse("--mode", "noise")).isEqualTo(DetectorNoise.DEFAULT);
        assertThat(parse("--mode", "part")).isEqualTo(BodyPartOcclusion.anyPart(DutyCycle.OCCLUDED_H36M));
    }

    @Test
    void optionsReachTheSimulator() {
        assertThat(parse("--mode", "part", "--part", "left_arm,legs", "--duration", "1", "--period", "4"))
                .isEqualTo(new BodyPartOcclusion(new DutyCycle(1, 4), List.of(LimbGroup.LEFT_ARM, LimbGroup.LEGS)));
        assertThat(parse("--mode", "truncate", "--edge", "LEFT", "--fraction", "0.3", "--duration", "2", "--period", "2"))
                .isEqualTo(new Truncation(Truncation.Edge.LEFT, 0.3, new DutyCycle(2, 2)));
    }

    @Test
    void badSettingsAreUsageErrors() {
        Cli longer = Cli.run("occlude", "in.npz", "-o", "out.npz", "--duration", "5");
        assertThat(longer.exit()).isEqualTo(2);
        assertThat(longer.err()).contains("duration");
        Cli mode = Cli.run("occlude", "in.npz", "-o", "out.npz", "--mode", "blur");
        assertThat(mode.exit()).isEqualTo(2);
        assertThat(mode.err()).contains("blur");
        assertThat(Cli.run("occlude", "in.npz", "-o", "out.npz", "--mode", "part", "--part", "tail").exit()).isEqualTo(2);
        assertThat(Cli.run("occlude", "in.npz").exit()).isEqualTo(2);
    }
}
