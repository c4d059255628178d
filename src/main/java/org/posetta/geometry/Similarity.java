package org.posetta.geometry;

import java.util.Arrays;

/**
 * A similarity transform of 3D points, {@code x ↦ s R x + t}: a scale {@code s ≥ 0}, a rotation
 * {@code R} (orthonormal, {@code det R = +1}) and a translation {@code t} in the units of the
 * points. Immutable; what {@link Procrustes} fits.
 */
public final class Similarity {
    private final double scale;
    private final double[] rotation;
    private final double[] translation;

    /**
     * @param scale       {@code s}
     * @param rotation    {@code R}, nine entries row by row ({@code R[3 * row + col]})
     * @param translation {@code t}, three entries
     */
    public Similarity(double scale, double[] rotation, double[] translation) {
        if (rotation.length != 9 || translation.length != 3) {
            throw new IllegalArgumentException("a similarity needs 9 rotation and 3 translation entries, got "
                    + rotation.length + " and " + translation.length);
        }
        this.scale = scale;
        this.rotation = rotation.clone();
        this.translation = translation.clone();
    }

    public double scale() {
        return scale;
    }

    /** {@code R}, nine entries row by row. */
    public double[] rotation() {
        return rotation.clone();
    }

    /** {@code t}, three entries. */
    public double[] translation() {
        return translation.clone();
    }

    /** {@code s R x + t} for each point of {@code points} (N·3 values), as a new array. */
    public double[] apply(double[] points) {
        double[] out = new double[points.length];
        apply(points, out);
        return out;
    }

    /**
     * {@code s R x + t} for each point of {@code points} (N·3 values) written to {@code out}, which
     * may be {@code points} itself; lets per-frame loops reuse one buffer.
     */
    public void apply(double[] points, double[] out) {
        if (points.length % 3 != 0 || out.length < points.length) {
            throw new IllegalArgumentException("need N·3 point values and an output at least as long, got "
                    + points.length + " and " + out.length);
        }
        double[] r = rotation;
        for (int i = 0; i < points.length; i += 3) {
            double x = points[i];
            double y = points[i + 1];
            double z = points[i + 2];
            out[i] = scale * (r[0] * x + r[1] * y + r[2] * z) + translation[0];
            out[i + 1] = scale * (r[3] * x + r[4] * y + r[5] * z) + translation[1];
            out[i + 2] = scale * (r[6] * x + r[7] * y + r[8] * z) + translation[2];
        }
    }

    @Override
    public String toString() {
        return "Similarity[s=" + scale + ", R=" + Arrays.toString(rotation) + ", t=" + Arrays.toString(translation) + "]";
    }
}
