package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end runs of {@code bin/posetta}. They need {@code target/posetta.jar} from {@code mvn
 * package} and are skipped where it is absent or older than the compiled classes (a stale jar
 * would test old code).
 */
class ScriptTest {
    private static final Path JAR = Path.of("target/posetta.jar");

    @BeforeAll
    static void needsAFreshJar() throws IOException {
        Path main = Path.of("target/classes/org/posetta/cli/Main.class");
        assumeTrue(Files.isRegularFile(JAR) && Files.getLastModifiedTime(JAR).compareTo(Files.getLastModifiedTime(main)) >= 0,
                "target/posetta.jar is absent or older than the classes: run 'mvn -DskipTests package' first");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run posetta(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bin/posetta"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        return new Run(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Run r = posetta("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("info", "convert", "export", "occlude", "eval", "demo");
    }

    @Test
    void theDemoRunsAndWritesItsFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Run r = posetta("demo", "-o", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("occluded (").contains("visible (");
        assertThat(out.resolve("metrics.json")).isRegularFile();
        assertThat(out.resolve("refined.npz")).isRegularFile();
        assertThat(out.resolve("semantic.npz")).isRegularFile();
        assertThat(out.resolve("lift.npz")).isRegularFile();
        assertThat(out.resolve("report.html")).isRegularFile();
    }

    @Test
    void aMissingFileIsOneSentenceAndExitOne(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nothing.npz");
        Run r = posetta("info", missing.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("posetta: ").contains(missing.toString()).doesNotContain("Exception");
    }
}
