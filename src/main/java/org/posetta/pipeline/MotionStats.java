package org.posetta.pipeline;

import org.posetta.pose.Motion3d;

/** Summary figures of a 3D sequence's plausibility, over valid entries only. */
public final class MotionStats {
    private MotionStats() {
    }

    /**
     * Mean over bones of the coefficient of variation of the bone's length across frames,
     * σ(ℓ_b) / μ(ℓ_b), counting frames where both joints are valid; 0 for a rigid skeleton.
     */
    public static double boneLengthVariation(Motion3d m) {
        int[][] bones = m.layout().bones();
        double total = 0;
        int counted = 0;
        for (int[] bone : bones) {
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (int t = 0; t < m.frames(); t++) {
                if (m.isValid(t, bone[0]) && m.isValid(t, bone[1])) {
                    double l = distance(m, t, bone[0], t, bone[1]);
                    sum += l;
                    sq += l * l;
                    n++;
                }
            }
            if (n > 1 && sum > 0) {
                double mean = sum / n;
                total += Math.sqrt(Math.max(sq / n - mean * mean, 0)) / mean;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : total / counted;
    }

    /**
     * Mean acceleration magnitude |x_{t+1} − 2 x_t + x_{t−1}| in metres per frame², over joints
     * valid in all three frames; a measure of jitter.
     */
    public static double meanAcceleration(Motion3d m) {
        double total = 0;
        int n = 0;
        for (int t = 1; t < m.frames() - 1; t++) {
            for (int j = 0; j < m.joints(); j++) {
                if (m.isValid(t - 1, j) && m.isValid(t, j) && m.isValid(t + 1, j)) {
                    double s = 0;
                    for (int c = 0; c < 3; c++) {
                        double a = m.get(t + 1, j, c) - 2.0 * m.get(t, j, c) + m.get(t - 1, j, c);
                        s += a * a;
                    }
                    total += Math.sqrt(s);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : total / n;
    }

    private static double distance(Motion3d m, int t1, int j1, int t2, int j2) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
            double d = m.get(t1, j1, c) - m.get(t2, j2, c);
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
