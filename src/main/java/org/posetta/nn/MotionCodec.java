package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.posetta.pose.Motion3d;

/**
 * 3D motion to and from a [T, J, 3] tensor of root-relative positions in metres (the root joint
 * 0, the pelvis of H36M-17, at the origin), as networks see it. The codec is the normalisation:
 * it records the root trajectory it removed and which entries were valid, so that
 * {@link #decode} restores absolute positions and flags. Invalid entries, and every joint of a
 * frame whose root is invalid, are 0 in the tensor and stay invalid.
 */
public record MotionCodec(float[] roots, boolean[] validity, int joints) {
    /** Records the root trajectory (T·3) and validity (T·J) of {@code m}. */
    public static MotionCodec of(Motion3d m) {
        int t = m.frames();
        int j = m.joints();
        float[] xyz = m.positions();
        boolean[] valid = m.validity();
        float[] roots = new float[t * 3];
        for (int f = 0; f < t; f++) {
            if (valid[f * j]) {
                System.arraycopy(xyz, f * j * 3, roots, f * 3, 3);
            } else {
                for (int k = 0; k < j; k++) {
                    valid[f * j + k] = false;
                }
            }
        }
        return new MotionCodec(roots, valid, j);
    }

    public int frames() {
        return roots.length / 3;
    }

    /** T·J·3 root-relative values of {@code m}, 0 where invalid. */
    public float[] rootRelative(Motion3d m) {
        float[] xyz = m.positions();
        float[] out = new float[xyz.length];
        for (int i = 0; i < validity.length; i++) {
            if (validity[i]) {
                int f = i / joints;
                for (int c = 0; c < 3; c++) {
                    out[i * 3 + c] = xyz[i * 3 + c] - roots[f * 3 + c];
                }
            }
        }
        return out;
    }

    /** A [T, J, 3] tensor in {@code manager}. */
    public NDArray encode(NDManager manager, Motion3d m) {
        return manager.create(rootRelative(m), new Shape(frames(), joints, 3));
    }

    /** Absolute positions from root-relative values, with the recorded validity, on the template's metadata. */
    public Motion3d decode(float[] rootRelative, Motion3d template) {
        float[] xyz = new float[rootRelative.length];
        for (int i = 0; i < validity.length; i++) {
            if (validity[i]) {
                int f = i / joints;
                for (int c = 0; c < 3; c++) {
                    xyz[i * 3 + c] = rootRelative[i * 3 + c] + roots[f * 3 + c];
                }
            }
        }
        return template.withPositions(xyz, validity);
    }

    public Motion3d decode(NDArray tensor, Motion3d template) {
        return decode(tensor.toFloatArray(), template);
    }
}
