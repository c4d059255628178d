package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.ReadOptions;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.simulate.Samples;

class LiftCommandTest {
    @TempDir
    Path dir;

    @Test
    void liftsA2dFileWithTheShippedModelAndRecordsProvenance() {
        Path in = dir.resolve("k.npz");
        Keypoints2d k = standing(40);
        Formats.write(PoseFile.of("npz", "k", k), in, "npz");
        Path out = dir.resolve("lifted.json");
        Cli r = Cli.run("lift", in.toString(), "-o", out.toString(), "--model", "frame");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("lifted 40 frames");
        Motion3d m = Formats.read(out, ReadOptions.DEFAULTS).motions().values().iterator().next();
        assertThat(m.layout()).isEqualTo(Layout.H36M17);
        assertThat(m.frames()).isEqualTo(40);
        assertThat(m.coordinateFrame()).isEqualTo(CoordinateFrame.CAMERA);
        assertThat(m.get(0, 0, 0)).isZero();
        // The standing pose comes back: head above the pelvis (y down), every joint near its place.
        assertThat(m.get(0, 10, 1)).isLessThan(-0.5f);
        double error = 0;
        for (int j = 0; j < 17; j++) {
            double d2 = 0;
            for (int c = 0; c < 3; c++) {
                double d = m.get(20, j, c) - STANDING[j][c];
                d2 += d * d;
            }
            error += Math.sqrt(d2) / 17;
        }
        assertThat(error).as("MPJPE of the lifted standing pose, metres").isLessThan(0.15);
        assertThat(m.provenance().toString()).contains("frame-lifter").contains("posetta lift");
    }

    @Test
    void aFolderOfKeypointFilesIsABatchThatReportsTheBadFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("detections"));
        Formats.write(PoseFile.of("npz", "a", standing(30)), folder.resolve("a.npz"), "npz");
        Formats.write(PoseFile.of("npz", "b", standing(20)), folder.resolve("b.npz"), "npz");
        Files.writeString(folder.resolve("broken.json"), "{\"people\": [");
        Path out = dir.resolve("lifted");
        Cli r = Cli.run("lift", folder.toString(), "-o", out.toString(), "--jobs", "2");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(out.resolve("a").resolve("lifted.npz")).isNotEmptyFile();
        assertThat(Formats.read(out.resolve("b").resolve("lifted.npz"), ReadOptions.DEFAULTS).motions().values().iterator().next()
                .frames()).isEqualTo(20);
        assertThat(out.resolve("broken")).doesNotExist();
        assertThat(Files.readString(out.resolve("summary.csv"))).contains("broken").contains("failed").contains("done");
    }

    @Test
    void refuses3dInputUnknownModelsAndUnwritableOutputWithoutLeavingFiles() throws IOException {
        Path motion = dir.resolve("m.npz");
        Formats.write(PoseFile.of("npz", "m", Samples.motion(10, 50, CoordinateFrame.CAMERA)), motion, "npz");
        Path out = dir.resolve("out.npz");
        List<String> before = files();

        Cli r = Cli.run("lift", motion.toString(), "-o", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(motion.toString()).contains("no 2D keypoints").doesNotContain("Exception");

        Path k = dir.resolve("k.npz");
        Formats.write(PoseFile.of("npz", "k", Samples.keypoints(5, 50)), k, "npz");
        before = files();
        r = Cli.run("lift", k.toString(), "-o", out.toString(), "--model", "magic");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("magic");

        Path blocked = dir.resolve("k.npz").resolve("x.npz");
        r = Cli.run("lift", k.toString(), "-o", blocked.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);

        r = Cli.run("lift", dir.resolve("absent.json").toString(), "-o", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("absent.json");

        r = Cli.run("lift", k.toString(), "-o", out.toString(), "--weights", dir.resolve("none.safetensors").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("none.safetensors");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void benchAndTrainNameWhatIsMissing() {
        Cli r = Cli.run("bench", "h36m", "--rows", "gt2d,cpn");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).satisfiesAnyOf(e -> assertThat(e).contains("cpn"), e -> assertThat(e).contains("h36m"));
        assertThat(Cli.run("train").exit()).isEqualTo(2);
        assertThat(Cli.run("bench").exit()).isEqualTo(2);
        r = Cli.run("train", "frame-lifter", "--subjects", "S1,S9");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("S9");
    }

    /** A person standing upright facing the camera, H36M-17, root-relative metres, y down. */
    private static final float[][] STANDING = {{0, 0, 0}, {-0.13f, 0, 0}, {-0.13f, 0.45f, 0}, {-0.13f, 0.88f, 0.05f},
        {0.13f, 0, 0}, {0.13f, 0.45f, 0}, {0.13f, 0.88f, 0.05f}, {0, -0.23f, 0}, {0, -0.48f, 0}, {0, -0.58f, -0.06f},
        {0, -0.68f, 0}, {0.17f, -0.45f, 0}, {0.2f, -0.18f, 0}, {0.22f, 0.05f, 0}, {-0.17f, -0.45f, 0},
        {-0.2f, -0.18f, 0}, {-0.22f, 0.05f, 0}};

    /** The standing pose 4.5 m in front of a 1000×1000 pinhole camera (f = 1150 px), every frame. */
    static Keypoints2d standing(int frames) {
        float[] uv = new float[frames * 17 * 2];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < 17; j++) {
                float z = 4.5f + STANDING[j][2];
                uv[(t * 17 + j) * 2] = 500 + 1150 * STANDING[j][0] / z;
                uv[(t * 17 + j) * 2 + 1] = 500 + 1150 * STANDING[j][1] / z;
            }
        }
        return new Keypoints2d(Layout.H36M17, 50, 1000, 1000, uv, null, null);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

}
