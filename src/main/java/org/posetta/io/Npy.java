package org.posetta.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.posetta.pose.PosettaException;

/**
 * NumPy's {@code .npy} file: the magic {@code \x93NUMPY}, a version, a little-endian header
 * length, a Python dict literal {@code {'descr': '<f4', 'fortran_order': False, 'shape': (T, J, 3), }}
 * padded with spaces to a multiple of 64 bytes, then the elements.
 *
 * <p>Reads little-endian C-order arrays of the dtypes in {@link NdArray.DType}; object arrays
 * ({@code '|O'}) are pickles, read by {@link NumpyPickle} with its allow-list. Big-endian data,
 * Fortran order, structured and other dtypes, and truncated files are refused with a
 * {@link PosettaException} that names the file. Writes version 1.0 headers, as
 * {@code np.save} does.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Reads the array in {@code file}, refusing one that decodes to more than 64 times the file's size. */
    public static NdArray read(Path file) {
        return read(file, ReadOptions.DEFAULTS);
    }

    /** Reads the array in {@code file} within the limit of {@link ReadOptions#maxArrayBytes()}. */
    public static NdArray read(Path file, ReadOptions options) {
        ArrayBudget budget = ArrayBudget.forFile(file, options);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString(), budget);
        } catch (IOException e) {
            throw new PosettaException(file + " could not be read (" + e.getMessage() + "): check that the file exists and is complete.", e);
        }
    }

    /** Writes {@code array} to {@code file} (not atomically; {@link Formats#write} moves a temporary file into place). */
    public static void write(Path file, NdArray array) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, array);
        }
    }

    /** True when {@code head} starts with the {@code .npy} magic. */
    static boolean hasMagic(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads one array from {@code in}, which should be buffered.
     *
     * @param source the file (and entry) named in error messages
     * @param budget what the arrays of this read may still decode to
     */
    static NdArray read(InputStream in, String source, ArrayBudget budget) throws IOException {
        byte[] pre = in.readNBytes(8);
        if (pre.length < 8 || !hasMagic(pre)) {
            throw new PosettaException(source + " is not a NumPy .npy array (no \\x93NUMPY magic): give an array saved with np.save.");
        }
        int major = pre[6] & 0xFF;
        int headerLength;
        if (major == 1) {
            byte[] n = readFully(in, 2, source);
            headerLength = (n[0] & 0xFF) | (n[1] & 0xFF) << 8;
        } else if (major == 2 || major == 3) {
            byte[] n = readFully(in, 4, source);
            headerLength = (n[0] & 0xFF) | (n[1] & 0xFF) << 8 | (n[2] & 0xFF) << 16 | (n[3] & 0xFF) << 24;
            if (headerLength < 0) {
                throw new PosettaException(source + " has a corrupt .npy header length: check that the file is complete.");
            }
        } else {
            throw new PosettaException(source + " is .npy format version " + major + ", which posetta does not read: save it with a current NumPy.");
        }
        String header = new String(readFully(in, headerLength, source), StandardCharsets.UTF_8);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find()) {
            throw new PosettaException(source + " has a structured or unreadable dtype (" + header.trim()
                    + "): save a plain numeric array.");
        }
        if (!fortran.find() || !shapeText.find()) {
            throw new PosettaException(source + " has a corrupt .npy header: check that the file is complete.");
        }
        if (fortran.group(1).equals("True")) {
            throw new PosettaException(source + " stores its array in Fortran order: save it with np.save(np.ascontiguousarray(a)).");
        }
        int[] shape = parseShape(shapeText.group(1), source);
        String d = descr.group(1);
        char order = d.isEmpty() ? '|' : d.charAt(0);
        String code = !d.isEmpty() && "<>|=".indexOf(order) >= 0 ? d.substring(1) : d;
        NdArray.DType dtype = NdArray.DType.ofCode(code);
        if (dtype == null) {
            throw new PosettaException(source + " has dtype '" + d + "', which posetta does not read: save it as float32, float64,"
                    + " int8..int64, uint8, bool or string.");
        }
        int itemSize = itemSize(dtype, code);
        if (order == '>' && itemSize > 1 && dtype != NdArray.DType.BYTES) {
            throw new PosettaException(source + " is big-endian ('" + d + "'): save it little-endian with a.astype(a.dtype.newbyteorder('<')).");
        }
        long elements = NdArray.elements(shape);
        if (elements > Integer.MAX_VALUE) {
            throw new PosettaException(source + " has an array shape (" + shapeText.group(1).trim() + ") of more than 2^31 elements,"
                    + " more than posetta reads in one array: check that the file is not damaged, or split the array.");
        }
        if (dtype == NdArray.DType.OBJECT) {
            return readObjectArray(in, shape, source, budget);
        }
        long bytes = elements * itemSize;
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new PosettaException(source + " holds " + bytes + " bytes, more than posetta reads in one array: split it into smaller files.");
        }
        budget.take(bytes, source);
        // readNBytes grows its buffer with the data that really arrives, so a lying header costs nothing
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw new PosettaException(source + " is truncated: its " + d + " array of shape (" + shapeText.group(1).trim() + ") needs "
                    + bytes + " bytes but only " + data.length + " are there; check that the file is complete.");
        }
        return NdArray.fromBytes(dtype, shape, itemSize, data);
    }

    /** Writes {@code array} as a version 1.0 {@code .npy} stream. */
    static void write(OutputStream out, NdArray array) throws IOException {
        if (array.dtype() == NdArray.DType.OBJECT) {
            throw new IllegalArgumentException("posetta does not write object arrays");
        }
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < array.rank(); i++) {
            shape.append(array.dim(i)).append(array.rank() == 1 ? "," : i + 1 < array.rank() ? ", " : "");
        }
        shape.append(')');
        String dict = "{'descr': '" + array.descr() + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        out.write(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xFF);
        out.write(header.length() >>> 8);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(array.littleEndianBytes());
    }

    private static NdArray readObjectArray(InputStream in, int[] shape, String source, ArrayBudget budget) throws IOException {
        Object loaded = NumpyPickle.load(in, source, budget);
        if (!(loaded instanceof NdArray a) || !a.hasShape(shape)) {
            throw new PosettaException(source + " holds a pickle that is not the object array its header announces: save it again with np.save.");
        }
        return a;
    }

    private static int itemSize(NdArray.DType dtype, String code) {
        return switch (dtype) {
            case UNICODE -> 4 * Integer.parseInt(code.substring(1));
            case BYTES -> Integer.parseInt(code.substring(1));
            case OBJECT -> 0;
            default -> Integer.parseInt(code.substring(1));
        };
    }

    private static int[] parseShape(String text, String source) {
        String[] parts = text.split(",");
        int n = 0;
        int[] shape = new int[parts.length];
        for (String p : parts) {
            String t = p.trim().replace("L", "");
            if (t.isEmpty()) {
                continue;
            }
            try {
                shape[n++] = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new PosettaException(source + " has a corrupt .npy shape (" + text + "): check that the file is complete.", e);
            }
            if (shape[n - 1] < 0) {
                throw new PosettaException(source + " has a negative extent in its shape (" + text + "): check that the file is complete.");
            }
        }
        return Arrays.copyOf(shape, n);
    }

    private static byte[] readFully(InputStream in, int n, String source) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new PosettaException(source + " is truncated inside its .npy header: check that the file is complete.");
        }
        return b;
    }
}
