package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.posetta.pose.PosettaException;

class NumpyPickleTest {
    @TempDir
    Path dir;

    /** Fixtures written by NumPy 2 (make_fixtures.py) at each pickle protocol. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void readsNumpyPicklesOfEveryPython3Protocol(int protocol) throws Exception {
        NdArray a = Npy.read(resource("pickle_p" + protocol + ".npy"));
        assertThat(a.dtype()).isEqualTo(NdArray.DType.OBJECT);
        assertThat(a.rank()).isZero();
        @SuppressWarnings("unchecked")
        Map<Object, Object> d = (Map<Object, Object>) a.item();
        assertThat(d.keySet()).containsExactly("S1", "meta", "plain", "bools", "ints");
        List<?> walk = (List<?>) ((Map<?, ?>) d.get("S1")).get("Walking 1");
        NdArray f4 = (NdArray) walk.get(0);
        NdArray f8 = (NdArray) walk.get(1);
        assertThat(f4.dtype()).isEqualTo(NdArray.DType.FLOAT32);
        assertThat(f4.shape()).containsExactly(2, 3, 2);
        // grid: a[i, j, k] = 100 i + 10 j + k + 0.5
        assertThat(f4.toFloats()).containsExactly(0.5f, 1.5f, 10.5f, 11.5f, 20.5f, 21.5f, 100.5f, 101.5f, 110.5f, 111.5f, 120.5f,
                121.5f);
        assertThat(f8.dtype()).isEqualTo(NdArray.DType.FLOAT64);
        assertThat(f8.toDoubles()[11]).isEqualTo(121.5);
        Map<?, ?> meta = (Map<?, ?>) d.get("meta");
        assertThat(meta.get("n")).isEqualTo(3L);
        assertThat(meta.get("f")).isEqualTo(1.5);
        assertThat(meta.get("ok")).isEqualTo(true);
        assertThat(meta.get("name")).isEqualTo("mpii16");
        @SuppressWarnings("unchecked")
        List<Object> plain = (List<Object>) d.get("plain");
        assertThat(plain.subList(0, 5)).containsExactly(1, 2.5, "x", null, true);
        assertThat((Object[]) plain.get(5)).containsExactly(4, 5);
        assertThat(((NdArray) d.get("bools")).toBooleans()).containsExactly(true, false, true);
        NdArray ints = (NdArray) d.get("ints");
        assertThat(ints.dtype()).isEqualTo(NdArray.DType.INT16);
        assertThat(ints.toLongs()).containsExactly(-1, 0, 7);
    }

    @Test
    void readsAPython2Protocol2Pickle() throws Exception {
        // Python 2 writes str (here the array's raw bytes) as BINSTRING, module numpy.core, ints for flags
        float[] values = {1f, -2f, 0.5f, 3e-5f};
        ByteBuffer raw = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        Pickle p = new Pickle().proto(2).emptyDict().mark().shortBinString("S9".getBytes(StandardCharsets.ISO_8859_1));
        p.array("numpy.core.multiarray", "f4", '<', new int[] {2, 2}, () -> p.binString(raw.array()), true);
        p.op('u');
        Path npy = p.wrapInObjectArray(dir.resolve("py2.npy"), true);
        Map<?, ?> d = (Map<?, ?>) Npy.read(npy).item();
        NdArray a = (NdArray) d.get("S9");
        assertThat(a.shape()).containsExactly(2, 2);
        assertThat(a.toFloats()).containsExactly(values);
    }

    @Test
    void refusesAGlobalOutsideTheAllowList() throws Exception {
        Pickle p = new Pickle().proto(2).global("os", "system").shortBinUnicode("echo owned").op(0x85).op('R').op('.');
        Path file = p.wrapAsObjectNpy(dir.resolve("evil.npy"));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(PosettaException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("os.system").hasMessageContaining("refuses");
    }

    @Test
    void refusesStackGlobalAndInstOutsideTheAllowList() throws Exception {
        Pickle stack = new Pickle().proto(4).shortBinUnicode("builtins").shortBinUnicode("eval").op(0x93)
                .shortBinUnicode("1+1").op(0x85).op('R').op('.');
        Path f1 = stack.wrapAsObjectNpy(dir.resolve("eval.npy"));
        assertThatThrownBy(() -> Npy.read(f1)).isInstanceOf(PosettaException.class).hasMessageContaining("builtins.eval")
                .hasMessageContaining(f1.toString());
        Pickle inst = new Pickle().mark().raw("iposix\nsystem\n".getBytes(StandardCharsets.US_ASCII)).op('.');
        Path f2 = inst.wrapAsObjectNpy(dir.resolve("inst.npy"));
        assertThatThrownBy(() -> Npy.read(f2)).isInstanceOf(PosettaException.class).hasMessageContaining("posix.system");
    }

    @Test
    void refusesBigEndianAndStructuredArraysInsidePickles() throws Exception {
        Pickle big = new Pickle().proto(2);
        big.array("numpy._core.multiarray", "f4", '>', new int[] {1}, () -> big.binBytes(new byte[4]), false);
        big.op('.');
        Path f = big.wrapAsObjectNpy(dir.resolve("big.npy"));
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(PosettaException.class).hasMessageContaining("big-endian")
                .hasMessageContaining(f.toString());
        Pickle complex = new Pickle().proto(2);
        complex.array("numpy._core.multiarray", "c8", '<', new int[] {1}, () -> complex.binBytes(new byte[8]), false);
        complex.op('.');
        Path g = complex.wrapAsObjectNpy(dir.resolve("complex.npy"));
        assertThatThrownBy(() -> Npy.read(g)).isInstanceOf(PosettaException.class).hasMessageContaining("c8");
    }

    @Test
    void reportsATruncatedPickle() throws Exception {
        byte[] whole = Files.readAllBytes(resource("pickle_p3.npy"));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 200));
        assertThatThrownBy(() -> Npy.read(cut)).isInstanceOf(PosettaException.class).hasMessageContaining(cut.toString());
    }

    @Test
    void refusesADeeplyNestedPickleWithoutOverflowingTheStack() throws Exception {
        Pickle p = new Pickle().proto(2);
        for (int i = 0; i < 100_000; i++) {
            p.op(']');
        }
        for (int i = 0; i < 100_000 - 1; i++) {
            p.op('a');
        }
        Path file = p.op('.').wrapAsObjectNpy(dir.resolve("deep.npy"));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(PosettaException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("nest more than " + NumpyPickle.MAX_DEPTH);
    }

    @Test
    void refusesAListThatContainsItselfAsADictKey() throws Exception {
        // l = []; l.append(l); {l: 1} — Python refuses the key; Java's hashCode would recurse forever
        Pickle p = new Pickle().proto(2).op(']').op('q').op(0).op('h').op(0).op('a').op('}').op('q').op(1).op('h').op(0)
                .binInt1(1).op('s').op('.');
        Path file = p.wrapAsObjectNpy(dir.resolve("cyclic.npy"));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(PosettaException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("unhashable");
    }

    @Test
    void aStatedLengthBeyondTheDataIsATruncationNotAnAllocation() throws Exception {
        // BINBYTES8 claiming 2^40 bytes, and BINUNICODE claiming 4 GiB - 1, with a few bytes behind them
        Pickle bytes8 = new Pickle().proto(4).op(0x8e).raw(new byte[] {0, 0, 0, 0, 0, 1, 0, 0}).raw(new byte[10]).op('.');
        Path f1 = bytes8.wrapAsObjectNpy(dir.resolve("bytes8.npy"));
        assertThatThrownBy(() -> Npy.read(f1)).isInstanceOf(PosettaException.class).hasMessageContaining(f1.toString())
                .hasMessageContaining("length");
        Pickle unicode = new Pickle().proto(2).op('X').raw(new byte[] {-1, -1, -1, -1}).raw("abc".getBytes(StandardCharsets.UTF_8))
                .op('.');
        Path f2 = unicode.wrapAsObjectNpy(dir.resolve("unicode.npy"));
        assertThatThrownBy(() -> Npy.read(f2)).isInstanceOf(PosettaException.class).hasMessageContaining(f2.toString())
                .hasMessageContaining("incomplete");
    }

    @Test
    void refusesAPickledArrayWhoseShapeOverflows() throws Exception {
        // 2^31-1 cubed, times 4 bytes, wraps a long; the array must not be built over the 4 bytes given
        Pickle p = new Pickle().proto(2);
        p.array("numpy.core.multiarray", "f4", '<', new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE},
                () -> p.binBytes(new byte[4]), false);
        Path file = p.op('.').wrapAsObjectNpy(dir.resolve("overflow.npy"));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(PosettaException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("2^31 elements");
    }

    @Test
    void capsTheArrayBytesOneBufferCanBackThroughTheMemo() throws Exception {
        // one 1 MiB buffer memoised and reused by 200 arrays would decode to 200 MiB from a 1 MiB file
        Pickle p = new Pickle().proto(2).op(']');
        p.array("numpy.core.multiarray", "u1", '|', new int[] {1 << 20}, () -> p.binBytes(new byte[1 << 20]).op('q').op(1),
                false);
        p.op('a');
        for (int i = 0; i < 200; i++) {
            p.array("numpy.core.multiarray", "u1", '|', new int[] {1 << 20}, () -> p.op('h').op(1), false);
            p.op('a');
        }
        Path file = p.wrapInObjectArray(dir.resolve("reused.npy"), false);
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(PosettaException.class).hasMessageContaining(file.toString())
                .hasMessageContaining(ArrayBudget.FILE_SIZE_MULTIPLE + " times the file size");
        // the caller may vouch for such a file
        NdArray a = Npy.read(file, ReadOptions.DEFAULTS.withMaxArrayBytes(300L << 20));
        assertThat((List<?>) a.item()).hasSize(201).allSatisfy(e -> assertThat(((NdArray) e).size()).isEqualTo(1 << 20));
        assertThatThrownBy(() -> Npy.read(file, ReadOptions.DEFAULTS.withMaxArrayBytes(10L << 20)))
                .isInstanceOf(PosettaException.class).hasMessageContaining("10485760 bytes allowed");
    }

    static Path resource(String name) throws Exception {
        return Path.of(NumpyPickleTest.class.getResource("numpy/" + name).toURI());
    }

    /** Writes pickle opcodes by hand. */
    static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int code) {
            out.write(code);
            return this;
        }

        Pickle raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Pickle proto(int n) {
            return op(0x80).op(n);
        }

        Pickle mark() {
            return op('(');
        }

        Pickle emptyDict() {
            return op('}');
        }

        Pickle global(String module, String name) {
            return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        Pickle binInt1(int v) {
            return op('K').op(v);
        }

        Pickle binInt(int v) {
            op('J');
            return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        Pickle shortBinString(byte[] latin1) {
            return op('U').op(latin1.length).raw(latin1);
        }

        Pickle binString(byte[] latin1) {
            op('T');
            return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(latin1.length).array()).raw(latin1);
        }

        Pickle binBytes(byte[] b) {
            op('B');
            return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array()).raw(b);
        }

        Pickle shortBinUnicode(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return op(0x8c).op(b.length).raw(b);
        }

        private Pickle text(String s, boolean py2) {
            return py2 ? shortBinString(s.getBytes(StandardCharsets.ISO_8859_1)) : shortBinUnicode(s);
        }

        /** {@code numpy.dtype(code, False, True)} with its BUILD state. */
        Pickle dtype(String code, char order, boolean py2) {
            global("numpy", "dtype").text(code, py2).binInt1(0).binInt1(1).op(0x87).op('R');
            mark().binInt1(3).text(String.valueOf(order), py2).op('N').op('N').op('N').binInt(-1).binInt(-1)
                    .binInt1(code.startsWith("O") ? 63 : 0).op('t');
            return op('b');
        }

        /** An array: {@code _reconstruct(ndarray, (0,), 'b')} then BUILD (1, shape, dtype, False, data). */
        Pickle array(String module, String code, char order, int[] shape, Runnable data, boolean py2) {
            global(module, "_reconstruct").global("numpy", "ndarray").binInt1(0).op(0x85).text("b", py2).op(0x87).op('R');
            mark().binInt1(1).mark();
            for (int s : shape) {
                binInt(s);
            }
            op('t').dtype(code, order, py2).op(0x89);
            data.run();
            return op('t').op('b');
        }

        /** This pickle (the elements so far, plus the closing of a 0-d object array) in an object .npy. */
        Path wrapInObjectArray(Path file, boolean py2) throws IOException {
            Pickle whole = new Pickle().proto(2);
            whole.global("numpy.core.multiarray", "_reconstruct").global("numpy", "ndarray").binInt1(0).op(0x85).text("b", py2)
                    .op(0x87).op('R');
            whole.mark().binInt1(1).mark().op('t').dtype("O8", '|', py2).op(0x89).op(']').mark();
            byte[] body = out.toByteArray();
            // drop this pickle's PROTO header: it is an element of the outer list
            whole.raw(Arrays.copyOfRange(body, 2, body.length));
            whole.op('e').op('t').op('b').op('.');
            return whole.wrapAsObjectNpy(file);
        }

        /** This pickle behind an {@code .npy} header announcing a 0-d object array. */
        Path wrapAsObjectNpy(Path file) throws IOException {
            String dict = "{'descr': '|O', 'fortran_order': False, 'shape': (), }";
            String header = dict + " ".repeat(64 - (10 + dict.length() + 1) % 64) + "\n";
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
            f.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
            f.writeBytes(out.toByteArray());
            Files.write(file, f.toByteArray());
            return file;
        }
    }
}
