package org.posetta.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.posetta.pose.PosettaException;

/**
 * How many bytes of arrays one read of a NumPy file may decode: {@link #FILE_SIZE_MULTIPLE} times
 * the file's size (capped at {@link #DEFAULT_MAX_BYTES}), or {@link ReadOptions#maxArrayBytes()}
 * where the caller gives it. A few hundred bytes of zip entry or pickle can claim gigabytes (a
 * deflated run of zeros, an array header with a huge shape, one buffer referenced a thousand
 * times); this budget turns such files into a clear error before the memory is taken. Genuine
 * NumPy files decode to about their size, or a few times it when compressed. Not thread-safe: one
 * budget per read.
 */
final class ArrayBudget {
    /** Decoded bytes allowed per byte of file when the caller sets no limit. */
    static final long FILE_SIZE_MULTIPLE = 64;
    /** The most a read decodes when the caller sets no limit, whatever the file's size. */
    static final long DEFAULT_MAX_BYTES = 8L << 30;

    private final long limit;
    private final boolean fromOptions;
    private long left;

    private ArrayBudget(long limit, boolean fromOptions) {
        this.limit = limit;
        this.fromOptions = fromOptions;
        this.left = limit;
    }

    /** The budget for reading {@code file} with {@code options}. */
    static ArrayBudget forFile(Path file, ReadOptions options) {
        if (options.maxArrayBytes().isPresent()) {
            return new ArrayBudget(options.maxArrayBytes().get(), true);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new PosettaException(file + " could not be read (" + e.getMessage() + "): check that the file exists.", e);
        }
        return ofSourceBytes(size);
    }

    /** The default budget for {@code bytes} of input. */
    static ArrayBudget ofSourceBytes(long bytes) {
        long multiple = bytes > DEFAULT_MAX_BYTES / FILE_SIZE_MULTIPLE ? DEFAULT_MAX_BYTES : bytes * FILE_SIZE_MULTIPLE;
        return new ArrayBudget(Math.max(multiple, 1 << 16), false);
    }

    /** The limit in bytes. */
    long limit() {
        return limit;
    }

    /**
     * Takes {@code bytes} for an array about to be decoded from {@code source}.
     *
     * @throws PosettaException when the reads so far and this one exceed the limit
     */
    void take(long bytes, String source) {
        if (bytes > left) {
            throw exceeded(source, "its arrays need more than");
        }
        left -= bytes;
    }

    /**
     * {@code in}, failing once more than the limit has come out of it: a zip entry whose
     * uncompressed size is larger than anything this read may decode.
     */
    InputStream limit(InputStream in, String source) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > limit) {
                    throw exceeded(source, "it uncompresses to more than");
                }
            }
        };
    }

    /** Throws when a zip entry's stated uncompressed size is beyond the limit. */
    void checkEntrySize(long size, String source) {
        if (size > limit) {
            throw exceeded(source, "it claims " + size + " bytes uncompressed, more than");
        }
    }

    private PosettaException exceeded(String source, String what) {
        String remedy = fromOptions ? "raise ReadOptions.maxArrayBytes if the file is genuine."
                : "it is damaged or hostile; if it is genuine, read it with a larger ReadOptions.maxArrayBytes.";
        return new PosettaException(source + " is refused: " + what + " the " + limit + " bytes allowed"
                + (fromOptions ? "" : " (" + FILE_SIZE_MULTIPLE + " times the file size)") + "; " + remedy);
    }
}
