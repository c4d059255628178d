package org.posetta.geometry;

/**
 * A unit quaternion {@code q = w + x i + y j + z k} representing a 3D rotation. Immutable; double
 * precision. {@code q} and {@code −q} are the same rotation; the factory normalises but does not
 * change the sign.
 */
public final class Quaternion {
    public static final Quaternion IDENTITY = new Quaternion(1, 0, 0, 0);

    private final double w;
    private final double x;
    private final double y;
    private final double z;

    private Quaternion(double w, double x, double y, double z) {
        this.w = w;
        this.x = x;
        this.y = y;
        this.z = z;
    }

    /**
     * The unit quaternion {@code (w, x, y, z) / |(w, x, y, z)|} (scalar first).
     *
     * @throws IllegalArgumentException for a zero or non-finite quaternion
     */
    public static Quaternion of(double w, double x, double y, double z) {
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException("cannot normalise the quaternion (" + w + ", " + x + ", " + y + ", " + z + ")");
        }
        return new Quaternion(w / n, x / n, y / n, z / n);
    }

    public double w() {
        return w;
    }

    public double x() {
        return x;
    }

    public double y() {
        return y;
    }

    public double z() {
        return z;
    }

    /** The Hamilton product {@code this · other}: first {@code other}, then {@code this}. */
    public Quaternion times(Quaternion o) {
        return of(w * o.w - x * o.x - y * o.y - z * o.z,
                w * o.x + x * o.w + y * o.z - z * o.y,
                w * o.y - x * o.z + y * o.w + z * o.x,
                w * o.z + x * o.y - y * o.x + z * o.w);
    }

    /** The inverse rotation, the conjugate {@code (w, −x, −y, −z)}. */
    public Quaternion inverse() {
        return new Quaternion(w, -x, -y, -z);
    }

    /** The 4D dot product; its absolute value is {@code cos(θ/2)} of the angle θ between the rotations. */
    public double dot(Quaternion o) {
        return w * o.w + x * o.x + y * o.y + z * o.z;
    }

    /**
     * {@code q v q*} for a 3-vector {@code v}, computed as {@code v + 2w (u × v) + 2 u × (u × v)}
     * with {@code u = (x, y, z)}.
     */
    public double[] apply(double[] v) {
        double cx = y * v[2] - z * v[1];
        double cy = z * v[0] - x * v[2];
        double cz = x * v[1] - y * v[0];
        return new double[] {
            v[0] + 2 * (w * cx + y * cz - z * cy),
            v[1] + 2 * (w * cy + z * cx - x * cz),
            v[2] + 2 * (w * cz + x * cy - y * cx)};
    }

    /** The rotation matrix {@code R} with {@code R v = q v q*}. */
    public RotationMatrix toMatrix() {
        double xx = x * x;
        double yy = y * y;
        double zz = z * z;
        double xy = x * y;
        double xz = x * z;
        double yz = y * z;
        double wx = w * x;
        double wy = w * y;
        double wz = w * z;
        return RotationMatrix.trusted(new double[] {
            1 - 2 * (yy + zz), 2 * (xy - wz), 2 * (xz + wy),
            2 * (xy + wz), 1 - 2 * (xx + zz), 2 * (yz - wx),
            2 * (xz - wy), 2 * (yz + wx), 1 - 2 * (xx + yy)});
    }

    /**
     * Spherical linear interpolation along the shorter arc: at {@code t = 0} this rotation, at
     * {@code t = 1} {@code to}, in between a constant angular rate,
     * {@code (sin((1−t)Ω) q₀ + sin(tΩ) q₁) / sin Ω} with {@code cos Ω = |q₀·q₁|}.
     */
    public Quaternion slerp(Quaternion to, double t) {
        double d = dot(to);
        double s = d < 0 ? -1 : 1;
        d = Math.abs(d);
        double a;
        double b;
        if (d > 1 - 1e-9) {
            // nearly equal: the sine ratios tend to (1 − t, t) and would divide 0 by 0
            a = 1 - t;
            b = t;
        } else {
            double omega = Math.acos(d);
            double sin = Math.sin(omega);
            a = Math.sin((1 - t) * omega) / sin;
            b = Math.sin(t * omega) / sin;
        }
        b *= s;
        return of(a * w + b * to.w, a * x + b * to.x, a * y + b * to.y, a * z + b * to.z);
    }

    /**
     * The angle in radians, in [0, π], of the rotation taking this one to {@code other}:
     * {@code θ = 4 asin(|q₀ − q₁| / 2)} with the sign of {@code q₁} chosen so that {@code q₀·q₁ ≥ 0}
     * (precise for small angles, unlike {@code 2 acos|q₀·q₁|}).
     */
    public double angleTo(Quaternion other) {
        double s = dot(other) < 0 ? -1 : 1;
        double dw = w - s * other.w;
        double dx = x - s * other.x;
        double dy = y - s * other.y;
        double dz = z - s * other.z;
        return 4 * Math.asin(Math.min(1, Math.sqrt(dw * dw + dx * dx + dy * dy + dz * dz) / 2));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quaternion q && q.w == w && q.x == x && q.y == y && q.z == z;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(w) * 31 * 31 * 31 + Double.hashCode(x) * 31 * 31 + Double.hashCode(y) * 31 + Double.hashCode(z);
    }

    @Override
    public String toString() {
        return "Quaternion(" + w + ", " + x + ", " + y + ", " + z + ")";
    }
}
