package org.posetta.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An n-dimensional array as NumPy stores it: a dtype, a shape and C-order (row-major) elements.
 * Numeric, boolean and string elements are kept as their little-endian bytes, object elements
 * (from pickles) as Java objects. Immutable: arrays are copied in and out.
 *
 * <p>Pickled objects arrive as Java values: {@code str} as {@link String}, {@code int} as
 * {@link Integer}/{@link Long}/{@link java.math.BigInteger}, {@code float} as {@link Double},
 * NumPy scalars as {@link Double}, {@link Long} or {@link Boolean}, lists as {@link List}, tuples
 * as {@code Object[]}, dicts as insertion-ordered {@link java.util.Map}s and arrays as
 * {@code NdArray}.
 */
public final class NdArray {
    /** The element types posetta reads and writes. */
    public enum DType {
        BOOL('b', 1), INT8('i', 1), UINT8('u', 1), INT16('i', 2), INT32('i', 4), INT64('i', 8),
        FLOAT32('f', 4), FLOAT64('f', 8),
        /** NumPy {@code U}: fixed-length UTF-32LE strings, 4 bytes per character. */
        UNICODE('U', 4),
        /** NumPy {@code S}: fixed-length byte strings, read as UTF-8. */
        BYTES('S', 1),
        /** NumPy {@code O}: pickled Python objects. */
        OBJECT('O', 0);

        private final char kind;
        private final int unit;

        DType(char kind, int unit) {
            this.kind = kind;
            this.unit = unit;
        }

        boolean isString() {
            return this == UNICODE || this == BYTES;
        }

        boolean isNumeric() {
            return kind == 'i' || kind == 'u' || kind == 'f' || kind == 'b';
        }

        /**
         * The dtype of a NumPy type code without byte order ({@code f4}, {@code i8}, {@code b1},
         * {@code U12}, {@code O8}), or null when posetta does not support it.
         */
        static DType ofCode(String code) {
            if (code.isEmpty()) {
                return null;
            }
            char kind = code.charAt(0);
            String size = code.substring(1);
            boolean digits = size.chars().allMatch(Character::isDigit);
            if (kind == 'O') {
                return digits ? OBJECT : null;
            }
            if (kind == 'U' || kind == 'S') {
                return digits && !size.isEmpty() && size.length() < 9 ? (kind == 'U' ? UNICODE : BYTES) : null;
            }
            for (DType d : values()) {
                if (d.kind == kind && !d.isString() && d != OBJECT && size.equals(Integer.toString(d.unit))) {
                    return d;
                }
            }
            return null;
        }

        /** The NumPy descriptor, little-endian where byte order matters, e.g. {@code <f4}. */
        String descr(int itemSize) {
            return switch (this) {
                case BOOL -> "|b1";
                case INT8 -> "|i1";
                case UINT8 -> "|u1";
                case UNICODE -> "<U" + itemSize / 4;
                case BYTES -> "|S" + itemSize;
                case OBJECT -> "|O";
                default -> "<" + kind + unit;
            };
        }
    }

    private final DType dtype;
    private final int[] shape;
    private final int size;
    private final int itemSize;
    private final byte[] data;
    private final Object[] objects;

    private NdArray(DType dtype, int[] shape, int itemSize, byte[] data, Object[] objects) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.size = elementCount(shape);
        this.itemSize = itemSize;
        this.data = data;
        this.objects = objects;
    }

    /**
     * Wraps little-endian C-order bytes, without copying (the reader hands over its buffer).
     *
     * @throws IllegalArgumentException when the byte count does not match the shape
     */
    static NdArray fromBytes(DType dtype, int[] shape, int itemSize, byte[] littleEndian) {
        long expected = (long) elementCount(shape) * itemSize;
        if (littleEndian.length != expected) {
            throw new IllegalArgumentException(littleEndian.length + " bytes for " + expected + " expected");
        }
        return new NdArray(dtype, shape, itemSize, littleEndian, null);
    }

    /** Wraps pickled elements in C order, without copying. */
    static NdArray fromObjects(int[] shape, Object[] elements) {
        if (elements.length != elementCount(shape)) {
            throw new IllegalArgumentException(elements.length + " objects for shape " + Arrays.toString(shape));
        }
        return new NdArray(DType.OBJECT, shape, 0, null, elements);
    }

    public static NdArray of(float[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 4, shape);
        b.asFloatBuffer().put(values);
        return new NdArray(DType.FLOAT32, shape, 4, b.array(), null);
    }

    public static NdArray of(double[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 8, shape);
        b.asDoubleBuffer().put(values);
        return new NdArray(DType.FLOAT64, shape, 8, b.array(), null);
    }

    public static NdArray of(int[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 4, shape);
        b.asIntBuffer().put(values);
        return new NdArray(DType.INT32, shape, 4, b.array(), null);
    }

    public static NdArray of(long[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 8, shape);
        b.asLongBuffer().put(values);
        return new NdArray(DType.INT64, shape, 8, b.array(), null);
    }

    public static NdArray of(boolean[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 1, shape);
        for (boolean v : values) {
            b.put((byte) (v ? 1 : 0));
        }
        return new NdArray(DType.BOOL, shape, 1, b.array(), null);
    }

    /** Raw bytes as {@code int8} or {@code uint8}. */
    public static NdArray of(DType byteType, byte[] values, int... shape) {
        if (byteType != DType.INT8 && byteType != DType.UINT8) {
            throw new IllegalArgumentException("byte arrays are int8 or uint8, not " + byteType);
        }
        ByteBuffer b = allocate(values.length, 1, shape);
        b.put(values);
        return new NdArray(byteType, shape, 1, b.array(), null);
    }

    /** A 0-d float64 array. */
    public static NdArray scalar(double value) {
        return of(new double[] {value});
    }

    /** A 0-d NumPy unicode ({@code <U}) array, what {@code np.savez(..., name='text')} writes. */
    public static NdArray string(String value) {
        int[] cps = value.codePoints().toArray();
        ByteBuffer b = ByteBuffer.allocate(Math.max(cps.length, 1) * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(cps);
        return new NdArray(DType.UNICODE, new int[0], b.capacity(), b.array(), null);
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Extent of axis {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Number of elements (1 for a 0-d array). */
    public int size() {
        return size;
    }

    /** Bytes per element; 0 for object arrays. */
    public int itemSize() {
        return itemSize;
    }

    /** True when the shape is exactly {@code expected}; -1 matches any extent. */
    public boolean hasShape(int... expected) {
        if (expected.length != shape.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] >= 0 && expected[i] != shape[i]) {
                return false;
            }
        }
        return true;
    }

    /** The shape as NumPy prints it, e.g. {@code (5, 17, 3)}. */
    public String shapeString() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return s.append(')').toString();
    }

    /** All elements as float32, converting from any numeric or boolean dtype. */
    public float[] toFloats() {
        ByteBuffer b = numericBuffer();
        float[] out = new float[size];
        switch (dtype) {
            case FLOAT32 -> b.asFloatBuffer().get(out);
            case FLOAT64 -> {
                for (int i = 0; i < size; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
            }
            default -> {
                long[] l = toLongs();
                for (int i = 0; i < size; i++) {
                    out[i] = l[i];
                }
            }
        }
        return out;
    }

    /** All elements as float64, converting from any numeric or boolean dtype. */
    public double[] toDoubles() {
        ByteBuffer b = numericBuffer();
        double[] out = new double[size];
        switch (dtype) {
            case FLOAT64 -> b.asDoubleBuffer().get(out);
            case FLOAT32 -> {
                for (int i = 0; i < size; i++) {
                    out[i] = b.getFloat(i * 4);
                }
            }
            default -> {
                long[] l = toLongs();
                for (int i = 0; i < size; i++) {
                    out[i] = l[i];
                }
            }
        }
        return out;
    }

    /** All elements as int64; floating-point values are truncated toward zero. */
    public long[] toLongs() {
        ByteBuffer b = numericBuffer();
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = switch (dtype) {
                case BOOL, INT8 -> b.get(i);
                case UINT8 -> b.get(i) & 0xFF;
                case INT16 -> b.getShort(i * 2);
                case INT32 -> b.getInt(i * 4);
                case INT64 -> b.getLong(i * 8);
                case FLOAT32 -> (long) b.getFloat(i * 4);
                default -> (long) b.getDouble(i * 8);
            };
        }
        return out;
    }

    /** All elements as booleans: non-zero is true. */
    public boolean[] toBooleans() {
        boolean[] out = new boolean[size];
        if (dtype == DType.BOOL || dtype == DType.INT8 || dtype == DType.UINT8) {
            for (int i = 0; i < size; i++) {
                out[i] = data[i] != 0;
            }
        } else {
            double[] d = toDoubles();
            for (int i = 0; i < size; i++) {
                out[i] = d[i] != 0;
            }
        }
        return out;
    }

    /**
     * The text of a string array of one element ({@code U} or {@code S}, trailing NULs removed),
     * or of a 1-d {@code uint8}/{@code int8} array read as UTF-8 bytes.
     *
     * @throws IllegalStateException for other dtypes or shapes
     */
    public String toText() {
        if (dtype.isString() && size == 1) {
            return decodeString(0);
        }
        if ((dtype == DType.UINT8 || dtype == DType.INT8) && rank() == 1) {
            return new String(data, StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("a " + dtype + " array of shape " + shapeString() + " is not text");
    }

    /** The elements of a string array. */
    public List<String> toStrings() {
        if (!dtype.isString()) {
            throw new IllegalStateException(dtype + " array is not a string array");
        }
        String[] out = new String[size];
        for (int i = 0; i < size; i++) {
            out[i] = decodeString(i);
        }
        return List.of(out);
    }

    /** The elements of an object array, in C order. */
    public List<Object> objects() {
        if (dtype != DType.OBJECT) {
            throw new IllegalStateException(dtype + " array is not an object array");
        }
        return Collections.unmodifiableList(Arrays.asList(objects));
    }

    /** The single element of an object array (a pickled dict is stored as a 0-d one). */
    public Object item() {
        if (dtype != DType.OBJECT || size != 1) {
            throw new IllegalStateException("item() needs an object array with one element, not " + dtype + " " + shapeString());
        }
        return objects[0];
    }

    /** A copy of the little-endian element bytes (what an {@code .npy} file stores after its header). */
    byte[] littleEndianBytes() {
        if (dtype == DType.OBJECT) {
            throw new IllegalStateException("object arrays have no raw bytes");
        }
        return data.clone();
    }

    /** The NumPy descriptor of this array's dtype, e.g. {@code <f4}. */
    String descr() {
        return dtype.descr(itemSize);
    }

    /** Same dtype, shape and elements; NaNs compare equal bit for bit. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray a && a.dtype == dtype && a.itemSize == itemSize && Arrays.equals(a.shape, shape)
                && Arrays.equals(a.data, data) && Arrays.deepEquals(a.objects, objects);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NdArray[" + descr() + " " + shapeString() + "]";
    }

    private String decodeString(int i) {
        int from = i * itemSize;
        int to = from + itemSize;
        if (dtype == DType.UNICODE) {
            ByteBuffer b = ByteBuffer.wrap(data, from, itemSize).order(ByteOrder.LITTLE_ENDIAN);
            StringBuilder s = new StringBuilder();
            while (b.remaining() >= 4) {
                int cp = b.getInt();
                if (cp == 0) {
                    break;
                }
                s.appendCodePoint(cp);
            }
            return s.toString();
        }
        int end = from;
        while (end < to && data[end] != 0) {
            end++;
        }
        return new String(data, from, end - from, StandardCharsets.UTF_8);
    }

    private ByteBuffer numericBuffer() {
        if (!dtype.isNumeric()) {
            throw new IllegalStateException(dtype + " array is not numeric");
        }
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer allocate(int count, int itemSize, int[] shape) {
        if (count != elementCount(shape)) {
            throw new IllegalArgumentException(count + " values for shape " + Arrays.toString(shape));
        }
        return ByteBuffer.allocate(count * itemSize).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int elementCount(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
            }
        }
        long n = elements(shape);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("more than 2^31 elements in shape " + Arrays.toString(shape));
        }
        return (int) n;
    }

    /**
     * The element count of {@code shape} (non-negative extents), or {@link Long#MAX_VALUE} when it
     * does not fit a long: a file's header can claim any shape, and an overflowed product could
     * otherwise come out small and match a short buffer.
     */
    static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        for (int d : shape) {
            n = n > Long.MAX_VALUE / Math.max(d, 1) ? Long.MAX_VALUE : n * d;
        }
        return n;
    }
}
