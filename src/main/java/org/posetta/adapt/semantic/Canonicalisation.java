package org.posetta.adapt.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.posetta.geometry.Camera;

/**
 * The pose of a clip with everything the action does not determine taken out: where the person
 * stands and which way they face (methods §8.2; the joint-position counterpart of SA-TTA's
 * replacement of the global rotation). For H36M-17 joints of F frames:
 * <ol>
 *   <li>subtract the pelvis in every frame;</li>
 *   <li>rotate into a gravity-aligned frame with one rotation per clip, R = [x̂; ŷ; ẑ] (rows):
 *       ŷ = the vertical (up) in the clip's coordinates, x̂ = the clip-mean hip axis
 *       (left hip − right hip) with its vertical part removed, ẑ = x̂ × ŷ.</li>
 * </ol>
 * The output has y up and the hips along +x; heading changes within the clip survive. The
 * rotation is a constant of the clip: during adaptation it is computed from the current
 * prediction without gradient, as SA-TTA gives the swapped global rotation none.
 */
public final class Canonicalisation {
    /** The vertical of a camera frame when the camera is unknown: −y (image y points down). */
    public static final double[] CAMERA_UP = {0, -1, 0};
    private static final int JOINTS = 17;
    private static final int RIGHT_HIP = 1;
    private static final int LEFT_HIP = 4;

    private Canonicalisation() {
    }

    /** World up (Human3.6M's +z) in the camera frame of {@code camera}: the third column of its rotation. */
    public static double[] upOf(Camera camera) {
        double[][] r = camera.rotation();
        return new double[] {r[0][2], r[1][2], r[2][2]};
    }

    /**
     * R (row-major 3×3) for a clip of {@code frames} frames of H36M-17, F·17·3 values.
     *
     * @param up the vertical in the clip's coordinates (any length)
     */
    public static double[] rotation(float[] clip, int frames, double[] up) {
        for (float v : clip) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("a clip with non-finite coordinates has no canonical frame");
            }
        }
        double[] y = unit(up.clone());
        double[] hips = new double[3];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < 3; c++) {
                hips[c] += clip[(f * JOINTS + LEFT_HIP) * 3 + c] - clip[(f * JOINTS + RIGHT_HIP) * 3 + c];
            }
        }
        double along = dot(hips, y);
        double[] x = {hips[0] - along * y[0], hips[1] - along * y[1], hips[2] - along * y[2]};
        if (Math.sqrt(dot(x, x)) < 1e-6 * Math.max(1, frames)) {
            // Hips vertical or coincident: no heading to remove; any axis orthogonal to up will do.
            x = Math.abs(y[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 0, 1};
            double a = dot(x, y);
            x = new double[] {x[0] - a * y[0], x[1] - a * y[1], x[2] - a * y[2]};
        }
        unit(x);
        double[] z = {x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]};
        return new double[] {x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]};
    }

    /** The canonical clip: pelvis-relative, rotated by {@link #rotation}; F·17·3 values. */
    public static float[] apply(float[] clip, int frames, double[] up) {
        double[] r = rotation(clip, frames, up);
        float[] out = new float[frames * JOINTS * 3];
        for (int f = 0; f < frames; f++) {
            int root = f * JOINTS * 3;
            for (int j = 0; j < JOINTS; j++) {
                int i = (f * JOINTS + j) * 3;
                double px = clip[i] - clip[root];
                double py = clip[i + 1] - clip[root + 1];
                double pz = clip[i + 2] - clip[root + 2];
                for (int c = 0; c < 3; c++) {
                    out[i + c] = (float) (r[c * 3] * px + r[c * 3 + 1] * py + r[c * 3 + 2] * pz);
                }
            }
        }
        return out;
    }

    /**
     * The canonical clips of a batch of pelvis-relative clips, differentiable in the poses (the
     * rotations are constants computed from their current values).
     *
     * @param clips [S, F, 17, 3] with the pelvis at the origin
     * @param up    the vertical in the clips' coordinates
     * @return [S, F, 17, 3]
     */
    public static NDArray apply(NDArray clips, double[] up) {
        long s = clips.getShape().get(0);
        int frames = Math.toIntExact(clips.getShape().get(1));
        float[] values = clips.toFloatArray();
        int per = frames * JOINTS * 3;
        float[] transposed = new float[Math.toIntExact(s) * 9];
        for (int i = 0; i < s; i++) {
            double[] r = rotation(Arrays.copyOfRange(values, i * per, (i + 1) * per), frames, up);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    transposed[i * 9 + a * 3 + b] = (float) r[b * 3 + a];
                }
            }
        }
        NDArray rt = clips.getManager().create(transposed, new Shape(s, 3, 3));
        return clips.reshape(s, (long) frames * JOINTS, 3).matMul(rt).reshape(clips.getShape());
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(dot(v, v));
        if (!(n > 0)) {
            throw new IllegalArgumentException("the up direction has no length");
        }
        for (int c = 0; c < 3; c++) {
            v[c] /= n;
        }
        return v;
    }
}
