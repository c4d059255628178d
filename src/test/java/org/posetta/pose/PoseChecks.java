package org.posetta.pose;

/** Measurements that tests of readers and datasets make on motions. */
public final class PoseChecks {
    private PoseChecks() {
    }

    /** Distance in metres between joints {@code a} and {@code b} at frame {@code t}. */
    public static double distance(Motion3d m, int t, int a, int b) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
            double d = m.get(t, a, c) - m.get(t, b, c);
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** Mean and standard deviation over frames of the distance between {@code a} and {@code b}. */
    public static double[] lengthMeanStd(Motion3d m, int a, int b) {
        double sum = 0;
        double sq = 0;
        for (int t = 0; t < m.frames(); t++) {
            double l = distance(m, t, a, b);
            sum += l;
            sq += l * l;
        }
        double mean = sum / m.frames();
        return new double[] {mean, Math.sqrt(Math.max(0, sq / m.frames() - mean * mean))};
    }

    /**
     * How far the body moves along the way it faces, summed over frames: the facing direction
     * is the unit vector along {@code (left hip − right hip) × up}, up being axis {@code up}. Positive when the motion
     * goes forwards, so it tells left from right.
     */
    public static double forwardTravel(Motion3d m, int leftHip, int rightHip, int root, int up) {
        double travel = 0;
        int a = (up + 1) % 3;
        int b = (up + 2) % 3;
        for (int t = 1; t < m.frames(); t++) {
            // with (up, a, b) cyclic, e_a × e_up = −e_b and e_b × e_up = e_a
            double la = m.get(t, leftHip, a) - m.get(t, rightHip, a);
            double lb = m.get(t, leftHip, b) - m.get(t, rightHip, b);
            double n = Math.hypot(la, lb);
            double fa = lb / n;
            double fb = -la / n;
            travel += fa * (m.get(t, root, a) - m.get(t - 1, root, a)) + fb * (m.get(t, root, b) - m.get(t - 1, root, b));
        }
        return travel;
    }
}
