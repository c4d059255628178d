package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.data.Bandai;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;
import org.posetta.geometry.RotationMatrix;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

class BvhWriterTest {
    @TempDir
    Path dir;

    @Test
    void rigidMotionRoundTripsExactlyInTheFileAxes() throws IOException {
        Motion3d m = BvhMotions.rigidlyMoving(40);
        Motion3d back = roundTrip(m, WriteOptions.DEFAULTS);
        assertThat(back.layout()).isSameAs(Layout.H36M17);
        assertThat(back.fps()).isEqualTo(25.0);
        RotationMatrix up = Upright.rotation(m);
        assertThat(up.angleTo(RotationMatrix.about(0, Math.PI))).isLessThan(1e-12);
        // a body that does not change shape has one fixed skeleton, so positions come back too
        assertThat(maxPositionError(m, back, up)).isLessThan(1e-5);
    }

    @Test
    void exactModeReproducesANonRigidBody() throws IOException {
        Motion3d m = BvhMotions.nonRigid(30);
        Motion3d back = roundTrip(m, WriteOptions.DEFAULTS.withExact(true).withUnits("m"));
        assertThat(maxPositionError(m, back, Upright.rotation(m))).isLessThan(1e-5);
        Motion3d fixed = roundTrip(m, WriteOptions.DEFAULTS);
        assertThat(maxPositionError(m, fixed, Upright.rotation(m))).isGreaterThan(0.01);
    }

    @Test
    void fileHasTheH36mSkeletonUnitsAndRate() throws IOException {
        Path cm = dir.resolve("a.bvh");
        Formats.write(PoseFile.of("test", "a", BvhMotions.rigidlyMoving(3)), cm, null);
        List<String> lines = Files.readAllLines(cm);
        assertThat(lines.get(0)).isEqualTo("HIERARCHY");
        assertThat(lines.get(1)).isEqualTo("ROOT pelvis");
        assertThat(lines).contains("Frames: 3", "Frame Time: 0.040000000");
        List<String> joints = lines.stream().map(String::strip).filter(l -> l.startsWith("JOINT ")).toList();
        assertThat(joints).hasSize(22).contains("JOINT left_clavicle", "JOINT lumbar");
        // thigh 0.44 m: the right knee's offset is straight down, in centimetres
        int kneeLine = lines.stream().map(String::strip).toList().indexOf("JOINT right_knee");
        String knee = lines.get(kneeLine + 2).strip();
        String[] v = knee.split(" ");
        assertThat(Double.parseDouble(v[2])).isCloseTo(-100 * Math.sqrt(0.01 * 0.01 + 0.44 * 0.44 + 0.1 * 0.1), within(1e-3));
        assertThat(Formats.read(cm, ReadOptions.DEFAULTS).motions().get("a").provenance().get("units")).isEqualTo("centimetres");
        Path m = dir.resolve("b.bvh");
        Formats.write(PoseFile.of("test", "b", BvhMotions.rigidlyMoving(3)), m, null, WriteOptions.DEFAULTS.withUnits("m"));
        assertThat(Formats.read(m, ReadOptions.DEFAULTS).motions().get("b").provenance().get("units")).isEqualTo("metres");
        assertThatThrownBy(() -> Formats.write(PoseFile.of("test", "b", BvhMotions.rigidlyMoving(3)), m, null,
                WriteOptions.DEFAULTS.withUnits("mm"))).isInstanceOf(PosettaException.class).hasMessageContaining("cm or m");
    }

    @Test
    void gapsAreInterpolatedAndAJointNeverSeenIsRefused() throws IOException {
        Motion3d m = BvhMotions.rigidlyMoving(10);
        boolean[] valid = m.validity();
        for (int t = 3; t < 6; t++) {
            valid[t * 17 + 13] = false;
        }
        Motion3d gappy = m.withPositions(m.positions(), valid);
        Motion3d back = roundTrip(gappy, WriteOptions.DEFAULTS.withExact(true));
        assertThat(back.invalidCount()).isZero();
        RotationMatrix up = Upright.rotation(m);
        // frame 4 lies halfway between frames 2 and 6
        double[] a = up.apply(point(m, 2, 13));
        double[] b = up.apply(point(m, 6, 13));
        for (int c = 0; c < 3; c++) {
            assertThat(back.get(4, 13, c)).isCloseTo((float) ((a[c] + b[c]) / 2), within(1e-5f));
        }
        for (int t = 0; t < 10; t++) {
            valid[t * 17 + 10] = false;
        }
        Motion3d headless = m.withPositions(m.positions(), valid);
        assertThatThrownBy(() -> Formats.write(PoseFile.of("test", "x", headless), dir.resolve("x.bvh"), null))
                .isInstanceOf(PosettaException.class).hasMessageContaining("head").hasMessageContaining("no valid frame");
        assertThat(dir.resolve("x.bvh")).doesNotExist();
    }

    @Test
    void human36mS9KeepsBoneDirectionsAndExactModeKeepsPositions() throws IOException {
        Optional<Path> folder = Human36m.find();
        Assumptions.assumeTrue(folder.isPresent(), "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        Human36m h36m = Human36m.load(folder.get(), List.of("S9"));
        for (String action : List.of("Walking", "SittingDown", "Greeting")) {
            Motion3d world = h36m.worldPositions("S9", action);
            Motion3d m = world.slice(0, Math.min(world.frames(), 1500));
            RotationMatrix up = Upright.rotation(m);
            assertThat(up.angleTo(RotationMatrix.about(0, -Math.PI / 2))).as("z up").isLessThan(1e-12);
            Motion3d fixed = roundTrip(m, WriteOptions.DEFAULTS);
            double degrees = meanDirectionErrorDegrees(m, fixed, up);
            double normalised = maxPositionError(boneLengthsNormalised(m), fixed, up);
            double exact = maxPositionError(m, roundTrip(m, WriteOptions.DEFAULTS.withExact(true)), up);
            System.out.printf("BVH round trip S9 %s (%d frames): mean bone direction error %.5f°, max error %.4f mm after"
                    + " bone-length normalisation (%.1f mm before), exact mode max error %.4f mm%n", action, m.frames(), degrees,
                    normalised * 1000, maxPositionError(m, fixed, up) * 1000, exact * 1000);
            // one child per rotated joint: directions are exact up to the printed precision
            assertThat(degrees).as(action).isLessThan(0.01);
            assertThat(normalised).as(action).isLessThan(0.001);
            assertThat(exact).as(action).isLessThan(0.001);
        }
    }

    @Test
    void bandaiClipMappedToH36mRoundTrips() throws IOException {
        Optional<Bandai> bandai = Bandai.find();
        Assumptions.assumeTrue(bandai.isPresent(), "Bandai-Namco data not found under " + DataLocation.root() + "/bandai; skipping");
        Bandai.Clip clip = bandai.get().clips().stream().filter(c -> c.content().equals("walk")).findFirst().orElseThrow();
        Motion3d m = bandai.get().load(clip);
        RotationMatrix up = Upright.rotation(m);
        assertThat(up.angleTo(RotationMatrix.IDENTITY)).as("y up").isLessThan(1e-12);
        Motion3d fixed = roundTrip(m, WriteOptions.DEFAULTS);
        double degrees = meanDirectionErrorDegrees(m, fixed, up);
        double normalised = maxPositionError(boneLengthsNormalised(m), fixed, up);
        double exact = maxPositionError(m, roundTrip(m, WriteOptions.DEFAULTS.withExact(true)), up);
        System.out.printf("BVH round trip Bandai %s (%d frames): mean bone direction error %.5f°, max error %.4f mm after"
                + " bone-length normalisation (%.1f mm before), exact mode max error %.4f mm%n", clip.name(), m.frames(), degrees,
                normalised * 1000, maxPositionError(m, fixed, up) * 1000, exact * 1000);
        assertThat(degrees).isLessThan(0.01);
        assertThat(normalised).isLessThan(0.001);
        assertThat(exact).isLessThan(0.001);
    }

    private Motion3d roundTrip(Motion3d m, WriteOptions options) {
        Path file = dir.resolve("clip.bvh");
        Formats.write(PoseFile.of("test", "clip", m), file, "bvh", options);
        return Formats.read(file, ReadOptions.DEFAULTS).motions().get("clip");
    }

    /**
     * The motion with every bone scaled to its median length over the frames, its directions and
     * the pelvis kept: the skeleton a BVH file with fixed OFFSETs can hold.
     */
    private static Motion3d boneLengthsNormalised(Motion3d m) {
        int[] parent = Layout.H36M17.parents();
        double[] median = new double[17];
        for (int j = 1; j < 17; j++) {
            double[] lengths = new double[m.frames()];
            for (int t = 0; t < m.frames(); t++) {
                double[] d = diff(point(m, t, j), point(m, t, parent[j]));
                lengths[t] = Math.sqrt(sq(d[0]) + sq(d[1]) + sq(d[2]));
            }
            Arrays.sort(lengths);
            int n = lengths.length;
            median[j] = n % 2 == 1 ? lengths[n / 2] : (lengths[n / 2 - 1] + lengths[n / 2]) / 2;
        }
        float[] out = m.positions();
        for (int t = 0; t < m.frames(); t++) {
            // parents come before their children in H36M-17, so each parent is already placed
            for (int j = 1; j < 17; j++) {
                double[] d = diff(point(m, t, j), point(m, t, parent[j]));
                double scale = median[j] / Math.sqrt(sq(d[0]) + sq(d[1]) + sq(d[2]));
                for (int c = 0; c < 3; c++) {
                    out[(t * 17 + j) * 3 + c] = (float) (out[(t * 17 + parent[j]) * 3 + c] + scale * d[c]);
                }
            }
        }
        return m.withPositions(out, m.validity());
    }

    /** Largest distance between {@code up · original} and the read-back position, metres. */
    private static double maxPositionError(Motion3d original, Motion3d back, RotationMatrix up) {
        double worst = 0;
        for (int t = 0; t < original.frames(); t++) {
            for (int j = 0; j < 17; j++) {
                double[] p = up.apply(point(original, t, j));
                double[] q = point(back, t, j);
                worst = Math.max(worst, Math.sqrt(sq(p[0] - q[0]) + sq(p[1] - q[1]) + sq(p[2] - q[2])));
            }
        }
        return worst;
    }

    /** Mean angle between each bone of {@code up · original} and of the read-back sequence, degrees. */
    private static double meanDirectionErrorDegrees(Motion3d original, Motion3d back, RotationMatrix up) {
        double sum = 0;
        int n = 0;
        for (int t = 0; t < original.frames(); t++) {
            for (int[] bone : Layout.H36M17.bones()) {
                double[] a = up.apply(diff(point(original, t, bone[0]), point(original, t, bone[1])));
                double[] b = diff(point(back, t, bone[0]), point(back, t, bone[1]));
                double cos = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2])
                        / Math.sqrt((sq(a[0]) + sq(a[1]) + sq(a[2])) * (sq(b[0]) + sq(b[1]) + sq(b[2])));
                sum += Math.toDegrees(Math.acos(Math.min(1, cos)));
                n++;
            }
        }
        return sum / n;
    }

    private static double[] point(Motion3d m, int t, int j) {
        return new double[] {m.get(t, j, 0), m.get(t, j, 1), m.get(t, j, 2)};
    }

    private static double[] diff(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double sq(double v) {
        return v * v;
    }
}
