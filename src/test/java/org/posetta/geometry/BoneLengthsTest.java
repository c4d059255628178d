package org.posetta.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.Provenance;

class BoneLengthsTest {
    private static final Layout L = Layout.H36M17;

    /** Random poses whose bones stretch by up to ±10 % from frame to frame. */
    private static Motion3d breathing(int frames) {
        Random rnd = new Random(4);
        float[] xyz = new float[frames * L.size() * 3];
        for (int t = 0; t < frames; t++) {
            for (int j = 1; j < L.size(); j++) {
                int p = L.parent(j);
                double stretch = 0.3 * (1 + 0.1 * (2 * rnd.nextDouble() - 1));
                double[] dir = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
                double n = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
                for (int c = 0; c < 3; c++) {
                    xyz[(t * L.size() + j) * 3 + c] = (float) (xyz[(t * L.size() + p) * 3 + c] + stretch * dir[c] / n);
                }
            }
        }
        return new Motion3d(L, 30, CoordinateFrame.CAMERA, xyz, null, Provenance.EMPTY);
    }

    @Test
    void everyBoneGetsItsMedianLengthAndKeepsItsDirection() {
        Motion3d in = breathing(21);
        Motion3d out = BoneLengths.hold(in);
        double[] median = BoneLengths.medians(in);
        for (int t = 0; t < in.frames(); t++) {
            for (int j = 1; j < L.size(); j++) {
                int p = L.parent(j);
                double[] a = new double[3];
                double[] b = new double[3];
                for (int c = 0; c < 3; c++) {
                    a[c] = in.get(t, j, c) - in.get(t, p, c);
                    b[c] = out.get(t, j, c) - out.get(t, p, c);
                }
                double la = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
                double lb = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
                assertThat(lb).isCloseTo(median[j], within(1e-5));
                assertThat((a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (la * lb)).isCloseTo(1, within(1e-6));
            }
            assertThat(out.get(t, 0, 0)).isEqualTo(in.get(t, 0, 0));
        }
        assertThat(median[3]).isBetween(0.27, 0.33);
    }
}
