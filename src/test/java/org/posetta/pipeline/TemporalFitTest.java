package org.posetta.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

class TemporalFitTest {
    /** A rigid H36M-17 skeleton whose every joint swings slowly, with 2 cm noise and a 10-frame gap. */
    private static Motion3d noisyWalk() {
        Layout l = Layout.H36M17;
        int t = 120;
        int j = l.size();
        Random rnd = new Random(7);
        double[][] rest = new double[j][3];
        for (int k = 0; k < j; k++) {
            int p = l.parent(k);
            if (p >= 0) {
                rest[k][0] = rest[p][0] + 0.1 * (k % 3 - 1);
                rest[k][1] = rest[p][1] + (k < 7 ? 0.2 : -0.15);
                rest[k][2] = rest[p][2] + 0.05;
            }
        }
        float[] xyz = new float[t * j * 3];
        boolean[] valid = new boolean[t * j];
        for (int f = 0; f < t; f++) {
            double a = 0.3 * Math.sin(2 * Math.PI * f / 60.0);
            for (int k = 0; k < j; k++) {
                double x = rest[k][0] * Math.cos(a) - rest[k][2] * Math.sin(a);
                double z = rest[k][0] * Math.sin(a) + rest[k][2] * Math.cos(a);
                double[] v = {x, rest[k][1], z};
                valid[f * j + k] = f < 50 || f >= 60;
                for (int c = 0; c < 3; c++) {
                    xyz[(f * j + k) * 3 + c] = (float) (v[c] + 0.02 * rnd.nextGaussian());
                }
            }
        }
        return new Motion3d(l, 30, CoordinateFrame.CAMERA, xyz, valid, null);
    }

    @Test
    void theFitFillsGapsHoldsBoneLengthsAndSmoothsWhileTheLossFalls() {
        Motion3d in = noisyWalk();
        TemporalFit.Result r = TemporalFit.fit(in, TemporalFit.Settings.DEFAULT);
        Motion3d out = r.motion();
        assertThat(out.invalidCount()).isZero();
        // the ten-frame gap is what was filled in: 10 frames of 17 joints, nothing else
        assertThat(out.filledCount()).isEqualTo(10 * 17);
        assertThat(out.isFilled(55, 3)).isTrue();
        assertThat(out.isFilled(49, 3)).isFalse();
        assertThat(MotionStats.boneLengthVariation(in)).isGreaterThan(0.1);
        assertThat(MotionStats.boneLengthVariation(out)).isLessThan(0.05);
        assertThat(MotionStats.meanAcceleration(out)).isLessThan(MotionStats.meanAcceleration(in) / 3);
        double[] loss = r.losses();
        assertThat(loss[loss.length - 1]).isLessThan(loss[0] / 2);
    }

    @Test
    void aRigidStillSkeletonHasNoBoneVariationOrAcceleration() {
        Motion3d still = new Motion3d(Layout.H36M17, 30, CoordinateFrame.CAMERA, repeat(noisyWalk().slice(0, 1).positions(), 5),
                null, null);
        assertThat(MotionStats.boneLengthVariation(still)).isLessThan(1e-6);
        assertThat(MotionStats.meanAcceleration(still)).isZero();
    }

    private static float[] repeat(float[] frame, int n) {
        float[] out = new float[frame.length * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(frame, 0, out, i * frame.length, frame.length);
        }
        return out;
    }
}
