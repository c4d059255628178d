package org.posetta.adapt.refine;

/**
 * Gap filling for STRIDE's pseudo-labels, joint by joint along time: an invalid entry between
 * the joint's nearest valid frames {@code a < t < b} is interpolated linearly,
 * {@code x_t = x_a + (t − a)/(b − a) · (x_b − x_a)}; before the first valid frame and after the
 * last it is extrapolated linearly (STRIDE paper §3.3) with the joint's mean velocity over the
 * last {@value #BASELINE} valid frames at that end,
 * {@code x_t = x_e + (t − e) · (x_e − x_{e'}) / (e − e')}, where a single valid frame is held.
 * The wide baseline keeps one jittery frame from setting the direction of a long extrapolation.
 * A joint valid in no frame is filled from the mean of the frame's valid joints (or zero where
 * the frame has none), so that every entry of the result is finite.
 */
public final class GapFill {
    /** Valid frames spanned by the velocity estimate used at the ends. */
    public static final int BASELINE = 5;

    private GapFill() {
    }

    /**
     * @param xyz   T·J·3 values, frame-major; values of invalid entries are ignored
     * @param valid T·J flags
     * @return a new T·J·3 array with every entry filled
     */
    public static float[] fill(float[] xyz, boolean[] valid, int frames, int joints) {
        if (xyz.length != frames * joints * 3 || valid.length != frames * joints) {
            throw new IllegalArgumentException(xyz.length + " values and " + valid.length + " flags for " + frames + "×" + joints);
        }
        float[] out = xyz.clone();
        int[] validFrames = new int[frames];
        boolean[] everValid = new boolean[joints];
        for (int j = 0; j < joints; j++) {
            int n = 0;
            for (int t = 0; t < frames; t++) {
                if (valid[t * joints + j]) {
                    validFrames[n++] = t;
                }
            }
            if (n == 0) {
                continue;
            }
            everValid[j] = true;
            for (int i = 0; i + 1 < n; i++) {
                int a = validFrames[i];
                int b = validFrames[i + 1];
                for (int t = a + 1; t < b; t++) {
                    double f = (double) (t - a) / (b - a);
                    for (int c = 0; c < 3; c++) {
                        out[(t * joints + j) * 3 + c] = (float) (xyz[(a * joints + j) * 3 + c] * (1 - f)
                                + xyz[(b * joints + j) * 3 + c] * f);
                    }
                }
            }
            extrapolate(xyz, out, joints, j, validFrames[0], validFrames[Math.min(n - 1, BASELINE - 1)], 0);
            extrapolate(xyz, out, joints, j, validFrames[n - 1], validFrames[Math.max(0, n - BASELINE)], frames - 1);
        }
        for (int t = 0; t < frames; t++) {
            fillNeverValid(out, valid, everValid, t, joints);
        }
        return out;
    }

    /** Fills frames from {@code end} (exclusive) towards {@code until} (inclusive) from the valid frames {@code end}, {@code other}. */
    private static void extrapolate(float[] xyz, float[] out, int joints, int j, int end, int other, int until) {
        int step = until < end ? -1 : 1;
        for (int t = end + step; step < 0 ? t >= until : t <= until; t += step) {
            for (int c = 0; c < 3; c++) {
                double x = xyz[(end * joints + j) * 3 + c];
                double v = other == end ? 0 : (x - xyz[(other * joints + j) * 3 + c]) / (end - other);
                out[(t * joints + j) * 3 + c] = (float) (x + v * (t - end));
            }
        }
    }

    private static void fillNeverValid(float[] out, boolean[] valid, boolean[] everValid, int t, int joints) {
        double[] mean = new double[3];
        int n = 0;
        for (int j = 0; j < joints; j++) {
            if (valid[t * joints + j]) {
                n++;
                for (int c = 0; c < 3; c++) {
                    mean[c] += out[(t * joints + j) * 3 + c];
                }
            }
        }
        for (int j = 0; j < joints; j++) {
            if (!everValid[j]) {
                for (int c = 0; c < 3; c++) {
                    out[(t * joints + j) * 3 + c] = n == 0 ? 0f : (float) (mean[c] / n);
                }
            }
        }
    }
}
