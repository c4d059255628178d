package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.bench.BenchmarkReport;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;

class BenchH36mCommandTest {
    @TempDir
    Path dir;

    @Test
    void refineRowsScoreThePriorOnTheLiftersEstimateFromTheDetections() throws Exception {
        Assumptions.assumeTrue(Human36m.find().isPresent(), "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        Cli r = Cli.run("bench", "h36m", "--quick", "--rows", "sh,refine", "--epochs", "1", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        BenchmarkReport report = BenchmarkReport.read(dir.resolve("h36m.json"));
        assertThat(report.rows()).extracting(row -> row.get("method") + " " + row.get("input"))
                .containsExactly("frame-lifter sh", "refine sh");
        Map<String, Object> lifter = report.rows().get(0);
        Map<String, Object> refine = report.rows().get(1);
        assertThat(refine.get("frames")).isEqualTo(lifter.get("frames"));
        assertThat(((Number) refine.get("seconds_per_243")).doubleValue()).isPositive();
        assertThat(refine.get("test_time").toString()).contains("epochs=1");
        // the prior smooths: whatever it does to MPJPE, the acceleration error falls well below the lifter's
        assertThat(((Number) refine.get("accel_mm")).doubleValue()).isLessThan(0.5 * ((Number) lifter.get("accel_mm")).doubleValue());
        assertThat(report.provenance().get("models").toString()).contains("prior");
    }

    @Test
    void anUnknownRowIsRefusedBeforeAnythingIsLoadedOrWritten() {
        Cli r = Cli.run("bench", "h36m", "--rows", "sh,refined", "--out", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("refined").contains("prior-no-ttt, refine");
        assertThat(dir.resolve("h36m.json")).doesNotExist();
    }

    @Test
    void aRunOnATrainingSubjectIsLabelledValidation() throws Exception {
        Assumptions.assumeTrue(Human36m.find().isPresent(), "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        Cli r = Cli.run("bench", "h36m", "--quick", "--subjects", "S8", "--rows", "sh", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(BenchmarkReport.read(dir.resolve("h36m.json")).subset()).startsWith("quick: S8, ");
        r = Cli.run("bench", "h36m", "--subjects", "S8", "--cameras", "60457274", "--rows", "sh", "--out", dir.resolve("v").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(BenchmarkReport.read(dir.resolve("v").resolve("h36m.json")).subset())
                .isEqualTo("validation: S8, every frame (50 fps), cameras 60457274");
        r = Cli.run("bench", "h36m", "--subjects", "S8", "--cameras", "12345678", "--rows", "sh", "--out", dir.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("12345678");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
