package org.posetta.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProcrustesTest {
    /** Rotation by {@code angle} about the unit axis {@code (x, y, z)} (Rodrigues), row-major. */
    static double[] rotation(double x, double y, double z, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double k = 1 - c;
        return new double[] {
            c + x * x * k, x * y * k - z * s, x * z * k + y * s,
            y * x * k + z * s, c + y * y * k, y * z * k - x * s,
            z * x * k - y * s, z * y * k + x * s, c + z * z * k};
    }

    static double[] randomPoints(Random random, int n) {
        double[] p = new double[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextGaussian() * 0.3;
        }
        return p;
    }

    static double determinant(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    @Test
    void recoversAKnownSimilarity() {
        Random random = new Random(7);
        double[] source = randomPoints(random, 17);
        double norm = Math.sqrt(1 + 4 + 9);
        double[] r = rotation(1 / norm, -2 / norm, 3 / norm, 2.1);
        Similarity truth = new Similarity(1.7, r, new double[] {0.4, -1.2, 5.0});
        double[] target = truth.apply(source);

        Similarity fit = Procrustes.align(source, target);

        assertThat(fit.scale()).isCloseTo(1.7, within(1e-12));
        assertThat(fit.rotation()).containsExactly(r, within(1e-12));
        assertThat(fit.translation()).containsExactly(new double[] {0.4, -1.2, 5.0}, within(1e-12));
        assertThat(fit.apply(source)).containsExactly(target, within(1e-12));
    }

    @Test
    void aMirroredTargetGetsARotationNotAReflection() {
        Random random = new Random(3);
        double[] source = randomPoints(random, 17);
        double[] mirrored = source.clone();
        for (int i = 0; i < mirrored.length; i += 3) {
            mirrored[i] = -mirrored[i];
        }

        Similarity fit = Procrustes.align(source, mirrored);

        assertThat(determinant(fit.rotation())).isCloseTo(1, within(1e-12));
        double residual = 0;
        double[] aligned = fit.apply(source);
        for (int i = 0; i < aligned.length; i++) {
            residual += (aligned[i] - mirrored[i]) * (aligned[i] - mirrored[i]);
        }
        assertThat(residual).isGreaterThan(1e-3);
    }

    @Test
    void theReflectionFixGivesTheBestRotation() {
        // Any other rotation, scale and translation must leave at least the fitted residual.
        Random random = new Random(11);
        double[] source = randomPoints(random, 10);
        double[] target = source.clone();
        for (int i = 0; i < target.length; i += 3) {
            target[i] = -target[i] + 0.01 * random.nextGaussian();
        }
        Similarity fit = Procrustes.align(source, target);
        double best = residual(fit, source, target);
        for (int trial = 0; trial < 2000; trial++) {
            double[] axis = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double len = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
            double[] r = rotation(axis[0] / len, axis[1] / len, axis[2] / len, random.nextDouble() * Math.PI);
            Similarity other = new Similarity(random.nextDouble() * 2, r, new double[] {
                random.nextGaussian() * 0.1, random.nextGaussian() * 0.1, random.nextGaussian() * 0.1});
            assertThat(residual(other, source, target)).isGreaterThanOrEqualTo(best);
        }
    }

    @Test
    void zeroWeightsLeaveJointsOut() {
        Random random = new Random(5);
        double[] source = randomPoints(random, 12);
        Similarity truth = new Similarity(0.8, rotation(0, 0, 1, 0.7), new double[] {1, 2, 3});
        double[] target = truth.apply(source);
        target[0] += 5;
        target[31] -= 3;
        double[] weights = new double[12];
        Arrays.fill(weights, 2.5);
        weights[0] = 0;
        weights[10] = 0;

        Similarity fit = new Procrustes().fit(source, target, weights);

        assertThat(fit.scale()).isCloseTo(0.8, within(1e-12));
        assertThat(fit.translation()).containsExactly(new double[] {1, 2, 3}, within(1e-12));
        assertThat(Procrustes.align(source, target).scale()).isNotCloseTo(0.8, within(1e-3));
    }

    @Test
    void coincidentSourcePointsMapToTheTargetCentroid() {
        double[] source = {1, 1, 1, 1, 1, 1};
        double[] target = {0, 0, 0, 2, 4, 6};
        Similarity fit = Procrustes.align(source, target);
        assertThat(fit.scale()).isZero();
        assertThat(fit.apply(source)).containsExactly(1, 2, 3, 1, 2, 3);
    }

    @Test
    void rejectsMismatchedInput() {
        assertThatThrownBy(() -> Procrustes.align(new double[6], new double[9]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Procrustes().fit(new double[6], new double[6], new double[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double residual(Similarity s, double[] source, double[] target) {
        double[] a = s.apply(source);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - target[i]) * (a[i] - target[i]);
        }
        return sum;
    }
}
