package org.posetta.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.posetta.pose.PosettaException;

/**
 * Writes an output through a temporary file in the same folder and moves it into place, so that
 * a failure half-way leaves nothing behind and readers never see a partial file. The temporary
 * file is a {@link TemporaryFiles} entry: Ctrl-C removes it, and a write after a hard kill removes
 * what the killed one left.
 */
public final class AtomicOutput {
    /** Writes the content to a given temporary path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path tmp) throws IOException;
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

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
}
