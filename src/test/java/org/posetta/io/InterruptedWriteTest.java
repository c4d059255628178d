package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM killed while it writes an output: the output never appears half-written, Ctrl-C or
 * SIGTERM leaves no temporary file, and after SIGKILL the next write of the output cleans up.
 */
class InterruptedWriteTest {
    @TempDir
    Path dir;

    /** Writes half of an output to its temporary file, says so, and waits to be killed. */
    public static void main(String[] args) throws Exception {
        AtomicOutput.write(Paths.get(args[0]), tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(new byte[1 << 20]);
                out.flush();
                System.out.println("writing");
                System.out.flush();
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void sigtermMidWriteLeavesNothing() throws Exception {
        Path out = dir.resolve("poses.npz");
        Process child = writeUntilKilled(out);
        child.destroy();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).doesNotExist();
        assertThat(listing()).isEmpty();
    }

    @Test
    void afterSigkillTheOutputIsAbsentAndTheNextWriteCleansUp() throws Exception {
        Path out = dir.resolve("poses.npz");
        Process child = writeUntilKilled(out);
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).doesNotExist();
        assertThat(listing()).singleElement().asString().startsWith(".poses.npz.").endsWith(".part");
        AtomicOutput.write(out, tmp -> Files.writeString(tmp, "complete"));
        assertThat(out).hasContent("complete");
        assertThat(listing()).containsExactly("poses.npz");
    }

    private Process writeUntilKilled(Path out) throws IOException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                InterruptedWriteTest.class.getName(), out.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("writing");
        assertThat(out).doesNotExist();
        return child;
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
