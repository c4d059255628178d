package org.posetta.io;

import java.io.IOException;
import java.nio.file.Path;

/** One file format: how to recognise, read and (where supported) write it. */
public interface PoseFormat {
    /** Short id used by {@code --in-format} and {@code --format}, e.g. {@code npz}, {@code bvh}. */
    String id();

    /** One line for help texts. */
    String description();

    /**
     * True when this format claims the file, judged by its name and its first bytes (up to 512;
     * fewer for short files). For folders, {@code head} is empty.
     */
    boolean recognises(Path path, byte[] head);

    /** Reads the file; user-caused problems are {@link org.posetta.pose.PosettaException}s naming the file. */
    PoseFile read(Path path, ReadOptions options) throws IOException;

    /** True when {@link #write} is supported. */
    default boolean canWrite() {
        return false;
    }

    /**
     * Writes {@code data} to {@code out}, which is a temporary file that {@link Formats#write}
     * moves into place afterwards.
     */
    default void write(PoseFile data, Path out) throws IOException {
        throw new UnsupportedOperationException(id() + " is read-only");
    }

    /**
     * Writes {@code data} as {@link #write(PoseFile, Path)} does, with the unit and mode that
     * {@code options} choose where this format has them; formats without such choices ignore them.
     */
    default void write(PoseFile data, Path out, WriteOptions options) throws IOException {
        write(data, out);
    }
}
