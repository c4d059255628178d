package org.posetta.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;
import org.posetta.pose.PosettaException;

/**
 * Puts fuzzer bytes where a reader looks for them. Each thread gets its own folder (on
 * {@code /dev/shm} where there is one, since the fuzzer writes a file per execution), emptied
 * before every input; the folder is removed when the JVM exits.
 */
public final class FuzzInputs {
    private static final ThreadLocal<Path> DIR = ThreadLocal.withInitial(FuzzInputs::newDir);

    private FuzzInputs() {
    }

    /** An empty folder of this thread's own. */
    public static Path emptyDir() {
        Path dir = DIR.get();
        clear(dir);
        return dir;
    }

    /** Writes {@code bytes} to {@code relative} under a freshly emptied folder. */
    public static Path file(String relative, byte[] bytes) {
        return write(emptyDir().resolve(relative), bytes);
    }

    /** Writes {@code bytes} to {@code file}, creating its folders. */
    public static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a resource of the main code (e.g. the bundled DeepMimic character) to {@code file}. */
    public static Path resource(String name, Path file) {
        try (InputStream in = FuzzInputs.class.getResourceAsStream(name)) {
            return write(file, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code file} as {@code format} through {@link Formats#read}: the reader may return or
     * throw a {@link PosettaException} with a message; anything else propagates and is a finding.
     */
    public static void read(Path file, String format) {
        expectPosettaOrNothing(() -> Formats.read(file, ReadOptions.DEFAULTS, format));
    }

    /** Runs {@code reader}; a {@link PosettaException} must name what went wrong. */
    public static void expectPosettaOrNothing(Runnable reader) {
        try {
            reader.run();
        } catch (PosettaException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("PosettaException without a message", e);
            }
        }
    }

    private static Path newDir() {
        Path shm = Paths.get("/dev/shm");
        try {
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "posetta-fuzz")
                    : Files.createTempDirectory("posetta-fuzz");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                clear(dir);
                dir.toFile().delete();
            }));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void clear(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
