package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.io.Formats;
import org.posetta.io.NdArray;
import org.posetta.io.Npy;
import org.posetta.io.Npz;
import org.posetta.io.PoseFile;
import org.posetta.pose.CoordinateFrame;
import org.posetta.simulate.Samples;

/**
 * What a user gets from bad input: one sentence naming the file, exit 2 for usage errors and 1
 * otherwise, and no output file left behind.
 */
class BadInputTest {
    @TempDir
    Path dir;
    private Path good;
    private Path out;

    @BeforeEach
    void goodInput() {
        good = dir.resolve("good.npz");
        Formats.write(PoseFile.of("npz", "good", Samples.motion(20, 50, CoordinateFrame.CAMERA)), good, "npz");
        out = dir.resolve("out.npz");
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** Runs convert, occlude and info on {@code in} and checks each fails cleanly, naming {@code named}. */
    private void failsOnEveryCommand(Path in, int exit, String named, String... extra) throws IOException {
        List<String[]> runs = List.of(concat(new String[] {"convert", in.toString(), out.toString()}, extra),
                concat(new String[] {"occlude", in.toString(), "-o", out.toString()}, extra),
                concat(new String[] {"info", in.toString()}, extra));
        for (String[] args : runs) {
            if (args[0].equals("info") && named.equals(out.toString())) {
                continue;
            }
            fails(exit, named, args);
        }
    }

    private void fails(int exit, String named, String... args) throws IOException {
        List<String> before = files();
        Cli r = Cli.run(args);
        String what = String.join(" ", args);
        assertThat(r.exit()).as(what + "\n" + r.err()).isEqualTo(exit);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as(what).hasSize(exit == 2 ? 2 : 1);
        assertThat(lines.get(0)).as(what).contains(named).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).as(what).isEmpty();
        assertThat(files()).as(what).isEqualTo(before);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void missingFile() throws IOException {
        failsOnEveryCommand(dir.resolve("absent.npz"), 1, dir.resolve("absent.npz").toString());
        fails(1, "absent.npz", "eval", "--pred", dir.resolve("absent.npz").toString(), "--gt", good.toString());
    }

    @Test
    void truncatedNpz() throws IOException {
        Path cut = dir.resolve("cut.npz");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        failsOnEveryCommand(cut, 1, cut.toString(), "--in-format", "npz");
        failsOnEveryCommand(cut, 1, cut.toString());
    }

    @Test
    void wrongShapes() throws IOException {
        Path flat = dir.resolve("flat.npz");
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("joints_3d", NdArray.of(new float[20 * 17 * 4], 20, 17, 4));
        Npz.write(flat, arrays, false);
        failsOnEveryCommand(flat, 1, flat.toString());

        Path matrix = dir.resolve("matrix.npy");
        Npy.write(matrix, NdArray.of(new float[20 * 51], 20, 51));
        failsOnEveryCommand(matrix, 1, matrix.toString());
    }

    @Test
    void notANumber() throws IOException {
        Path nan = dir.resolve("nan.npz");
        float[] xyz = Samples.motion(20, 50, CoordinateFrame.CAMERA).positions();
        xyz[100] = Float.NaN;
        boolean[] valid = new boolean[20 * 17];
        Arrays.fill(valid, true);
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("joints_3d", NdArray.of(xyz, 20, 17, 3));
        arrays.put("valid", NdArray.of(valid, 20, 17));
        Npz.write(nan, arrays, false);
        failsOnEveryCommand(nan, 1, nan.toString());
    }

    @Test
    void unknownLayoutOrFormatIsAUsageError() throws IOException {
        fails(2, "tetrapod", "convert", good.toString(), out.toString(), "--layout", "tetrapod");
        fails(2, "tetrapod", "info", good.toString(), "--in-layout", "tetrapod");
        fails(1, "xyz", "convert", good.toString(), out.toString(), "--format", "xyz");
        fails(1, "out.xyz", "convert", good.toString(), dir.resolve("out.xyz").toString());
    }

    @Test
    void unwritableOutput() throws IOException {
        Path underAFile = good.resolve("out.npz");
        fails(1, underAFile.toString(), "convert", good.toString(), underAFile.toString());
        fails(1, underAFile.toString(), "occlude", good.toString(), "-o", underAFile.toString());
        Path folder = Files.createDirectory(dir.resolve("folder.npz"));
        fails(1, folder.toString(), "convert", good.toString(), folder.toString());
        fails(1, "demo", "demo", "-o", good.resolve("demo").toString());
    }

    @Test
    void noiseOn3dIsRefusedNamingTheFile() throws IOException {
        fails(1, good.toString(), "occlude", good.toString(), "-o", out.toString(), "--mode", "noise");
    }
}
