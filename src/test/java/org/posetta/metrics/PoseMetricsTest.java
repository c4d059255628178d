package org.posetta.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

class PoseMetricsTest {
    private static final int J = 17;
    private static final int T = 20;
    private static final double EPS = 1e-6;

    /** A moving pose: random joints about a root drifting through space, metres. */
    static Motion3d groundTruth(long seed) {
        Random random = new Random(seed);
        float[] base = new float[J * 3];
        for (int i = 3; i < base.length; i++) {
            base[i] = (float) (random.nextGaussian() * 0.4);
        }
        float[] xyz = new float[T * J * 3];
        for (int t = 0; t < T; t++) {
            for (int i = 0; i < J * 3; i++) {
                xyz[t * J * 3 + i] = base[i] + (float) (0.02 * t * (i % 3 + 1) + 0.01 * random.nextGaussian()) + (i % 3 == 2 ? 4 : 0);
            }
        }
        return motion(xyz);
    }

    static Motion3d motion(float[] xyz) {
        return new Motion3d(Layout.H36M17, 50, CoordinateFrame.CAMERA, xyz, null, Provenance.EMPTY);
    }

    /** {@code m} with {@code f} applied to each frame's J·3 positions. */
    static Motion3d perFrame(Motion3d m, UnaryOperator<double[]> f) {
        float[] xyz = m.positions();
        float[] out = new float[xyz.length];
        for (int t = 0; t < m.frames(); t++) {
            double[] frame = new double[J * 3];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = xyz[t * J * 3 + i];
            }
            double[] mapped = f.apply(frame);
            for (int i = 0; i < frame.length; i++) {
                out[t * J * 3 + i] = (float) mapped[i];
            }
        }
        return m.withPositions(out, m.validity());
    }

    /** {@code m} with {@code offset(t, j)} (metres) added to every non-root joint. */
    static Motion3d offsetJoints(Motion3d m, BiFunction<Integer, Integer, double[]> offset) {
        float[] xyz = m.positions();
        for (int t = 0; t < m.frames(); t++) {
            for (int j = 1; j < J; j++) {
                double[] o = offset.apply(t, j);
                for (int c = 0; c < 3; c++) {
                    xyz[(t * J + j) * 3 + c] += (float) o[c];
                }
            }
        }
        return m.withPositions(xyz, m.validity());
    }

    static double[] rotateScaleTranslate(double[] frame, double angle, double scale, double[] shift) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[] out = new double[frame.length];
        for (int i = 0; i < frame.length; i += 3) {
            // about the axis (0, 0.6, 0.8)
            double x = frame[i];
            double y = frame[i + 1];
            double z = frame[i + 2];
            double along = 0.6 * y + 0.8 * z;
            double crossX = 0.6 * z - 0.8 * y;
            double crossY = 0.8 * x;
            double crossZ = -0.6 * x;
            out[i] = scale * (x * c + crossX * s) + shift[0];
            out[i + 1] = scale * (y * c + crossY * s + 0.6 * along * (1 - c)) + shift[1];
            out[i + 2] = scale * (z * c + crossZ * s + 0.8 * along * (1 - c)) + shift[2];
        }
        return out;
    }

    @Test
    void aPerfectPredictionHasNoError() {
        Motion3d gt = groundTruth(1);
        PoseErrors e = PoseMetrics.evaluate(gt, gt);
        assertThat(e.mpjpeMm()).isZero();
        assertThat(e.paMpjpeMm()).isCloseTo(0, within(EPS));
        assertThat(e.nMpjpeMm()).isZero();
        assertThat(e.mpjveMm()).isZero();
        assertThat(e.accelMm()).isZero();
        assertThat(e.pck150()).isEqualTo(100);
        // Error 0 is below every threshold but the first (0 mm): 30 of 31.
        assertThat(e.auc()).isCloseTo(100.0 * 30 / 31, within(1e-9));
        assertThat(e.frames()).isEqualTo(T);
        assertThat(e.velocityTerms()).isEqualTo(T - 1);
        assertThat(e.accelTerms()).isEqualTo(T - 2);
    }

    @Test
    void aGlobalTranslationCostsNothingRootRelativeAndItsLengthAbsolute() {
        Motion3d gt = groundTruth(2);
        Motion3d shifted = perFrame(gt, f -> rotateScaleTranslate(f, 0, 1, new double[] {0.03, 0.04, 0}));

        PoseErrors relative = PoseMetrics.evaluate(shifted, gt);
        PoseErrors absolute = PoseMetrics.evaluate(shifted, gt, EvalOptions.DEFAULT.withRootJoint(EvalOptions.ABSOLUTE));

        assertThat(relative.mpjpeMm()).isCloseTo(0, within(1e-3));
        assertThat(absolute.mpjpeMm()).isCloseTo(50, within(1e-3));
        assertThat(absolute.paMpjpeMm()).isCloseTo(0, within(1e-3));
        assertThat(absolute.mpjveMm()).isCloseTo(0, within(1e-3));
        assertThat(absolute.pck150()).isEqualTo(100);
    }

    @Test
    void pMpjpeRemovesRotationScaleAndTranslation() {
        Motion3d gt = groundTruth(3);
        Motion3d copy = perFrame(gt, f -> rotateScaleTranslate(f, 1.1, 0.7, new double[] {1, -2, 3}));
        PoseErrors e = PoseMetrics.evaluate(copy, gt);
        assertThat(e.paMpjpeMm()).isCloseTo(0, within(1e-3));
        assertThat(e.mpjpeMm()).isGreaterThan(100);
    }

    @Test
    void pMpjpeIsUnchangedWhenThePredictionIsRotatedAndScaled() {
        Motion3d gt = groundTruth(4);
        Motion3d noisy = groundTruth(5);
        Motion3d moved = perFrame(noisy, f -> rotateScaleTranslate(f, -2.3, 1.6, new double[] {0.5, 0, 0}));
        double before = PoseMetrics.evaluate(noisy, gt).paMpjpeMm();
        double after = PoseMetrics.evaluate(moved, gt).paMpjpeMm();
        assertThat(before).isGreaterThan(100);
        assertThat(after).isCloseTo(before, within(1e-3));
    }

    @Test
    void aMirroredPredictionIsNotAlignedAway() {
        Motion3d gt = groundTruth(6);
        Motion3d mirrored = perFrame(gt, f -> {
            double[] m = f.clone();
            for (int i = 0; i < m.length; i += 3) {
                m[i] = -m[i];
            }
            return m;
        });
        PoseErrors e = PoseMetrics.evaluate(mirrored, gt);
        assertThat(e.paMpjpeMm()).isGreaterThan(50);
        assertThat(e.paMpjpeMm()).isLessThanOrEqualTo(e.mpjpeMm());
    }

    @Test
    void nMpjpeRemovesScaleAboutTheRoot() {
        Motion3d gt = groundTruth(7);
        Motion3d larger = perFrame(gt, f -> {
            double[] m = f.clone();
            for (int i = 3; i < m.length; i++) {
                m[i] = f[i % 3] + 1.3 * (f[i] - f[i % 3]);
            }
            return m;
        });
        PoseErrors e = PoseMetrics.evaluate(larger, gt);
        assertThat(e.nMpjpeMm()).isCloseTo(0, within(1e-3));
        assertThat(e.mpjpeMm()).isGreaterThan(50);
        // Rotation is not removed by N-MPJPE.
        Motion3d turned = perFrame(gt, f -> rotateScaleTranslate(f, 0.5, 1, new double[3]));
        assertThat(PoseMetrics.evaluate(turned, gt).nMpjpeMm()).isGreaterThan(20);
    }

    @Test
    void accelerationErrorOfAConstantVelocityOffsetIsZero() {
        Motion3d gt = groundTruth(8);
        // Joint j drifts by (0.001 j, 0, 0.002) m per frame against the truth.
        Motion3d drifting = offsetJoints(gt, (t, j) -> new double[] {0.05 + 0.001 * j * t, 0, 0.002 * t});
        PoseErrors e = PoseMetrics.evaluate(drifting, gt);
        assertThat(e.accelMm()).isCloseTo(0, within(1e-3));
        double expectedVelocity = 0;
        for (int j = 1; j < J; j++) {
            expectedVelocity += Math.hypot(j, 2);
        }
        assertThat(e.mpjveMm()).isCloseTo(expectedVelocity / J, within(1e-3));
    }

    @Test
    void accelerationErrorOfAQuadraticOffsetIsItsSecondDifference() {
        Motion3d gt = groundTruth(9);
        // x offset 0.5 mm · t² on every non-root joint: second difference 1 mm per frame², root 0.
        Motion3d curving = offsetJoints(gt, (t, j) -> new double[] {0.0005 * t * t, 0, 0});
        PoseErrors e = PoseMetrics.evaluate(curving, gt);
        assertThat(e.accelMm()).isCloseTo(16.0 / 17, within(1e-3));
        assertThat(e.accelTerms()).isEqualTo(T - 2);
    }

    @Test
    void framesWithAnInvalidJointAreLeftOutWithTheirTerms() {
        Motion3d gt = groundTruth(10);
        boolean[] valid = gt.validity();
        valid[3 * J + 5] = false; // frame 3, joint 5: its stored position becomes 0, which must not count
        Motion3d gappy = gt.withPositions(gt.positions(), valid);

        for (PoseErrors e : List.of(PoseMetrics.evaluate(gappy, gt), PoseMetrics.evaluate(gt, gappy))) {
            assertThat(e.frames()).isEqualTo(T - 1);
            assertThat(e.velocityTerms()).isEqualTo(T - 3);
            assertThat(e.accelTerms()).isEqualTo(T - 5);
            assertThat(e.mpjpeMm()).isZero();
            assertThat(e.accelMm()).isZero();
            assertThat(e.mpjveMm()).isZero();
        }
        // An invalid root removes the frame too; outside the evaluated set an invalid joint does not.
        valid = gt.validity();
        valid[4 * J] = false;
        valid[6 * J + 7] = false;
        Motion3d noRoot = gt.withPositions(gt.positions(), valid);
        assertThat(PoseMetrics.evaluate(noRoot, gt, EvalOptions.DEFAULT.withJointSet(JointSet.LSP14)).frames())
                .isEqualTo(T - 1);
    }

    @Test
    void nothingCountedGivesNaNAndNullsInJson() {
        Motion3d gt = groundTruth(11);
        Motion3d none = gt.withPositions(gt.positions(), new boolean[T * J]);
        PoseErrors e = PoseMetrics.evaluate(none, gt);
        assertThat(e.frames()).isZero();
        assertThat(e.mpjpeMm()).isNaN();
        assertThat(e.accelMm()).isNaN();
        assertThat(e.toJsonMap()).containsEntry("mpjpe_mm", null).containsEntry("frames", 0);
    }

    @Test
    void frameMasksSelectFramesAndPoolBackToTheWhole() {
        Motion3d gt = groundTruth(12);
        Motion3d pred = groundTruth(13);
        boolean[] occluded = new boolean[T];
        boolean[] visible = new boolean[T];
        for (int t = 0; t < T; t++) {
            occluded[t] = (t / 4) % 2 == 1;
            visible[t] = !occluded[t];
        }
        PoseErrors all = PoseMetrics.evaluate(pred, gt);
        PoseErrors occ = PoseMetrics.evaluate(pred, gt, EvalOptions.DEFAULT, occluded);
        PoseErrors vis = PoseMetrics.evaluate(pred, gt, EvalOptions.DEFAULT, visible);

        assertThat(occ.frames()).isEqualTo(8);
        assertThat(vis.frames()).isEqualTo(12);
        assertThat(occ.accelTerms()).isEqualTo(8);
        assertThat(vis.accelTerms()).isEqualTo(10);
        assertThat(vis.velocityTerms()).isEqualTo(11);
        PoseErrors pooled = PoseErrors.pool(List.of(occ, vis));
        assertThat(pooled.frames()).isEqualTo(all.frames());
        assertThat(pooled.accelTerms()).isEqualTo(all.accelTerms());
        assertThat(pooled.velocityTerms()).isEqualTo(all.velocityTerms());
        assertThat(pooled.mpjpeMm()).isCloseTo(all.mpjpeMm(), within(1e-9));
        assertThat(pooled.paMpjpeMm()).isCloseTo(all.paMpjpeMm(), within(1e-9));
        assertThat(pooled.accelMm()).isCloseTo(all.accelMm(), within(1e-9));
        assertThat(pooled.mpjveMm()).isCloseTo(all.mpjveMm(), within(1e-9));
        assertThat(pooled.auc()).isCloseTo(all.auc(), within(1e-9));
        // The occluded frames alone, evaluated frame by frame, give the same MPJPE.
        double sum = 0;
        for (int t = 0; t < T; t++) {
            if (occluded[t]) {
                sum += PoseMetrics.evaluate(pred.slice(t, t + 1), gt.slice(t, t + 1)).mpjpeMm();
            }
        }
        assertThat(occ.mpjpeMm()).isCloseTo(sum / 8, within(1e-9));
    }

    @Test
    void pckAndAucByHand() {
        Motion3d gt = groundTruth(14);
        // Joint 5 off by 102 mm: below 105..150 mm (10 of 31 thresholds); the other 16 below 5..150 (30).
        Motion3d near = offsetJoints(gt, (t, j) -> new double[] {j == 5 ? 0.102 : 0, 0, 0});
        PoseErrors e = PoseMetrics.evaluate(near, gt);
        assertThat(e.pck150()).isEqualTo(100);
        assertThat(e.auc()).isCloseTo(100.0 * (16 * 30 + 10) / (17 * 31), within(1e-9));
        assertThat(e.mpjpeMm()).isCloseTo(102.0 / 17, within(1e-3));

        // Joints 5 and 6 off by 200 mm: above every threshold.
        Motion3d far = offsetJoints(gt, (t, j) -> new double[] {0, j == 5 || j == 6 ? 0.2 : 0, 0});
        PoseErrors f = PoseMetrics.evaluate(far, gt);
        assertThat(f.pck150()).isCloseTo(100.0 * 15 / 17, within(1e-9));
        assertThat(f.auc()).isCloseTo(100.0 * 15 * 30 / (17 * 31), within(1e-9));
    }

    @Test
    void theFourteenJointSetLeavesOutPelvisSpineAndNeck() {
        assertThat(JointSet.LSP14.indices(Layout.H36M17)).containsExactly(1, 2, 3, 4, 5, 6, 8, 10, 11, 12, 13, 14, 15, 16);
        assertThat(JointSet.parse("17")).isEqualTo(JointSet.ALL);
        assertThat(JointSet.parse("14")).isEqualTo(JointSet.LSP14);
        assertThatThrownBy(() -> JointSet.LSP14.indices(Layout.MPII16)).isInstanceOf(PosettaException.class);

        Motion3d gt = groundTruth(15);
        Motion3d spineOff = offsetJoints(gt, (t, j) -> new double[] {j == 7 || j == 9 ? 0.3 : 0, 0, 0});
        PoseErrors e17 = PoseMetrics.evaluate(spineOff, gt);
        PoseErrors e14 = PoseMetrics.evaluate(spineOff, gt, EvalOptions.DEFAULT.withJointSet(JointSet.LSP14));
        assertThat(e17.mpjpeMm()).isCloseTo(600.0 / 17, within(1e-3));
        assertThat(e14.mpjpeMm()).isCloseTo(0, within(1e-3));
        assertThat(e14.paMpjpeMm()).isCloseTo(0, within(1e-3));
    }

    @Test
    void aChosenRootJointIsSubtracted() {
        Motion3d gt = groundTruth(16);
        // Everything but joint 0 moves by 10 cm: relative to the thorax (8) only the pelvis is off.
        Motion3d moved = offsetJoints(gt, (t, j) -> new double[] {0, 0, 0.1});
        PoseErrors e = PoseMetrics.evaluate(moved, gt, EvalOptions.DEFAULT.withRootJoint(8));
        assertThat(e.mpjpeMm()).isCloseTo(100.0 / 17, within(1e-3));
    }

    @Test
    void rejectsSequencesThatDoNotMatch() {
        Motion3d gt = groundTruth(17);
        assertThatThrownBy(() -> PoseMetrics.evaluate(gt.slice(0, T - 1), gt))
                .isInstanceOf(PosettaException.class).hasMessageContaining("frames");
        Motion3d mpii = new Motion3d(Layout.MPII16, 50, CoordinateFrame.CAMERA, new float[T * 16 * 3], null, null);
        assertThatThrownBy(() -> PoseMetrics.evaluate(mpii, gt))
                .isInstanceOf(PosettaException.class).hasMessageContaining("layout");
    }

    @Test
    void jsonKeysAreTheProtocolNamesInOrder() {
        PoseErrors e = PoseMetrics.evaluate(groundTruth(18), groundTruth(19));
        assertThat(e.toJsonMap().keySet())
                .containsExactly("mpjpe_mm", "pa_mpjpe_mm", "n_mpjpe_mm", "accel_mm", "mpjve_mm", "pck150", "auc", "frames");
        assertThat(e.toJsonMap().get("mpjpe_mm")).isEqualTo(e.mpjpeMm());
        assertThat(e.toJsonMap().get("frames")).isEqualTo(T);
    }
}
