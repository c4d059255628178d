package org.posetta.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.posetta.pose.PosettaException;

/**
 * Writes an output file, or a folder of outputs, through a temporary name in the same folder and
 * moves it into place at the end, so that a failure half-way leaves nothing behind and readers
 * never see a partial result. The temporary file or folder is a {@link TemporaryFiles} entry:
 * Ctrl-C removes it, and a write after a hard kill removes what the killed one left.
 */
public final class AtomicOutput {
    /** Writes the content to a given temporary path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path tmp) throws IOException;
    }

    /** Fills a given temporary folder with the outputs and returns what the caller wants to know about them. */
    @FunctionalInterface
    public interface FolderWriter<T> {
        T writeInto(Path folder) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicOutput() {
    }

    public static void write(Path out, Writer writer) {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PosettaException("Cannot create the folder " + dir + " for " + out + ": choose a writable location.", e);
        }
        if (Files.isDirectory(target)) {
            throw new PosettaException(out + " is a folder: give a file name for the output.");
        }
        TemporaryFiles.removeLeftovers(target, ".*.part");
        Path tmp;
        try {
            // createFile, not createTempFile: the output keeps the permissions the user's umask gives
            tmp = Files.createFile(dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".part"));
        } catch (IOException e) {
            throw new PosettaException("Cannot write " + out + " (" + e.getMessage() + "): choose a writable location.", e);
        }
        TemporaryFiles.register(tmp);
        try {
            writer.writeTo(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new PosettaException("Cannot write " + out + " (" + e.getMessage() + "): choose a writable location with free space.", e);
        } finally {
            TemporaryFiles.release(tmp);
        }
    }

    /**
     * Writes a folder of outputs: {@code writer} fills a hidden folder beside {@code out}
     * ({@code .NAME.part-*}), which then becomes {@code out} in one rename where {@code out} is
     * new, or whose files replace their namesakes in an existing {@code out}. On a failure the
     * hidden folder is removed and {@code out} is as it was. Checks that {@code out} can be
     * written before any work is done.
     *
     * @return what {@code writer} returned
     */
    public static <T> T folder(Path out, FolderWriter<T> writer) {
        Path staging = staging(out);
        try {
            T result;
            try {
                result = writer.writeInto(staging);
            } catch (IOException e) {
                throw new PosettaException("Cannot write results to " + out + " (" + e.getMessage()
                        + "): choose a folder you can write to, with free space.", e);
            }
            publish(staging, out);
            return result;
        } finally {
            TemporaryFiles.release(staging);
        }
    }

    /** True for the hidden folders that {@link #folder} writes beside {@code out} while it works. */
    public static boolean isStagingOf(Path candidate, Path out) {
        String name = candidate.getFileName().toString();
        return name.startsWith("." + out.toAbsolutePath().normalize().getFileName() + ".part-");
    }

    /** A new hidden folder beside {@code out}, after checking that {@code out} can be written. */
    private static Path staging(Path out) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new PosettaException(out + " exists and is not a folder: give a folder for the results.");
        }
        if (Files.isDirectory(target) && !Files.isWritable(target)) {
            throw new PosettaException("Cannot write results to " + out + " (the folder is not writable): choose a folder you can write to.");
        }
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
            TemporaryFiles.removeLeftovers(target, ".part-*");
            Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".part-");
            TemporaryFiles.register(staging);
            return staging;
        } catch (IOException | SecurityException e) {
            throw new PosettaException("Cannot write results to " + out + " (" + e.getMessage()
                    + "): choose a folder you can write to.", e);
        }
    }

    /** Moves every file of {@code staging} into {@code out}: the folder itself where {@code out} is new. */
    private static void publish(Path staging, Path out) {
        Path target = out.toAbsolutePath().normalize();
        try {
            readableByAll(staging);
            if (!Files.exists(target)) {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            if (!Files.isWritable(target)) {
                throw new IOException("the folder is not writable");
            }
            List<Path> staged;
            try (Stream<Path> files = Files.list(staging)) {
                staged = files.toList();
            }
            // refuse before moving anything, so the existing folder is never left half-updated
            for (Path f : staged) {
                if (Files.isDirectory(target.resolve(f.getFileName()))) {
                    throw new IOException(target.resolve(f.getFileName()) + " is a folder where a result file belongs");
                }
            }
            for (Path f : staged) {
                Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new PosettaException("Cannot write results to " + out + " (" + e.getMessage()
                    + "): choose a folder you can write to.", e);
        }
    }

    /** Temporary folders are private to their owner; results are ordinary files and folders. */
    private static void readableByAll(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (!Files.isDirectory(f)) {
                        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: permissions follow the folder's defaults
        }
    }
}
