package org.posetta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.adapt.semantic.Labels;
import org.posetta.io.PoseFile;
import org.posetta.io.ReadOptions;
import org.posetta.io.WriteOptions;
import org.posetta.metrics.PoseErrors;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/** Uses the facade as a program that depends on posetta would, through public types only. */
class PosettaTest {
    @TempDir
    Path dir;

    private static Motion3d walk(long seed, double noise) {
        Random rnd = new Random(seed);
        float[] xyz = new float[20 * 17 * 3];
        for (int t = 0; t < 20; t++) {
            for (int j = 0; j < 17; j++) {
                for (int c = 0; c < 3; c++) {
                    double base = c == 2 ? 4 : (j - 8) * 0.05 * (c + 1) + 0.01 * t;
                    xyz[(t * 17 + j) * 3 + c] = (float) (base + noise * rnd.nextGaussian());
                }
            }
        }
        return new Motion3d(Layout.H36M17, 50, CoordinateFrame.CAMERA, xyz, null, null);
    }

    @Test
    void labelsForAnotherLengthAreRefusedBeforeAnyModelLoads() {
        Keypoints2d k = new Keypoints2d(Layout.H36M17, 30, 640, 480, new float[10 * 17 * 2], new float[10 * 17], null);
        assertThatThrownBy(() -> Posetta.adapt(k, Labels.constant("a person walks", 12))).isInstanceOf(PosettaException.class)
                .hasMessageContaining("12 frames").hasMessageContaining("10");
    }

    @Test
    void writesReadsAndEvaluates() {
        Motion3d truth = walk(1, 0);
        Motion3d estimate = walk(1, 0.01);
        Path npz = dir.resolve("estimate.npz");
        Posetta.write(estimate, npz);
        Posetta.write(truth, dir.resolve("truth.json"));
        Motion3d back = Posetta.readMotion(npz);
        assertThat(back.positions()).isEqualTo(estimate.positions());
        PoseErrors self = Posetta.evaluate(back, Posetta.readMotion(dir.resolve("truth.json")));
        // Gaussian noise of 10 mm per axis: mean 3D error ≈ 10 mm · √(8/π) ≈ 16 mm, before root alignment
        assertThat(self.mpjpeMm()).isBetween(10.0, 30.0);
        assertThat(Posetta.evaluate(truth, truth).mpjpeMm()).isCloseTo(0, within(1e-9));
    }

    @Test
    void writesBvhInMetresAndReadsItBackAsH36m() {
        Motion3d truth = walk(2, 0.02);
        Path bvh = dir.resolve("walk.bvh");
        Posetta.write(PoseFile.of("api", "walk", truth), bvh, null, WriteOptions.DEFAULTS.withUnits("m").withExact(true));
        Motion3d back = Posetta.readMotion(bvh);
        assertThat(back.layout()).isSameAs(Layout.H36M17);
        assertThat(back.frames()).isEqualTo(20);
        assertThat(Posetta.read(bvh, ReadOptions.DEFAULTS, "bvh").motions()).containsKey("walk");
    }

    @Test
    void userErrorsNameTheFile() {
        assertThatThrownBy(() -> Posetta.readMotion(dir.resolve("missing.npz"))).isInstanceOf(PosettaException.class)
                .hasMessageContaining("missing.npz does not exist");
        Posetta.write(walk(3, 0), dir.resolve("only3d.json"));
        assertThatThrownBy(() -> Posetta.readKeypoints(dir.resolve("only3d.json"))).isInstanceOf(PosettaException.class)
                .hasMessageContaining("holds 0 2D sequences");
    }
}
