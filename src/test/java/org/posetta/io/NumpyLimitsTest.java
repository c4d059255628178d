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
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.PosettaException;

/** NumPy files that claim far more than they hold are refused before the memory is taken. */
class NumpyLimitsTest {
    @TempDir
    Path dir;

    @Test
    void refusesAnArrayHeaderWhoseShapeOverflows() throws IOException {
        Path cube = npy("cube.npy", "<f4", "(2147483647, 2147483647, 2147483647)", new byte[16]);
        assertThatThrownBy(() -> Npy.read(cube)).isInstanceOf(PosettaException.class).hasMessageContaining(cube.toString())
                .hasMessageContaining("2^31 elements");
        Path huge = npy("huge.npy", "<f4", "(2000000000,)", new byte[16]);
        assertThatThrownBy(() -> Npy.read(huge)).isInstanceOf(PosettaException.class).hasMessageContaining(huge.toString())
                .hasMessageContaining("8000000000 bytes");
        Path wide = npy("wide.npy", "<f4", "(99999999999,)", new byte[16]);
        assertThatThrownBy(() -> Npy.read(wide)).isInstanceOf(PosettaException.class).hasMessageContaining("corrupt .npy shape");
    }

    @Test
    void anArrayHeaderClaimingMoreThanTheBudgetIsRefusedBeforeReading() throws IOException {
        // 400 MB announced by a 100-byte file
        Path lie = npy("lie.npy", "|u1", "(100000000,)", new byte[16]);
        assertThatThrownBy(() -> Npy.read(lie)).isInstanceOf(PosettaException.class).hasMessageContaining(lie.toString())
                .hasMessageContaining("need more than").hasMessageContaining("times the file size");
    }

    @Test
    void refusesAnNpzMemberClaiming100GigabytesUncompressed() throws IOException {
        byte[] npy = Files.readAllBytes(npy("x.npy", "<f4", "(4,)", new byte[16]));
        Path bomb = dir.resolve("bomb.npz");
        Files.write(bomb, storedZipClaiming("x.npy", npy, 100_000_000_000L));
        assertThatThrownBy(() -> Npz.read(bomb)).isInstanceOf(PosettaException.class).hasMessageContaining(bomb.toString())
                .hasMessageContaining("x.npy").hasMessageContaining("claims 100000000000 bytes uncompressed");
    }

    @Test
    void refusesAZipBombWhoseHeaderTellsTheTruth() throws IOException {
        // 128 MB of zeros deflate to about 130 KB: 1000 times the file, far past the budget
        int n = 128 << 20;
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        writeNpy(header, "|u1", "(" + n + ",)", new byte[0]);
        Path bomb = dir.resolve("zeros.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("zeros.npy"));
            zip.write(header.toByteArray());
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < n / block.length; i++) {
                zip.write(block);
            }
            zip.closeEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(n / 500);
        assertThatThrownBy(() -> Npz.read(bomb)).isInstanceOf(PosettaException.class).hasMessageContaining("zeros.npy")
                .hasMessageContaining("bytes allowed");
        assertThat(Npz.read(bomb, ReadOptions.DEFAULTS.withMaxArrayBytes(1L << 30)).get("zeros").size()).isEqualTo(n);
    }

    private Path npy(String name, String descr, String shape, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeNpy(out, descr, shape, data);
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    private static void writeNpy(ByteArrayOutputStream out, String descr, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        String header = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
    }

    /**
     * A one-entry zip, stored, whose central directory states {@code claimed} uncompressed bytes
     * through a ZIP64 extra field, as a hostile archive would.
     */
    private static byte[] storedZipClaiming(String name, byte[] data, long claimed) {
        CRC32 crc = new CRC32();
        crc.update(data);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(200 + n.length * 2 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 0).putInt(0)
                .putInt((int) crc.getValue()).putInt(data.length).putInt(data.length).putShort((short) n.length).putShort((short) 0)
                .put(n).put(data);
        int cen = b.position();
        b.putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0).putShort((short) 0).putInt(0)
                .putInt((int) crc.getValue()).putInt(data.length).putInt(-1).putShort((short) n.length).putShort((short) 12)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).put(n)
                .putShort((short) 1).putShort((short) 8).putLong(claimed);
        int cenSize = b.position() - cen;
        b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1).putInt(cenSize)
                .putInt(cen).putShort((short) 0);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }
}
