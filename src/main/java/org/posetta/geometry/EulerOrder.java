package org.posetta.geometry;

import java.util.Locale;

/**
 * The order of three Euler angles about three distinct axes (Tait–Bryan), with BVH semantics:
 * order {@code ZXY} with angles {@code (a, b, c)} is the rotation {@code R = Rz(a) · Rx(b) · Ry(c)}
 * acting on column vectors of the child frame, as a BVH joint whose channels are listed
 * {@code Zrotation Xrotation Yrotation}. Equivalently: intrinsic rotations in the listed order,
 * or extrinsic ones in the reverse order. Angles are radians.
 */
public enum EulerOrder {
    XYZ, XZY, YXZ, YZX, ZXY, ZYX;

    /** The order spelled by three axis letters, e.g. {@code "ZXY"} (case ignored). */
    public static EulerOrder parse(String letters) {
        try {
            return valueOf(letters.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Euler order of three distinct axes: '" + letters + "'", e);
        }
    }

    /** The axis (0 x, 1 y, 2 z) of the {@code k}-th angle, {@code k} in 0..2. */
    public int axis(int k) {
        return name().charAt(k) - 'X';
    }

    /** {@code R = R_axis(0)(a) · R_axis(1)(b) · R_axis(2)(c)}. */
    public RotationMatrix toMatrix(double a, double b, double c) {
        return RotationMatrix.about(axis(0), a).times(RotationMatrix.about(axis(1), b)).times(RotationMatrix.about(axis(2), c));
    }

    /**
     * The angles {@code (a, b, c)} with {@code toMatrix(a, b, c) = r}: {@code a} and {@code c} in
     * (−π, π], {@code b} in [−π/2, π/2]. With axes {@code i, j, k} in this order and
     * {@code s = +1} for a cyclic order (XYZ, YZX, ZXY), −1 otherwise:
     * {@code b = asin(s R_ik)}, {@code a = atan2(−s R_jk, R_kk)}, {@code c = atan2(−s R_ij, R_ii)}.
     * At gimbal lock ({@code |cos b| < 1e-9}) only {@code a ± c} is determined; then {@code c = 0}
     * and {@code a = atan2(s R_kj, R_jj)}.
     */
    public double[] angles(RotationMatrix r) {
        int i = axis(0);
        int j = axis(1);
        int k = axis(2);
        double s = (j - i + 3) % 3 == 1 ? 1 : -1;
        double sinB = Math.max(-1, Math.min(1, s * r.get(i, k)));
        double b = Math.asin(sinB);
        double cosA = r.get(k, k);
        double sinA = -s * r.get(j, k);
        if (Math.hypot(cosA, sinA) < 1e-9) {
            return new double[] {Math.atan2(s * r.get(k, j), r.get(j, j)), b, 0};
        }
        return new double[] {Math.atan2(sinA, cosA), b, Math.atan2(-s * r.get(i, j), r.get(i, i))};
    }
}
