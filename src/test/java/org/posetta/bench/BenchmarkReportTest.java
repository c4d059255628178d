package org.posetta.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.metrics.PoseErrors;
import org.posetta.pose.PosettaException;

class BenchmarkReportTest {
    @TempDir
    Path dir;

    private static Map<String, Object> row(String method, String input, double mpjpe) {
        PoseErrors e = new PoseErrors(mpjpe, mpjpe / 2, Double.NaN, 3.0, Double.NaN, Double.NaN, Double.NaN, 100, 99, 98);
        return BenchmarkReport.row(method, input, e, 100, 2.0, false,
                Map.of("per_action", Map.of("Walking", Map.of("mpjpe_mm", mpjpe, "pa_mpjpe_mm", mpjpe / 2))));
    }

    @Test
    void writesJsonAndMarkdownInTheSharedSchema() throws Exception {
        BenchmarkReport r = new BenchmarkReport("h36m", "quick: S9", List.of(row("frame-lifter", "gt2d", 50)),
                BenchmarkReport.provenance("posetta bench h36m", 1, 0, Map.of("frame-lifter", "frame-lifter.safetensors")));
        r.write(dir, false);
        BenchmarkReport back = BenchmarkReport.read(dir.resolve("h36m.json"));
        Map<String, Object> row = back.rows().get(0);
        assertThat(row).containsKeys("method", "input", "mpjpe_mm", "pa_mpjpe_mm", "accel_mm", "frames", "seconds", "oracle", "run");
        assertThat(row.get("mpjpe_mm")).isEqualTo(50.0);
        assertThat(row.get("frames_per_second")).isEqualTo(50.0);
        assertThat(back.provenance()).containsKeys("commit", "command", "threads", "date", "models", "seed");
        assertThat(back.provenance().get("threads")).isEqualTo(1);
        String md = Files.readString(dir.resolve("h36m.md"));
        assertThat(md).contains("| frame-lifter | gt2d | 50.0 | 25.0 | 3.0 | 100 |").contains("| Walking | 50.0 / 25.0 |");
    }

    @Test
    void rowRunsMergeByMethodAndInput() {
        Map<String, Object> prov = BenchmarkReport.provenance("x", 1, 0, Map.of("a", "old-a", "b", "b"));
        new BenchmarkReport("h36m", "full", List.of(row("frame-lifter", "gt2d", 50), row("frame-lifter", "sh", 70)), prov)
                .write(dir, true);
        Map<String, Object> later = BenchmarkReport.provenance("y", 1, 0, Map.of("a", "new-a"));
        new BenchmarkReport("h36m", "full", List.of(row("frame-lifter", "sh", 65), row("refine", "sh", 60)), later).write(dir, true);
        BenchmarkReport merged = BenchmarkReport.read(dir.resolve("h36m.json"));
        assertThat(merged.rows()).extracting(r -> r.get("method") + "/" + r.get("input") + "=" + r.get("mpjpe_mm"))
                .containsExactly("frame-lifter/gt2d=50.0", "frame-lifter/sh=65.0", "refine/sh=60.0");
        assertThat(merged.provenance().get("command")).isEqualTo("y");
        assertThat(merged.provenance().get("models")).isEqualTo(Map.of("a", "new-a", "b", "b"));

        BenchmarkReport other = new BenchmarkReport("h36m", "quick", List.of(row("frame-lifter", "gt2d", 1)), prov);
        assertThatThrownBy(() -> other.write(dir, true)).isInstanceOf(PosettaException.class).hasMessageContaining("--out");
    }

    @Test
    void refusesRowsWithoutTheSchemaFields() {
        assertThatThrownBy(() -> new BenchmarkReport("h36m", "full", List.of(Map.of("method", "x")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=t", "-c",
                "user.email=t@t", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }

    @Test
    void theCommitIsDirtyForChangedCodeButNotForResultsWrittenByEarlierRows() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("src"));
        Files.createDirectories(repo.resolve("bench/results"));
        Files.writeString(repo.resolve("src/A.java"), "class A {}");
        Files.writeString(repo.resolve("bench/results/h36m.json"), "{}");
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "one");
        String head = BenchmarkReport.commit(repo);
        assertThat(head).matches("[0-9a-f]{12}");

        Files.writeString(repo.resolve("bench/results/h36m.json"), "{\"rows\": []}");
        assertThat(BenchmarkReport.commit(repo)).isEqualTo(head);

        Files.writeString(repo.resolve("src/A.java"), "class A { int x; }");
        assertThat(BenchmarkReport.commit(repo)).isEqualTo(head + "-dirty");
        assertThat(BenchmarkReport.commit(dir.resolve("not-a-repo"))).isEqualTo("unknown");
    }
}
