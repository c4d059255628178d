package org.posetta.geometry;

import org.posetta.pose.Motion3d;

/**
 * A sequence moved to another frame rate, joint by joint, by linear interpolation in time. Frame
 * {@code k} of the result lies at time {@code k / rate}; its value for a joint is interpolated
 * between the two source frames around that time, and is valid only where both are (or where the
 * time falls on a source frame that is valid). Times past the last source frame hold the last
 * frame. A filled flag is carried the same way: a value made from a filled one is filled. Per-joint
 * uncertainty is not carried.
 *
 * <p>Learned priors see motion at the frame rate they were trained at; velocities and clip
 * durations only mean the same thing there.
 */
public final class Resampling {
    private Resampling() {
    }

    /** {@code motion} at {@code rate} frames per second, covering the same duration. */
    public static Motion3d toRate(Motion3d motion, double rate) {
        return resample(motion, rate, frames(motion.frames(), motion.fps() / rate));
    }

    /**
     * {@code motion} at {@code rate} frames per second with exactly {@code frames} frames: the way
     * back to a sequence's own frame times after {@link #toRate}.
     */
    public static Motion3d resample(Motion3d motion, double rate, int frames) {
        int joints = motion.joints();
        int from = motion.frames();
        double step = motion.fps() / rate;
        boolean[] ok = flags(motion.validity(), from, joints, step, frames, true);
        boolean[] filled = flags(motion.filledFlags(), from, joints, step, frames, false);
        float[] out = linear(motion.positions(), from, joints * 3, step, frames);
        for (int i = 0; i < ok.length; i++) {
            filled[i] &= ok[i];
            if (!ok[i]) {
                out[i * 3] = 0;
                out[i * 3 + 1] = 0;
                out[i * 3 + 2] = 0;
            }
        }
        return new Motion3d(motion.layout(), rate, motion.coordinateFrame(), out, ok, filled,
                null, motion.provenance());
    }

    /**
     * Frames of a sequence of {@code frames} frames sampled every {@code step} source frames over
     * the same duration (at least one).
     */
    public static int frames(int frames, double step) {
        return Math.max(1, (int) Math.floor((frames - 1) / step + 1e-9) + 1);
    }

    /**
     * Values of a sequence ({@code frames}·{@code stride} floats, frame-major) at source times
     * {@code k · step} for k &lt; {@code count}, each interpolated between the two source frames
     * around its time; times past the last frame hold the last frame.
     */
    public static float[] linear(float[] values, int frames, int stride, double step, int count) {
        float[] out = new float[count * stride];
        for (int k = 0; k < count; k++) {
            double t = Math.min(frames - 1, k * step);
            int a = (int) Math.floor(t);
            int b = Math.min(frames - 1, a + 1);
            double w = t - a;
            for (int i = 0; i < stride; i++) {
                double va = values[a * stride + i];
                out[k * stride + i] = w < 1e-9 ? (float) va : (float) (va + w * (values[b * stride + i] - va));
            }
        }
        return out;
    }

    /**
     * Per-joint flags at the times of {@link #linear}: a time on a source frame takes that frame's
     * flag; between two frames it takes both flags combined with and ({@code both}) or with or.
     */
    public static boolean[] flags(boolean[] flags, int frames, int joints, double step, int count, boolean both) {
        boolean[] out = new boolean[count * joints];
        for (int k = 0; k < count; k++) {
            double t = Math.min(frames - 1, k * step);
            int a = (int) Math.floor(t);
            int b = t - a < 1e-9 ? a : Math.min(frames - 1, a + 1);
            for (int j = 0; j < joints; j++) {
                boolean fa = flags[a * joints + j];
                boolean fb = flags[b * joints + j];
                out[k * joints + j] = both ? fa && fb : fa || fb;
            }
        }
        return out;
    }
}
