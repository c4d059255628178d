package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.posetta.pose.PosettaException;

class NpyTest {
    @TempDir
    Path dir;

    /** The arrays of make_fixtures.py's plain_*.npz, as NumPy saved them. */
    @ParameterizedTest
    @ValueSource(strings = {"plain_stored.npz", "plain_deflated.npz"})
    void readsEverySupportedDtypeFromNumpy(String file) throws Exception {
        Map<String, NdArray> a = Npz.read(NumpyPickleTest.resource(file));
        assertThat(a.keySet()).containsExactly("f4", "f8", "i1", "i2", "i4", "i8", "u1", "b1", "text", "scalar", "empty");
        assertThat(a.get("f4").dtype()).isEqualTo(NdArray.DType.FLOAT32);
        assertThat(a.get("f4").shape()).containsExactly(2, 3);
        assertThat(a.get("f4").toFloats()).containsExactly(0.5f, 1.5f, 2.5f, 10.5f, 11.5f, 12.5f);
        assertThat(a.get("f8").toDoubles()).containsExactly(0.5, 1.5, 2.5, 10.5, 11.5, 12.5);
        assertThat(a.get("i1").toLongs()).containsExactly(-128, 0, 127);
        assertThat(a.get("i2").toLongs()).containsExactly(-32768, 1, 32767);
        assertThat(a.get("i4").toLongs()).containsExactly(Integer.MIN_VALUE, 2, Integer.MAX_VALUE);
        assertThat(a.get("i8").toLongs()).containsExactly(Long.MIN_VALUE, 3, Long.MAX_VALUE);
        assertThat(a.get("u1").toLongs()).containsExactly(0, 128, 255);
        assertThat(a.get("b1").toBooleans()).containsExactly(true, false, false, true);
        assertThat(a.get("text").dtype()).isEqualTo(NdArray.DType.UNICODE);
        assertThat(a.get("text").toText()).isEqualTo("h36m17");
        assertThat(a.get("scalar").rank()).isZero();
        assertThat(a.get("scalar").toDoubles()).containsExactly(2.25);
        assertThat(a.get("empty").shape()).containsExactly(0, 17, 3);
        assertThat(a.get("empty").size()).isZero();
    }

    @Test
    void roundTripsEveryDtypeBitExactly() throws Exception {
        float[] f = {0f, -0f, Float.NaN, Float.intBitsToFloat(0x7fc00001), Float.MIN_VALUE, Float.MAX_VALUE, 1e-30f, 3.14159f};
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("f4", NdArray.of(f, 2, 4));
        arrays.put("f8", NdArray.of(new double[] {Math.PI, -0.0, Double.NaN}, 3));
        arrays.put("i4", NdArray.of(new int[] {Integer.MIN_VALUE, 0, 7, Integer.MAX_VALUE}, 2, 2));
        arrays.put("i8", NdArray.of(new long[] {Long.MIN_VALUE, 5}, 2));
        arrays.put("u1", NdArray.of(NdArray.DType.UINT8, new byte[] {0, (byte) 200, (byte) 255}, 3));
        arrays.put("i1", NdArray.of(NdArray.DType.INT8, new byte[] {-7}, 1));
        arrays.put("b1", NdArray.of(new boolean[] {true, false, true}, 3, 1));
        arrays.put("text", NdArray.string("héllo, 世界"));
        arrays.put("scalar", NdArray.scalar(-1.5));
        arrays.put("empty", NdArray.of(new float[0], 0, 17, 3));
        for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
            Path p = dir.resolve(e.getKey() + ".npy");
            Npy.write(p, e.getValue());
            NdArray back = Npy.read(p);
            assertThat(back).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(back.littleEndianBytes()).isEqualTo(e.getValue().littleEndianBytes());
            assertThat(Files.size(p) % 64).as("header padded so the data is aligned").isEqualTo(e.getValue().size()
                    * (long) e.getValue().itemSize() % 64);
        }
        assertThat(Float.floatToRawIntBits(Npy.read(dir.resolve("f4.npy")).toFloats()[3])).isEqualTo(0x7fc00001);
        assertThat(Npy.read(dir.resolve("text.npy")).toText()).isEqualTo("héllo, 世界");
        for (boolean compress : new boolean[] {false, true}) {
            Path z = dir.resolve("all" + compress + ".npz");
            Npz.write(z, arrays, compress);
            assertThat(Npz.read(z)).isEqualTo(arrays);
            assertThat(Npz.names(z)).containsExactlyElementsOf(arrays.keySet());
            Path again = dir.resolve("again" + compress + ".npz");
            Npz.write(again, arrays, compress);
            assertThat(Files.readAllBytes(again)).as("same arrays, same bytes").isEqualTo(Files.readAllBytes(z));
        }
    }

    @Test
    void readsChosenArraysAndNamesAMissingOne() throws Exception {
        Path z = NumpyPickleTest.resource("plain_stored.npz");
        assertThat(Npz.read(z, List.of("i2", "text")).keySet()).containsExactly("i2", "text");
        assertThatThrownBy(() -> Npz.read(z, List.of("joints_3d"))).isInstanceOf(PosettaException.class)
                .hasMessageContaining(z.toString()).hasMessageContaining("joints_3d");
    }

    @Test
    void refusesBigEndianFortranAndUnknownDtypes() throws Exception {
        Path big = npy("big.npy", "'>f4'", "False", "(2,)", new byte[8]);
        assertThatThrownBy(() -> Npy.read(big)).isInstanceOf(PosettaException.class).hasMessageContaining(big.toString())
                .hasMessageContaining("big-endian");
        Path fortran = npy("fortran.npy", "'<f4'", "True", "(2, 2)", new byte[16]);
        assertThatThrownBy(() -> Npy.read(fortran)).isInstanceOf(PosettaException.class).hasMessageContaining(fortran.toString())
                .hasMessageContaining("Fortran");
        for (String d : List.of("'<c8'", "'<u2'", "'<f2'", "'<M8[ns]'")) {
            Path unknown = npy("unknown.npy", d, "False", "(1,)", new byte[8]);
            assertThatThrownBy(() -> Npy.read(unknown)).as(d).isInstanceOf(PosettaException.class)
                    .hasMessageContaining(unknown.toString()).hasMessageContaining("dtype");
        }
        Path structured = npy("structured.npy", "[('x', '<f4'), ('y', '<f4')]", "False", "(1,)", new byte[8]);
        assertThatThrownBy(() -> Npy.read(structured)).isInstanceOf(PosettaException.class).hasMessageContaining("structured");
    }

    @Test
    void reportsTruncatedAndForeignFiles() throws Exception {
        Path shortData = npy("short.npy", "'<f4'", "False", "(4, 17, 3)", new byte[100]);
        assertThatThrownBy(() -> Npy.read(shortData)).isInstanceOf(PosettaException.class).hasMessageContaining(shortData.toString())
                .hasMessageContaining("truncated").hasMessageContaining("816");
        Path text = dir.resolve("notes.npy");
        Files.writeString(text, "not an array");
        assertThatThrownBy(() -> Npy.read(text)).isInstanceOf(PosettaException.class).hasMessageContaining(text.toString());
        Path stub = dir.resolve("stub.npy");
        Files.write(stub, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 100, 0, '{'});
        assertThatThrownBy(() -> Npy.read(stub)).isInstanceOf(PosettaException.class).hasMessageContaining("truncated");
    }

    @Test
    void reportsATruncatedNpz() throws Exception {
        byte[] whole = Files.readAllBytes(NumpyPickleTest.resource("plain_deflated.npz"));
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> Npz.read(cut)).isInstanceOf(PosettaException.class).hasMessageContaining(cut.toString())
                .hasMessageContaining("complete");
    }

    @Test
    void convertsBetweenNumericTypes() {
        NdArray a = NdArray.of(new int[] {-3, 0, 9}, 3);
        assertThat(a.toFloats()).containsExactly(-3f, 0f, 9f);
        assertThat(a.toDoubles()).containsExactly(-3, 0, 9);
        assertThat(a.toBooleans()).containsExactly(true, false, true);
        assertThat(NdArray.of(new double[] {2.75, -2.75}, 2).toLongs()).containsExactly(2, -2);
        assertThat(a.hasShape(3)).isTrue();
        assertThat(a.hasShape(-1)).isTrue();
        assertThat(a.hasShape(3, 1)).isFalse();
        assertThat(NdArray.of(new float[6], 1, 2, 3).shapeString()).isEqualTo("(1, 2, 3)");
        assertThat(a.shapeString()).isEqualTo("(3,)");
        assertThatThrownBy(() -> NdArray.of(new float[5], 2, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    /** An .npy with the given header fields and data bytes. */
    private Path npy(String name, String descr, String fortran, String shape, byte[] data) throws Exception {
        String dict = "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
        String header = dict + " ".repeat(64 - (10 + dict.length() + 1) % 64) + "\n";
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        f.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        f.writeBytes(data);
        Path p = dir.resolve(name);
        Files.write(p, f.toByteArray());
        return p;
    }
}
