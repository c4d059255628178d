package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.ReadOptions;
import org.posetta.pose.Motion3d;

class AdaptCommandTest {
    @TempDir
    Path dir;

    /** 2.4 s at 50 fps: long enough for one 2-second segment of the motion-text space. */
    private Path keypoints() {
        Path in = dir.resolve("k.npz");
        Formats.write(PoseFile.of("npz", "k", LiftCommandTest.standing(120)), in, "npz");
        return in;
    }

    @Test
    void cycleAdaptAloneAdaptsEverySequenceAndPrintsItsLosses() {
        Path out = dir.resolve("adapted.npz");
        Cli r = Cli.run("adapt", keypoints().toString(), "-o", out.toString(), "--no-text", "--cycles", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("lifter loss").contains("(cycle 2)").contains("wrote");
        Motion3d m = Formats.read(out, ReadOptions.DEFAULTS).motions().values().iterator().next();
        assertThat(m.frames()).isEqualTo(120);
        assertThat(m.invalidCount()).isZero();
        assertThat(m.provenance().toString()).contains("CycleAdapt").contains("posetta adapt");
    }

    @Test
    void labelsFromAFileGuideTheAdaptation() throws IOException {
        Path labels = Files.writeString(dir.resolve("labels.json"),
                "{\"segments\": [{\"start\": 0, \"end\": 120, \"text\": \"a person stands still\"}]}");
        Path out = dir.resolve("adapted.json");
        Cli r = Cli.run("adapt", keypoints().toString(), "-o", out.toString(), "--labels", labels.toString(), "--cycles", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("labels from " + labels).contains("motion-text cos");
        assertThat(Files.exists(out)).isTrue();
    }

    @Test
    void aBadLabelFileIsNamedAndNothingIsWritten() throws IOException {
        Path labels = Files.writeString(dir.resolve("labels.json"),
                "[{\"start\": 0, \"end\": 40, \"text\": \"a person walks\"}, {\"start\": 30, \"end\": 120, \"text\": \"a person runs\"}]");
        Path out = dir.resolve("adapted.npz");
        Cli r = Cli.run("adapt", keypoints().toString(), "-o", out.toString(), "--labels", labels.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains(labels.toString()).contains("overlaps");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void zeroCyclesIsRefused() {
        Cli r = Cli.run("adapt", keypoints().toString(), "-o", dir.resolve("a.npz").toString(), "--cycles", "0");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--cycles");
    }
}
