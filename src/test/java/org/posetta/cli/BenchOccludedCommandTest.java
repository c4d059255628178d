package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.bench.BenchmarkReport;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;

class BenchOccludedCommandTest {
    @TempDir
    Path dir;

    @Test
    void quickRunWritesTheSchemaAndTimesThePerFrameLifter() throws Exception {
        Assumptions.assumeTrue(Human36m.find().isPresent(), "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        Cli r = Cli.run("bench", "occluded-h36m", "--quick", "--rows", "per-frame,interpolation", "--inputs", "whole-body",
                "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        BenchmarkReport report = BenchmarkReport.read(dir.resolve("occluded-h36m.json"));
        assertThat(report.subset()).startsWith("quick: ");
        assertThat(report.rows()).extracting(row -> row.get("method")).containsExactly("per-frame", "interpolation");
        Map<String, Object> perFrame = report.rows().get(0);
        Map<String, Object> interpolation = report.rows().get(1);
        // The per-frame row pays for the lifter; the others are timed on top of its estimate.
        assertThat(((Number) perFrame.get("seconds")).doubleValue()).isPositive();
        assertThat(perFrame.get("occluded_mpjpe_mm")).isNull();
        assertThat(((Number) perFrame.get("frames")).longValue()).isLessThan(((Number) interpolation.get("frames")).longValue());
        assertThat(((Number) interpolation.get("occluded_mpjpe_mm")).doubleValue())
                .isGreaterThan(((Number) interpolation.get("visible_mpjpe_mm")).doubleValue());
        assertThat(Files.readString(dir.resolve("occluded-h36m.md"))).contains("| interpolation | whole-body |");
    }

    @Test
    void aRunOnATrainingSubjectIsLabelledValidation() throws Exception {
        Assumptions.assumeTrue(Human36m.find().isPresent(), "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        Cli r = Cli.run("bench", "occluded-h36m", "--subjects", "S8", "--cameras", "60457274", "--sequences", "1",
                "--max-frames", "40", "--rows", "interpolation", "--inputs", "whole-body", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        BenchmarkReport report = BenchmarkReport.read(dir.resolve("occluded-h36m.json"));
        assertThat(report.subset()).startsWith("validation: S8, 10 fps, cameras 60457274, first 1 sequences per subject");
        assertThat(((Number) report.rows().get(0).get("frames")).longValue()).isEqualTo(40);
    }

    @Test
    void anUnknownSubjectIsRefusedWithoutWritingResults() {
        Assumptions.assumeTrue(Human36m.find().isPresent(), "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        Cli r = Cli.run("bench", "occluded-h36m", "--subjects", "S99", "--rows", "interpolation", "--out", dir.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("S99");
        assertThat(dir.resolve("occluded-h36m.json")).doesNotExist();
    }

    @Test
    void aGapWeightOrMaskShareOutsideZeroToOneIsRefusedWithoutWritingResults() {
        Assumptions.assumeTrue(Human36m.find().isPresent(), "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        for (String[] option : new String[][] {{"--gap-weight", "1.5"}, {"--gap-weight", "NaN"}, {"--mask-share", "-1"}}) {
            Cli r = Cli.run("bench", "occluded-h36m", "--quick", option[0], option[1], "--rows", "refine", "--out", dir.toString());
            assertThat(r.exit()).as(option[0] + " " + option[1]).isNotZero();
            assertThat(r.err()).contains(option[0]).contains("from 0 to 1");
            assertThat(dir.resolve("occluded-h36m.json")).doesNotExist();
        }
    }
}
