package org.posetta.adapt.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalisationTest {
    private static final int FRAMES = 20;

    /** A walking-like clip: hips along +x, moving forward along −z with swinging legs, in a y-down camera frame. */
    private static float[] clip(Random rng) {
        float[] c = new float[FRAMES * 17 * 3];
        for (int f = 0; f < FRAMES; f++) {
            for (int j = 0; j < 17; j++) {
                int i = (f * 17 + j) * 3;
                c[i] = (float) (rng.nextGaussian() * 0.2) + (j == 4 ? 0.15f : j == 1 ? -0.15f : 0);
                c[i + 1] = (float) (rng.nextGaussian() * 0.3);
                c[i + 2] = (float) (rng.nextGaussian() * 0.2 + 4 - 0.05 * f);
            }
        }
        return c;
    }

    /** Rotation of every point by {@code angle} about the axis {@code up} through {@code centre}. */
    private static float[] rotateAbout(float[] clip, double[] up, double angle, double[] centre) {
        double[] k = up.clone();
        double n = Math.sqrt(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
        for (int c = 0; c < 3; c++) {
            k[c] /= n;
        }
        float[] out = new float[clip.length];
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int i = 0; i < clip.length; i += 3) {
            double[] v = {clip[i] - centre[0], clip[i + 1] - centre[1], clip[i + 2] - centre[2]};
            double dot = k[0] * v[0] + k[1] * v[1] + k[2] * v[2];
            double[] cross = {k[1] * v[2] - k[2] * v[1], k[2] * v[0] - k[0] * v[2], k[0] * v[1] - k[1] * v[0]};
            for (int c = 0; c < 3; c++) {
                out[i + c] = (float) (v[c] * cos + cross[c] * sin + k[c] * dot * (1 - cos) + centre[c]);
            }
        }
        return out;
    }

    @Test
    void headingAndPositionAreRemoved() {
        float[] a = clip(new Random(1));
        double[] up = {0.05, -1, 0.1};
        float[] turned = rotateAbout(a, up, 1.3, new double[] {2, 1, 3});
        float[] ca = Canonicalisation.apply(a, FRAMES, up);
        float[] cb = Canonicalisation.apply(turned, FRAMES, up);
        for (int i = 0; i < ca.length; i++) {
            assertThat(cb[i]).isCloseTo(ca[i], within(1e-4f));
        }
    }

    @Test
    void outputHasThePelvisAtTheOriginTheVerticalAlongYAndTheHipsAlongX() {
        float[] a = clip(new Random(2));
        double[] up = {0, -1, 0};
        float[] c = Canonicalisation.apply(a, FRAMES, up);
        double hipsX = 0;
        double hipsZ = 0;
        for (int f = 0; f < FRAMES; f++) {
            for (int q = 0; q < 3; q++) {
                assertThat(c[f * 51 + q]).isEqualTo(0f);
            }
            hipsX += c[(f * 17 + 4) * 3] - c[(f * 17 + 1) * 3];
            hipsZ += c[(f * 17 + 4) * 3 + 2] - c[(f * 17 + 1) * 3 + 2];
            // y is up: the camera's −y.
            assertThat(c[(f * 17 + 10) * 3 + 1]).isCloseTo(-(a[(f * 17 + 10) * 3 + 1] - a[f * 51 + 1]), within(1e-5f));
        }
        assertThat(hipsX).isPositive();
        assertThat(hipsZ).isCloseTo(0, within(1e-4));
    }

    @Test
    void tensorFormMatchesTheArrayForm() {
        float[] a = clip(new Random(3));
        for (int f = 0; f < FRAMES; f++) {
            float[] root = {a[f * 51], a[f * 51 + 1], a[f * 51 + 2]};
            for (int j = 0; j < 17; j++) {
                for (int c = 0; c < 3; c++) {
                    a[(f * 17 + j) * 3 + c] -= root[c];
                }
            }
        }
        double[] up = {0, -0.9, 0.3};
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            float[] t = Canonicalisation.apply(m.create(a, new ai.djl.ndarray.types.Shape(1, FRAMES, 17, 3)), up).toFloatArray();
            float[] expected = Canonicalisation.apply(a, FRAMES, up);
            for (int i = 0; i < t.length; i++) {
                assertThat(t[i]).isCloseTo(expected[i], within(1e-5f));
            }
        }
    }
}
