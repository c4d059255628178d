package org.posetta.io;

import org.posetta.geometry.RotationMatrix;
import org.posetta.pose.JointMap;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

/**
 * The turn that makes a sequence Y-up, the convention of animation (BVH) and biomechanics (OpenSim
 * TRC) tools: the mean pelvis→thorax direction over the frames where both are valid, snapped to
 * the nearest signed axis, is turned onto +Y by a quarter or half turn: identity for +y, a half
 * turn about x for −y (a camera frame), ∓ a quarter turn about x for ±z (Human3.6M's world),
 * ± a quarter turn about z for ∓x. Only axis-aligned turns, so coordinates are permuted and
 * negated, never mixed.
 */
final class Upright {
    private Upright() {
    }

    /** The rotation for {@code motion} (any layout with a map to H36M-17); identity where no frame has both joints. */
    static RotationMatrix rotation(Motion3d motion) {
        int axis = signedUpAxis(motion);
        boolean positive = axis > 0;
        return switch (Math.abs(axis) - 1) {
            case 0 -> RotationMatrix.about(2, positive ? Math.PI / 2 : -Math.PI / 2);
            case 1 -> positive ? RotationMatrix.IDENTITY : RotationMatrix.about(0, Math.PI);
            default -> RotationMatrix.about(0, positive ? -Math.PI / 2 : Math.PI / 2);
        };
    }

    /** The up axis as written in files: {@code +x}, {@code -y}, ...; {@code +y} where no frame has both joints. */
    static String upAxis(Motion3d motion) {
        int axis = signedUpAxis(motion);
        return (axis > 0 ? "+" : "-") + "xyz".charAt(Math.abs(axis) - 1);
    }

    /** ±(1 + axis index) of the snapped mean pelvis→thorax direction. */
    private static int signedUpAxis(Motion3d motion) {
        Motion3d h36m = motion.layout() == Layout.H36M17 ? motion : JointMap.toCanonical(motion.layout()).apply(motion);
        int pelvis = Layout.H36M17.indexOf("pelvis");
        int thorax = Layout.H36M17.indexOf("thorax");
        double[] mean = new double[3];
        for (int t = 0; t < h36m.frames(); t++) {
            if (!h36m.isValid(t, pelvis) || !h36m.isValid(t, thorax)) {
                continue;
            }
            double[] d = new double[3];
            for (int c = 0; c < 3; c++) {
                d[c] = h36m.get(t, thorax, c) - h36m.get(t, pelvis, c);
            }
            double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            for (int c = 0; c < 3 && n > 0; c++) {
                mean[c] += d[c] / n;
            }
        }
        int axis = 1;
        for (int c = 0; c < 3; c++) {
            if (Math.abs(mean[c]) > Math.abs(mean[axis])) {
                axis = c;
            }
        }
        return mean[axis] >= 0 ? axis + 1 : -(axis + 1);
    }
}
