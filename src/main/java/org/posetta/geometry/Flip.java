package org.posetta.geometry;

import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;

/**
 * Horizontal flip (mirror image) of poses: the horizontal axis changes sign and each left joint
 * trades places with its right partner ({@link org.posetta.pose.Layout#flipPermutation}), so the
 * mirrored person is anatomically consistent again. Each flip is its own inverse.
 */
public final class Flip {
    private Flip() {
    }

    /**
     * The mirror image about the plane {@code x = 0} of the motion's coordinate frame:
     * {@code (x, y, z)_j ↦ (−x, y, z)_{π(j)}} with {@code π} the flip permutation; validity moves
     * with its joint. In the camera frame (x right) this is the horizontal image flip.
     */
    public static Motion3d horizontal(Motion3d motion) {
        int joints = motion.joints();
        int[] perm = motion.layout().flipPermutation();
        float[] in = motion.positions();
        boolean[] inValid = motion.validity();
        float[] out = new float[in.length];
        boolean[] outValid = new boolean[inValid.length];
        for (int t = 0; t < motion.frames(); t++) {
            for (int j = 0; j < joints; j++) {
                int src = t * joints + perm[j];
                int dst = t * joints + j;
                out[3 * dst] = -in[3 * src];
                out[3 * dst + 1] = in[3 * src + 1];
                out[3 * dst + 2] = in[3 * src + 2];
                outValid[dst] = inValid[src];
            }
        }
        return motion.withPositions(out, outValid);
    }

    /**
     * The mirror image of the picture: {@code (u, v)_j ↦ (w − u, v)_{π(j)}} in pixels for an image
     * {@code w} pixels wide, confidence moving with its joint. The mirror line is {@code u = w / 2},
     * so in screen-normalised units ({@code x_n = u / w · 2 − 1}) the flip is exactly
     * {@code x_n ↦ −x_n}, the same as negating x in 3D ({@code w − 1 − u}, the mirror of pixel
     * indices, would shift {@code x_n} by {@code 2 / w}). Flipping twice gives back whole pixels
     * exactly and fractional ones up to float rounding of {@code w − u}.
     */
    public static Keypoints2d horizontal(Keypoints2d keypoints) {
        int joints = keypoints.joints();
        int[] perm = keypoints.layout().flipPermutation();
        float width = keypoints.width();
        float[] in = keypoints.pixels();
        float[] inConfidence = keypoints.confidences();
        float[] out = new float[in.length];
        float[] outConfidence = new float[inConfidence.length];
        for (int t = 0; t < keypoints.frames(); t++) {
            for (int j = 0; j < joints; j++) {
                int src = t * joints + perm[j];
                int dst = t * joints + j;
                outConfidence[dst] = inConfidence[src];
                if (inConfidence[src] > 0f) {
                    out[2 * dst] = width - in[2 * src];
                    out[2 * dst + 1] = in[2 * src + 1];
                }
            }
        }
        return keypoints.withPixels(out, outConfidence);
    }
}
