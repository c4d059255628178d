package org.posetta.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import org.posetta.pose.PosettaException;

/**
 * Reads the pickles inside NumPy object arrays ({@code np.save(..., allow_pickle=True)}), e.g. the
 * dicts of arrays of the Human3.6M dataset files. Python 2 (protocol 2, {@code str} as latin-1
 * bytes) and Python 3 (protocols 2–5) pickles are read.
 *
 * <p>A pickle names the callables that rebuild its objects ("globals"). Only this allow-list is
 * honoured, and each entry is a Java function here, so a pickle can never run code:
 * <ul>
 *   <li>{@code numpy.core.multiarray._reconstruct} and {@code numpy._core.multiarray._reconstruct}
 *       with {@code numpy.ndarray}: an array, whose state (version, shape, dtype, Fortran flag,
 *       bytes or element list) arrives through BUILD;</li>
 *   <li>{@code numpy.core.numeric._frombuffer} and {@code numpy._core.numeric._frombuffer}: an
 *       array from an in-band buffer (protocol 5);</li>
 *   <li>{@code numpy.dtype}: a dtype, byte order from its BUILD state;</li>
 *   <li>{@code numpy.core.multiarray.scalar} and {@code numpy._core.multiarray.scalar}: a NumPy
 *       scalar, returned as {@link Double}, {@link Long}, {@link Boolean} or {@link String};</li>
 *   <li>{@code _codecs.encode}: how Python 3 writes {@code bytes} at protocol 2 or lower.</li>
 * </ul>
 * Any other global, and the INST opcode, are refused with a {@link PosettaException}. Dicts keep
 * their order. See {@link NdArray} for how Python values appear in Java.
 *
 * <p>Nor can a pickle exhaust memory or the stack: strings and bytes are read as far as the data
 * really goes rather than allocated at the length the pickle states, decoded arrays draw on an
 * {@link ArrayBudget}, shapes whose element count overflows are refused, containers may nest at
 * most {@value #MAX_DEPTH} deep, and dict keys and set members must be hashable as in Python (a
 * list as a key, possibly containing itself, would recurse without end in {@code hashCode}).
 */
final class NumpyPickle extends Unpickler {
    private static final Map<String, Global> ALLOWED = Map.of(
            "numpy.core.multiarray._reconstruct", Global.RECONSTRUCT,
            "numpy._core.multiarray._reconstruct", Global.RECONSTRUCT,
            "numpy.ndarray", Global.NDARRAY,
            "numpy.core.numeric._frombuffer", Global.FROMBUFFER,
            "numpy._core.numeric._frombuffer", Global.FROMBUFFER,
            "numpy.dtype", Global.DTYPE,
            "numpy.core.multiarray.scalar", Global.SCALAR,
            "numpy._core.multiarray.scalar", Global.SCALAR,
            "_codecs.encode", Global.ENCODE);

    private enum Global { RECONSTRUCT, NDARRAY, FROMBUFFER, DTYPE, SCALAR, ENCODE }

    /** Deeper than any dataset file nests (VideoPose3D's are four deep), far from the stack's limit. */
    static final int MAX_DEPTH = 100;

    private final String source;
    private final ArrayBudget budget;

    private NumpyPickle(String source, ArrayBudget budget) {
        this.source = source;
        this.budget = budget;
    }

    /**
     * Reads one pickle from {@code in} (which should be buffered).
     *
     * @param source the file (and entry) named in error messages
     * @param budget what the arrays of this read may still decode to
     */
    static Object load(InputStream in, String source, ArrayBudget budget) throws IOException {
        NumpyPickle p = new NumpyPickle(source, budget);
        try {
            return p.resolve(p.load(in), new IdentityHashMap<>(), 0);
        } catch (PosettaException e) {
            throw e;
        } catch (IOException e) {
            throw new PosettaException(source + " holds an incomplete pickle (" + e.getMessage() + "): check that the file is complete.", e);
        } catch (RuntimeException e) {
            throw new PosettaException(source + " holds a pickle posetta cannot read (" + e + "): save it again with NumPy.", e);
        } finally {
            p.memo.clear();
        }
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(global(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(global(String.valueOf(module), String.valueOf(name)));
            }
            case Opcodes.INST -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                throw refused(module + "." + name);
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                if (target instanceof ArrayBuilder a) {
                    a.build(state);
                } else if (target instanceof DTypeBuilder d) {
                    d.build(state);
                } else {
                    throw new PickleException("BUILD on " + (target == null ? "None" : target.getClass().getSimpleName()));
                }
            }
            // razorvine allocates what a length prefix states before reading; these read what is there
            case Opcodes.BINBYTES -> stack.add(payload(length(4)));
            case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> stack.add(payload(length(8)));
            case Opcodes.BINUNICODE -> stack.add(new String(payload(length(4)), StandardCharsets.UTF_8));
            case Opcodes.BINUNICODE8 -> stack.add(new String(payload(length(8)), StandardCharsets.UTF_8));
            case Opcodes.BINSTRING -> stack.add(PickleUtils.rawStringFromBytes(payload(length(4))));
            case Opcodes.LONG4 -> stack.add(PickleUtils.decode_long(payload(length(4))));
            case Opcodes.SETITEM -> {
                Object value = stack.pop();
                Object k = hashable(stack.pop());
                @SuppressWarnings("unchecked")
                Map<Object, Object> map = (Map<Object, Object>) stack.peek();
                map.put(k, value);
            }
            case Opcodes.ADDITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Set<Object> set = (Set<Object>) stack.peek();
                items.forEach(i -> set.add(hashable(i)));
            }
            case Opcodes.FROZENSET -> {
                Set<Object> set = new LinkedHashSet<>();
                stack.pop_all_since_marker().forEach(i -> set.add(hashable(i)));
                stack.add(set);
            }
            // razorvine builds dicts as HashMaps; Python dicts keep insertion order, and so do these
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                putPairs(stack.pop_all_since_marker(), map);
                stack.add(map);
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Map<Object, Object> map = (Map<Object, Object>) stack.peek();
                putPairs(items, map);
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    private static void putPairs(List<Object> keysAndValues, Map<Object, Object> map) {
        for (int i = 0; i + 1 < keysAndValues.size(); i += 2) {
            map.put(hashable(keysAndValues.get(i)), keysAndValues.get(i + 1));
        }
    }

    /** Python refuses lists, dicts and sets as keys; Java would hash them by content, recursively. */
    private static Object hashable(Object key) {
        if (key instanceof List || key instanceof Map || key instanceof Set) {
            throw new PickleException("unhashable " + key.getClass().getSimpleName() + " used as a dict key or set member");
        }
        return key;
    }

    /** A little-endian unsigned length prefix of {@code n} bytes. */
    private long length(int n) throws IOException {
        byte[] b = input.readNBytes(n);
        if (b.length < n) {
            throw new IOException("pickle ends inside a length");
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xFF);
        }
        return v;
    }

    /** The next {@code n} bytes, read as far as they really go (readNBytes grows its buffer with the data). */
    private byte[] payload(long n) throws IOException {
        if (n < 0 || n > Integer.MAX_VALUE - 16) {
            throw new IOException("pickle states a length of " + Long.toUnsignedString(n) + " bytes");
        }
        byte[] b = input.readNBytes((int) n);
        if (b.length < n) {
            throw new IOException("pickle states " + n + " bytes but ends after " + b.length);
        }
        return b;
    }
    private IObjectConstructor global(String module, String name) {
        Global g = ALLOWED.get(module + "." + name);
        if (g == null) {
            throw refused(module + "." + name);
        }
        return switch (g) {
            case RECONSTRUCT -> args -> new ArrayBuilder();
            case NDARRAY -> args -> {
                throw new PickleException("numpy.ndarray called directly");
            };
            case FROMBUFFER -> args -> fromBuffer(args);
            case DTYPE -> args -> new DTypeBuilder(String.valueOf(args[0]));
            case SCALAR -> args -> scalar(args);
            case ENCODE -> args -> encode(args);
        };
    }

    private PosettaException refused(String global) {
        return new PosettaException(source + " holds a pickle that calls " + global
                + ", which posetta refuses (it reads only NumPy arrays, dtypes and scalars, lists, dicts and plain values):"
                + " save the data as plain arrays or from NumPy without custom objects.");
    }

    /** {@code _frombuffer(buffer, dtype, shape, order)}: NumPy's protocol-5 array reduction. */
    private NdArray fromBuffer(Object[] args) {
        DTypeBuilder dtype = (DTypeBuilder) args[1];
        int[] shape = shape(args[2]);
        if ("F".equals(args[3]) && shape.length > 1) {
            throw fortranOrder(source);
        }
        return dtype.array(shape, bytes(args[0]));
    }

    private Object scalar(Object[] args) {
        DTypeBuilder dtype = (DTypeBuilder) args[0];
        if (dtype.dtype() == NdArray.DType.OBJECT) {
            return args[1];
        }
        NdArray a = dtype.array(new int[0], bytes(args[1]));
        return switch (a.dtype()) {
            case FLOAT32, FLOAT64 -> a.toDoubles()[0];
            case BOOL -> a.toBooleans()[0];
            case UNICODE, BYTES -> a.toText();
            default -> a.toLongs()[0];
        };
    }

    private static byte[] encode(Object[] args) {
        String text = (String) args[0];
        String encoding = args.length > 1 ? String.valueOf(args[1]) : "utf-8";
        try {
            return text.getBytes(encoding.equals("latin1") ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new PickleException("unknown encoding " + encoding);
        }
    }

    private static PosettaException fortranOrder(String source) {
        return new PosettaException(source + " holds an array in Fortran order: save it with np.ascontiguousarray(a).");
    }

    /** Python 3 bytes arrive as {@code byte[]}, Python 2 {@code str} as a latin-1 {@link String}. */
    private static byte[] bytes(Object o) {
        if (o instanceof byte[] b) {
            return b;
        }
        if (o instanceof String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new PickleException("expected bytes, got " + (o == null ? "None" : o.getClass().getSimpleName()));
    }

    /** An array shape; one whose element count passes 2^31 (possibly overflowing a long) is refused. */
    private int[] shape(Object o) {
        Object[] dims = (Object[]) o;
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = Math.toIntExact(((Number) dims[i]).longValue());
            if (shape[i] < 0) {
                throw new PickleException("negative extent in array shape");
            }
        }
        if (NdArray.elements(shape) > Integer.MAX_VALUE) {
            throw new PosettaException(source + " holds a pickled array of shape " + Arrays.toString(shape)
                    + ", more than 2^31 elements: check that the file is not damaged, or split the array.");
        }
        return shape;
    }

    /** Replaces builders by what they built and makes containers read-only, keeping shared and cyclic references. */
    private Object resolve(Object o, IdentityHashMap<Object, Object> done, int depth) {
        if (o instanceof ArrayBuilder a) {
            return a.result();
        }
        if (o instanceof DTypeBuilder d) {
            return d.code;
        }
        if (!(o instanceof Map || o instanceof List || o instanceof Set || o instanceof Object[])) {
            return o;
        }
        Object seen = done.get(o);
        if (seen != null) {
            return seen;
        }
        if (depth >= MAX_DEPTH) {
            throw new PosettaException(source + " holds a pickle whose lists, dicts and tuples nest more than " + MAX_DEPTH
                    + " deep, which no pose dataset does: check that the file is not damaged or hostile.");
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            Map<Object, Object> view = Collections.unmodifiableMap(copy);
            done.put(o, view);
            m.forEach((k, v) -> copy.put(resolve(k, done, depth + 1), resolve(v, done, depth + 1)));
            return view;
        }
        if (o instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            List<Object> view = Collections.unmodifiableList(copy);
            done.put(o, view);
            for (Object e : l) {
                copy.add(resolve(e, done, depth + 1));
            }
            return view;
        }
        if (o instanceof Set<?> s) {
            Set<Object> copy = new LinkedHashSet<>();
            Set<Object> view = Collections.unmodifiableSet(copy);
            done.put(o, view);
            for (Object e : s) {
                copy.add(resolve(e, done, depth + 1));
            }
            return view;
        }
        Object[] t = (Object[]) o;
        Object[] copy = new Object[t.length];
        done.put(o, copy);
        for (int i = 0; i < t.length; i++) {
            copy[i] = resolve(t[i], done, depth + 1);
        }
        return copy;
    }

    /** {@code numpy.dtype(code, align, copy)}; its BUILD state carries the byte order. */
    private final class DTypeBuilder {
        private final String code;
        private char byteOrder = '|';

        DTypeBuilder(String code) {
            this.code = code;
        }

        void build(Object state) {
            Object[] s = (Object[]) state;
            byteOrder = String.valueOf(s[1]).charAt(0);
            if (s.length > 4 && (s[3] != null || s[4] != null)) {
                throw new PosettaException(source + " holds an array with a structured dtype, which posetta does not read:"
                        + " save plain numeric arrays.");
            }
        }

        NdArray.DType dtype() {
            NdArray.DType d = NdArray.DType.ofCode(code);
            if (d == null) {
                throw new PosettaException(source + " holds an array of dtype '" + code + "', which posetta does not read:"
                        + " save it as float32, float64, int8..int64, uint8, bool or string.");
            }
            return d;
        }

        NdArray array(int[] shape, byte[] data) {
            NdArray.DType d = dtype();
            int itemSize = switch (d) {
                case UNICODE -> 4 * Integer.parseInt(code.substring(1));
                default -> Integer.parseInt(code.substring(1));
            };
            if (byteOrder == '>' && itemSize > 1 && d != NdArray.DType.BYTES) {
                throw new PosettaException(source + " holds a big-endian array ('>" + code + "'): save it little-endian"
                        + " with a.astype(a.dtype.newbyteorder('<')).");
            }
            long expected = NdArray.elements(shape) * itemSize;
            if (data.length != expected) {
                throw new PosettaException(source + " holds a pickled array whose " + data.length + " bytes do not fill its shape "
                        + Arrays.toString(shape) + ": check that the file is complete.");
            }
            // one buffer may back many arrays through the memo, so count every array it builds
            budget.take(data.length, source);
            return NdArray.fromBytes(d, shape, itemSize, data);
        }
    }

    /** What {@code _reconstruct(ndarray, (0,), b'b')} returns; BUILD gives it its state. */
    private final class ArrayBuilder {
        private NdArray result;

        /** State: {@code ([version,] shape, dtype, is_fortran, bytes or element list)}. */
        void build(Object state) {
            Object[] s = (Object[]) state;
            int o = s.length == 5 ? 1 : 0;
            int[] shape = shape(s[o]);
            DTypeBuilder dtype = (DTypeBuilder) s[o + 1];
            Object fortran = s[o + 2];
            if (shape.length > 1 && (Boolean.TRUE.equals(fortran) || fortran instanceof Number n && n.intValue() != 0)) {
                throw fortranOrder(source);
            }
            if (dtype.dtype() == NdArray.DType.OBJECT) {
                List<?> elements = (List<?>) s[o + 3];
                Object[] resolved = new Object[elements.size()];
                IdentityHashMap<Object, Object> done = new IdentityHashMap<>();
                for (int i = 0; i < resolved.length; i++) {
                    resolved[i] = resolve(elements.get(i), done, 1);
                }
                result = NdArray.fromObjects(shape, resolved);
            } else {
                result = dtype.array(shape, bytes(s[o + 3]));
            }
        }

        NdArray result() {
            if (result == null) {
                throw new PickleException("array without state");
            }
            return result;
        }
    }
}
