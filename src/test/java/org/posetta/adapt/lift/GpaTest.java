package org.posetta.adapt.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.posetta.geometry.Camera;

class GpaTest {
    static final Camera PINHOLE = new Camera("t", 1000, 1000, new double[] {1150, 1150}, new double[] {500, 500},
            new double[3], new double[2], new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[3]);

    /** A standing person, root-relative, metres (H36M-17 proportions). */
    static float[] standing(double lean) {
        double[][] p = {{0, 0, 0}, {-0.13, 0, 0}, {-0.13, 0.45, 0}, {-0.13, 0.88, 0.05}, {0.13, 0, 0}, {0.13, 0.45, 0},
            {0.13, 0.88, 0.05}, {0, -0.23, lean}, {0, -0.48, lean}, {0, -0.58, lean}, {0, -0.7, lean},
            {0.17, -0.45, lean}, {0.43, -0.45, lean}, {0.68, -0.45, lean}, {-0.17, -0.45, lean}, {-0.43, -0.45, lean},
            {-0.68, -0.45, lean}};
        float[] out = new float[p.length * 3];
        for (int j = 0; j < p.length; j++) {
            for (int c = 0; c < 3; c++) {
                out[j * 3 + c] = (float) p[j][c];
            }
        }
        return out;
    }

    static float[] shifted(float[] pose, double x, double y, double z) {
        float[] out = pose.clone();
        for (int j = 0; j < out.length / 3; j++) {
            out[j * 3] += (float) x;
            out[j * 3 + 1] += (float) y;
            out[j * 3 + 2] += (float) z;
        }
        return out;
    }

    static double size(float[] pixels) {
        double uMin = Double.MAX_VALUE, uMax = -Double.MAX_VALUE, vMin = Double.MAX_VALUE, vMax = -Double.MAX_VALUE;
        for (int i = 0; i < pixels.length; i += 2) {
            uMin = Math.min(uMin, pixels[i]);
            uMax = Math.max(uMax, pixels[i]);
            vMin = Math.min(vMin, pixels[i + 1]);
            vMax = Math.max(vMax, pixels[i + 1]);
        }
        return 0.5 * ((uMax - uMin) + (vMax - vMin));
    }

    @Test
    void placedSourceHasTheTargetsProjectedSizeAndRoot() {
        int joints = 17;
        Random rnd = new Random(3);
        for (int trial = 0; trial < 5; trial++) {
            // the target: a smaller person far away, off-centre
            float[] target3d = shifted(standing(0.1), -1 + 2 * rnd.nextDouble(), 0.5 * rnd.nextDouble(), 6 + 4 * rnd.nextDouble());
            for (int j = 0; j < joints * 3; j++) {
                target3d[j] *= j % 3 == 2 ? 1 : 0.8f;
            }
            float[] targetPixels = new float[joints * 2];
            PINHOLE.project(target3d, targetPixels);
            float[] confidence = new float[joints];
            Arrays.fill(confidence, 1f);

            float[] source = standing(0.0);
            float[] augmented = Gpa.augment(source, targetPixels, confidence, joints, 0, PINHOLE);
            assertThat(size(augmented)).isCloseTo(size(targetPixels), within(0.03 * size(targetPixels)));
            assertThat(augmented[0]).isCloseTo(targetPixels[0], within(1e-2f));
            assertThat(augmented[1]).isCloseTo(targetPixels[1], within(1e-2f));
            // only the placement changes: the placed pose minus its root is the source
            float[] placed = Gpa.place(source, targetPixels, confidence, joints, 0, PINHOLE);
            for (int j = 0; j < joints; j++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(placed[j * 3 + c] - placed[c]).isCloseTo(source[j * 3 + c], within(1e-5f));
                }
            }
        }
    }

    @Test
    void unmeasurableTargetFramesTakeTheClipMedianAndNoMeasurementGivesNull() {
        int joints = 17;
        float[] source = new float[2 * joints * 3];
        System.arraycopy(standing(0), 0, source, 0, joints * 3);
        System.arraycopy(standing(0), 0, source, joints * 3, joints * 3);
        float[] pixels = new float[2 * joints * 2];
        PINHOLE.project(shifted(standing(0), 0.3, 0, 5), Arrays.copyOf(pixels, joints * 2));
        float[] frame0 = new float[joints * 2];
        PINHOLE.project(shifted(standing(0), 0.3, 0, 5), frame0);
        System.arraycopy(frame0, 0, pixels, 0, joints * 2);
        float[] confidence = new float[2 * joints];
        Arrays.fill(confidence, 0, joints, 1f);
        float[] placed = Gpa.place(source, pixels, confidence, joints, 0, PINHOLE);
        for (int c = 0; c < 3; c++) {
            assertThat(placed[joints * 3 + c]).isEqualTo(placed[c]);
        }
        assertThat(Gpa.place(source, pixels, new float[2 * joints], joints, 0, PINHOLE)).isNull();
    }
}
