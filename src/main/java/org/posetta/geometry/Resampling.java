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
        int frames = Math.max(1, (int) Math.floor((motion.frames() - 1) * rate / motion.fps() + 1e-9) + 1);
        return resample(motion, rate, frames);
    }

    /**
     * {@code motion} at {@code rate} frames per second with exactly {@code frames} frames: the way
     * back to a sequence's own frame times after {@link #toRate}.
     */
    public static Motion3d resample(Motion3d motion, double rate, int frames) {
        int joints = motion.joints();
        float[] in = motion.positions();
        boolean[] valid = motion.validity();
        boolean[] filledIn = motion.filledFlags();
        float[] out = new float[frames * joints * 3];
        boolean[] ok = new boolean[frames * joints];
        boolean[] filled = new boolean[frames * joints];
        int last = motion.frames() - 1;
        for (int k = 0; k < frames; k++) {
            double t = Math.min(last, k * motion.fps() / rate);
            int a = (int) Math.floor(t);
            int b = Math.min(last, a + 1);
            double w = t - a;
            for (int j = 0; j < joints; j++) {
                int ia = a * joints + j;
                int ib = b * joints + j;
                boolean onA = w < 1e-9;
                int o = k * joints + j;
                ok[o] = onA ? valid[ia] : valid[ia] && valid[ib];
                filled[o] = ok[o] && (filledIn[ia] || !onA && filledIn[ib]);
                for (int c = 0; c < 3; c++) {
                    float va = in[ia * 3 + c];
                    out[o * 3 + c] = onA ? va : (float) (va + w * (in[ib * 3 + c] - va));
                }
            }
        }
        for (int i = 0; i < ok.length; i++) {
            if (!ok[i]) {
                out[i * 3] = 0;
                out[i * 3 + 1] = 0;
                out[i * 3 + 2] = 0;
            }
        }
        return new Motion3d(motion.layout(), rate, motion.coordinateFrame(), out, ok, filled,
                null, motion.provenance());
    }
}
