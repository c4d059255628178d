package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

/** {@code convert} to BVH and TRC with the unit and exact-mode options. */
class ConvertOutputsTest {
    @TempDir
    Path dir;

    @Test
    void convertsToBvhAndTrcWithUnits() throws Exception {
        float[] xyz = new float[5 * 17 * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) Math.sin(i) * 0.3f + ((i % 3) == 1 ? (i / 3 % 17 == 8 ? -0.5f : 0f) : 0f);
        }
        Path in = dir.resolve("in.npz");
        Formats.write(PoseFile.of("test", "in", new Motion3d(Layout.H36M17, 30, CoordinateFrame.CAMERA, xyz, null, null)), in, null);
        Cli bvh = Cli.run("convert", in.toString(), dir.resolve("out.bvh").toString(), "--units", "m", "--exact");
        assertThat(bvh.exit()).as(bvh.err()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("out.bvh"));
        assertThat(lines).contains("Frames: 5");
        assertThat(lines.stream().filter(l -> l.strip().startsWith("CHANNELS 6")).count()).isEqualTo(23);
        Cli trc = Cli.run("convert", in.toString(), "-o", dir.resolve("out.trc").toString(), "--units", "m");
        assertThat(trc.exit()).as(trc.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out.trc")).get(2).split("\t")[4]).isEqualTo("m");
        Cli bad = Cli.run("convert", in.toString(), dir.resolve("bad.trc").toString(), "--units", "cm");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("mm or m");
    }

    @Test
    void infoPrintsFilledEntriesAndUncertainty() {
        boolean[] filled = new boolean[3 * 17];
        filled[5] = true;
        filled[20] = true;
        Motion3d m = new Motion3d(Layout.H36M17, 30, CoordinateFrame.CAMERA, new float[3 * 17 * 3], null, filled,
                new float[3 * 17], null);
        Path file = dir.resolve("m.npz");
        Formats.write(PoseFile.of("test", "m", m), file, null);
        Cli info = Cli.run("info", file.toString());
        assertThat(info.exit()).as(info.err()).isZero();
        assertThat(info.out()).contains("0 of 51 joints invalid, 2 filled, with uncertainty")
                .contains("3d: camera frame (x right, y down, z forward (depth)), metres");
        // the provenance comes back, with the command that wrote a converted copy
        Path copy = dir.resolve("copy.json");
        assertThat(Cli.run("convert", file.toString(), copy.toString()).exit()).isZero();
        assertThat(Cli.run("info", copy.toString()).out()).containsPattern("provenance: \\{.*\"command\":\"posetta convert ");
    }
}
