package org.posetta.geometry;

/**
 * A rotation by {@code angle} radians about the unit axis {@code (x, y, z)}, right-handed. The
 * rotation vector {@code angle · axis} (as in SMPL poses) is the same thing in three numbers.
 *
 * @param x     axis x (unit axis; the constructor normalises it)
 * @param y     axis y
 * @param z     axis z
 * @param angle radians
 */
public record AxisAngle(double x, double y, double z, double angle) {
    /** @throws IllegalArgumentException for a zero or non-finite axis or a non-finite angle */
    public AxisAngle {
        double n = Math.sqrt(x * x + y * y + z * z);
        if (!(n > 0) || Double.isInfinite(n) || !Double.isFinite(angle)) {
            throw new IllegalArgumentException("no rotation about the axis (" + x + ", " + y + ", " + z + ") by " + angle);
        }
        x /= n;
        y /= n;
        z /= n;
    }

    /**
     * The rotation of the vector {@code v}: axis {@code v / |v|}, angle {@code |v|}; the zero
     * vector is no rotation (about x, by 0).
     */
    public static AxisAngle ofRotationVector(double vx, double vy, double vz) {
        double a = Math.sqrt(vx * vx + vy * vy + vz * vz);
        return a == 0 ? new AxisAngle(1, 0, 0, 0) : new AxisAngle(vx, vy, vz, a);
    }

    /**
     * The axis and angle of {@code q}, with the angle in [0, π]:
     * {@code angle = 2 atan2(|(x, y, z)|, |w|)}; the identity gives axis x, angle 0.
     */
    public static AxisAngle of(Quaternion q) {
        double s = q.w() < 0 ? -1 : 1;
        double n = Math.sqrt(q.x() * q.x() + q.y() * q.y() + q.z() * q.z());
        if (n == 0) {
            return new AxisAngle(1, 0, 0, 0);
        }
        return new AxisAngle(s * q.x(), s * q.y(), s * q.z(), 2 * Math.atan2(n, Math.abs(q.w())));
    }

    /** The axis and angle of a rotation matrix, angle in [0, π]. */
    public static AxisAngle of(RotationMatrix r) {
        return of(r.toQuaternion());
    }

    /** {@code angle · axis}. */
    public double[] rotationVector() {
        return new double[] {angle * x, angle * y, angle * z};
    }

    /** {@code (cos(angle/2), sin(angle/2) · axis)}. */
    public Quaternion toQuaternion() {
        double s = Math.sin(angle / 2);
        return Quaternion.of(Math.cos(angle / 2), s * x, s * y, s * z);
    }

    /** The matrix of the rotation (Rodrigues' formula, through the quaternion). */
    public RotationMatrix toMatrix() {
        return toQuaternion().toMatrix();
    }
}
