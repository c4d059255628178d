package org.posetta.geometry;

/**
 * The continuous 6D rotation representation (Zhou et al., "On the Continuity of Rotation
 * Representations in Neural Networks", CVPR 2019): two 3-vectors of the rotation matrix, mapped
 * back to a rotation by Gram–Schmidt, so that any six numbers a network outputs (with
 * independent, non-zero vectors) decode to a rotation.
 */
public final class Rotation6d {
    /** Which two 3-vectors of {@code R} the six numbers hold. */
    public enum Convention {
        /** The first two columns {@code (R00, R10, R20, R01, R11, R21)}, as in Zhou et al. */
        COLUMNS,
        /** The first two rows {@code (R00, R01, R02, R10, R11, R12)}, as some codebases store it. */
        ROWS
    }

    private Rotation6d() {
    }

    /** The six numbers of {@code r} in {@code convention}. */
    public static double[] of(RotationMatrix r, Convention convention) {
        double[] d = new double[6];
        for (int v = 0; v < 2; v++) {
            for (int e = 0; e < 3; e++) {
                d[3 * v + e] = convention == Convention.COLUMNS ? r.get(e, v) : r.get(v, e);
            }
        }
        return d;
    }

    /**
     * The rotation of six numbers {@code (a1, a2)} starting at {@code offset}:
     * {@code b1 = a1 / |a1|}, {@code b2 = (a2 − (b1·a2) b1) / |…|}, {@code b3 = b1 × b2}; these are
     * the columns of {@code R} for {@link Convention#COLUMNS}, its rows for {@link Convention#ROWS}.
     *
     * @throws IllegalArgumentException when {@code a1} is zero or {@code a2} is parallel to it
     */
    public static RotationMatrix toMatrix(double[] sixD, int offset, Convention convention) {
        double[] b1 = {sixD[offset], sixD[offset + 1], sixD[offset + 2]};
        double[] a2 = {sixD[offset + 3], sixD[offset + 4], sixD[offset + 5]};
        double n1 = norm(b1);
        if (!(n1 > 1e-12) || Double.isInfinite(n1)) {
            throw new IllegalArgumentException("6D rotation with a zero or non-finite first vector");
        }
        scale(b1, 1 / n1);
        double d = b1[0] * a2[0] + b1[1] * a2[1] + b1[2] * a2[2];
        double[] b2 = {a2[0] - d * b1[0], a2[1] - d * b1[1], a2[2] - d * b1[2]};
        double n2 = norm(b2);
        if (!(n2 > 1e-12 * Math.max(1, norm(a2))) || Double.isInfinite(n2)) {
            throw new IllegalArgumentException("6D rotation whose second vector is zero or parallel to the first");
        }
        scale(b2, 1 / n2);
        double[] b3 = {b1[1] * b2[2] - b1[2] * b2[1], b1[2] * b2[0] - b1[0] * b2[2], b1[0] * b2[1] - b1[1] * b2[0]};
        double[][] v = {b1, b2, b3};
        double[] m = new double[9];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                m[3 * row + col] = convention == Convention.COLUMNS ? v[col][row] : v[row][col];
            }
        }
        return RotationMatrix.trusted(m);
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private static void scale(double[] v, double s) {
        for (int i = 0; i < 3; i++) {
            v[i] *= s;
        }
    }
}
