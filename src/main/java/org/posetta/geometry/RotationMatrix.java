package org.posetta.geometry;

import java.util.Arrays;

/**
 * A 3D rotation as a 3×3 orthonormal matrix with determinant +1, acting on column vectors:
 * {@code v' = R v}. Immutable; double precision. The hub through which the other
 * representations ({@link Quaternion}, {@link AxisAngle}, {@link EulerOrder} angles,
 * {@link Rotation6d}) convert into one another.
 */
public final class RotationMatrix {
    /** Tolerance on {@code |RᵀR − I|} and {@code |det R − 1|} when a matrix is given from outside. */
    static final double TOLERANCE = 1e-6;

    public static final RotationMatrix IDENTITY = new RotationMatrix(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

    /** Row-major: {@code m[3 * row + col]}. */
    private final double[] m;

    private RotationMatrix(double[] rowMajor) {
        this.m = rowMajor;
    }

    /**
     * The rotation with these nine entries, row by row.
     *
     * @throws IllegalArgumentException unless the matrix is orthonormal with determinant +1
     *                                  (within 1e-6)
     */
    public static RotationMatrix of(double... rowMajor) {
        if (rowMajor.length != 9) {
            throw new IllegalArgumentException("a 3x3 matrix needs 9 values, got " + rowMajor.length);
        }
        double[] a = rowMajor.clone();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = a[i] * a[j] + a[3 + i] * a[3 + j] + a[6 + i] * a[6 + j];
                if (!(Math.abs(dot - (i == j ? 1 : 0)) <= TOLERANCE)) {
                    throw new IllegalArgumentException("not an orthonormal matrix: " + Arrays.toString(a));
                }
            }
        }
        if (!(Math.abs(determinant(a) - 1) <= TOLERANCE)) {
            throw new IllegalArgumentException("a reflection, not a rotation (det " + determinant(a) + ")");
        }
        return new RotationMatrix(a);
    }

    /** Built from orthonormal columns computed here; skips the check of {@link #of}. */
    static RotationMatrix trusted(double[] rowMajor) {
        return new RotationMatrix(rowMajor);
    }

    /**
     * The elementary rotation by {@code radians} about axis {@code axis} (0 x, 1 y, 2 z), right-handed:
     * about z, {@code (1, 0, 0)} turns towards {@code (0, 1, 0)}.
     */
    public static RotationMatrix about(int axis, double radians) {
        double c = Math.cos(radians);
        double s = Math.sin(radians);
        return switch (axis) {
            case 0 -> new RotationMatrix(new double[] {1, 0, 0, 0, c, -s, 0, s, c});
            case 1 -> new RotationMatrix(new double[] {c, 0, s, 0, 1, 0, -s, 0, c});
            case 2 -> new RotationMatrix(new double[] {c, -s, 0, s, c, 0, 0, 0, 1});
            default -> throw new IllegalArgumentException("axis must be 0, 1 or 2, got " + axis);
        };
    }

    /** Entry at {@code row}, {@code col} (0-based). */
    public double get(int row, int col) {
        return m[3 * row + col];
    }

    /** The nine entries, row by row. */
    public double[] toArray() {
        return m.clone();
    }

    /** The composition {@code this · other}: first {@code other}, then {@code this}. */
    public RotationMatrix times(RotationMatrix other) {
        double[] b = other.m;
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = m[3 * i] * b[j] + m[3 * i + 1] * b[3 + j] + m[3 * i + 2] * b[6 + j];
            }
        }
        return new RotationMatrix(r);
    }

    /** The inverse rotation, {@code Rᵀ}. */
    public RotationMatrix inverse() {
        return new RotationMatrix(new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]});
    }

    /** {@code R v} for a 3-vector {@code v}. */
    public double[] apply(double[] v) {
        return new double[] {
            m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
            m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
            m[6] * v[0] + m[7] * v[1] + m[8] * v[2]};
    }

    /**
     * The unit quaternion of this rotation, with {@code w ≥ 0}. Uses the largest of
     * {@code 1 + tr R} and {@code 1 + 2 R_ii − tr R} as the pivot (Shepperd's method), so that
     * the result stays accurate near 180°.
     */
    public Quaternion toQuaternion() {
        double tr = m[0] + m[4] + m[8];
        double w;
        double x;
        double y;
        double z;
        if (tr >= m[0] && tr >= m[4] && tr >= m[8]) {
            double s = 2 * Math.sqrt(1 + tr);
            w = s / 4;
            x = (m[7] - m[5]) / s;
            y = (m[2] - m[6]) / s;
            z = (m[3] - m[1]) / s;
        } else if (m[0] >= m[4] && m[0] >= m[8]) {
            double s = 2 * Math.sqrt(1 + m[0] - m[4] - m[8]);
            w = (m[7] - m[5]) / s;
            x = s / 4;
            y = (m[1] + m[3]) / s;
            z = (m[2] + m[6]) / s;
        } else if (m[4] >= m[8]) {
            double s = 2 * Math.sqrt(1 + m[4] - m[0] - m[8]);
            w = (m[2] - m[6]) / s;
            x = (m[1] + m[3]) / s;
            y = s / 4;
            z = (m[5] + m[7]) / s;
        } else {
            double s = 2 * Math.sqrt(1 + m[8] - m[0] - m[4]);
            w = (m[3] - m[1]) / s;
            x = (m[2] + m[6]) / s;
            y = (m[5] + m[7]) / s;
            z = s / 4;
        }
        return w < 0 ? Quaternion.of(-w, -x, -y, -z) : Quaternion.of(w, x, y, z);
    }

    /**
     * The angle in radians, in [0, π], of the rotation {@code Rᵀ S} between this rotation and
     * {@code other}, from the Frobenius distance {@code |R − S| = 2√2 sin(θ/2)}, which stays
     * precise for small angles (unlike {@code acos((tr(RᵀS) − 1) / 2)}).
     */
    public double angleTo(RotationMatrix other) {
        double sq = 0;
        for (int k = 0; k < 9; k++) {
            double d = m[k] - other.m[k];
            sq += d * d;
        }
        return 2 * Math.asin(Math.min(1, Math.sqrt(sq / 8)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RotationMatrix r && Arrays.equals(r.m, m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return "RotationMatrix" + Arrays.toString(m);
    }

    private static double determinant(double[] a) {
        return a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6]);
    }
}
