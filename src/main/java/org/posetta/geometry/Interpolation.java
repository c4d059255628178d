package org.posetta.geometry;

import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;

/**
 * Gap filling along time, joint by joint. For an invalid entry of joint {@code j} at frame
 * {@code t} between the nearest valid frames {@code a < t < b} of that joint:
 *
 * <pre>
 *   x_t = x_a + (t − a) / (b − a) · (x_b − x_a)
 * </pre>
 *
 * Before the joint's first valid frame and after its last, the nearest valid value is held
 * (constant extrapolation): a line through the end of a sequence would run away with whatever
 * velocity the last frames had. A joint that is valid in no frame stays invalid.
 *
 * <p>The results are new values; the entries that were filled are exactly those invalid in the
 * input and valid in the result, and a 3D result marks them {@link Motion3d#isFilled filled}.
 */
public final class Interpolation {
    private Interpolation() {
    }

    /** {@code motion} with every gap of every joint filled as described above. */
    public static Motion3d fillGaps(Motion3d motion) {
        float[] xyz = motion.positions();
        boolean[] valid = motion.validity();
        fill(xyz, 3, valid, motion.frames(), motion.joints());
        boolean[] after = validAfterFilling(valid, motion.frames(), motion.joints());
        boolean[] filled = motion.filledFlags();
        for (int i = 0; i < filled.length; i++) {
            filled[i] |= after[i] && !valid[i];
        }
        return motion.withPositions(xyz, after).withFilled(filled);
    }

    /**
     * {@code keypoints} with every gap of every joint filled as described above; the confidence of
     * a filled entry is interpolated (and held at the ends) in the same way, so it stays positive.
     */
    public static Keypoints2d fillGaps(Keypoints2d keypoints) {
        float[] uv = keypoints.pixels();
        float[] confidence = keypoints.confidences();
        boolean[] valid = new boolean[confidence.length];
        for (int i = 0; i < valid.length; i++) {
            valid[i] = confidence[i] > 0f;
        }
        fill(uv, 2, valid, keypoints.frames(), keypoints.joints());
        fill(confidence, 1, valid, keypoints.frames(), keypoints.joints());
        return keypoints.withPixels(uv, confidence);
    }

    /** Fills, in place, the invalid entries of {@code values} (T·J·channels) of every joint with a valid frame. */
    private static void fill(float[] values, int channels, boolean[] valid, int frames, int joints) {
        for (int j = 0; j < joints; j++) {
            int previous = -1;
            for (int t = 0; t < frames; t++) {
                if (!valid[t * joints + j]) {
                    continue;
                }
                int from = previous < 0 ? 0 : previous + 1;
                for (int gap = from; gap < t; gap++) {
                    for (int c = 0; c < channels; c++) {
                        float next = values[(t * joints + j) * channels + c];
                        values[(gap * joints + j) * channels + c] = previous < 0 ? next
                                : lerp(values[(previous * joints + j) * channels + c], next,
                                        (double) (gap - previous) / (t - previous));
                    }
                }
                previous = t;
            }
            for (int gap = previous + 1; previous >= 0 && gap < frames; gap++) {
                System.arraycopy(values, (previous * joints + j) * channels, values, (gap * joints + j) * channels, channels);
            }
        }
    }

    private static float lerp(float a, float b, double fraction) {
        return (float) (a + fraction * ((double) b - a));
    }

    private static boolean[] validAfterFilling(boolean[] valid, int frames, int joints) {
        boolean[] everValid = new boolean[joints];
        for (int i = 0; i < valid.length; i++) {
            everValid[i % joints] |= valid[i];
        }
        boolean[] filled = new boolean[valid.length];
        for (int t = 0; t < frames; t++) {
            System.arraycopy(everValid, 0, filled, t * joints, joints);
        }
        return filled;
    }
}
