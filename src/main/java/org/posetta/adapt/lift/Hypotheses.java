package org.posetta.adapt.lift;

import org.posetta.geometry.Camera;

/**
 * H root-relative 3D hypotheses of one clip and their aggregations (D3DP, as PoSynDA uses them).
 * Selection by 2D reprojection places each hypothesis with a root translation solved from the 2D
 * and the camera ({@link Camera#fitTranslations}), never with a ground-truth root. Immutable.
 */
public final class Hypotheses {
    private final float[][] poses;
    private final int joints;
    private final int frames;

    /**
     * @param poses H arrays of F·J·3 camera-frame metres relative to the root
     */
    public Hypotheses(float[][] poses, int joints) {
        if (poses.length == 0) {
            throw new IllegalArgumentException("at least one hypothesis is needed");
        }
        int n = poses[0].length;
        if (n % (joints * 3) != 0) {
            throw new IllegalArgumentException(n + " values is not a whole number of " + joints + "-joint frames");
        }
        for (float[] p : poses) {
            if (p.length != n) {
                throw new IllegalArgumentException("hypotheses differ in length: " + p.length + " and " + n);
            }
        }
        this.poses = poses.clone();
        this.joints = joints;
        this.frames = n / (joints * 3);
    }

    public int count() {
        return poses.length;
    }

    public int frames() {
        return frames;
    }

    /** Hypothesis h, F·J·3 (a copy). */
    public float[] pose(int h) {
        return poses[h].clone();
    }

    /** P-Agg: the mean over hypotheses, F·J·3. */
    public float[] mean() {
        float[] out = new float[poses[0].length];
        for (float[] p : poses) {
            for (int i = 0; i < out.length; i++) {
                out[i] += p[i];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= poses.length;
        }
        return out;
    }

    /** The per-joint spread: root-mean-square distance of the hypotheses from their mean, metres, F·J. */
    public float[] spread() {
        float[] mean = mean();
        float[] out = new float[frames * joints];
        for (int q = 0; q < out.length; q++) {
            double sum = 0;
            for (float[] p : poses) {
                for (int c = 0; c < 3; c++) {
                    double d = p[q * 3 + c] - mean[q * 3 + c];
                    sum += d * d;
                }
            }
            out[q] = (float) Math.sqrt(sum / poses.length);
        }
        return out;
    }

    /**
     * Per hypothesis, frame and joint: the distance in pixels between the 2D and the hypothesis
     * projected at the root translation fitted to that 2D. {@code +∞} where the joint is missing
     * in 2D or the frame cannot be fitted.
     *
     * @return H arrays of F·J
     */
    public float[][] reprojectionErrors(float[] pixels, float[] confidence, Camera camera) {
        float[][] out = new float[poses.length][frames * joints];
        float[] placed = new float[poses[0].length];
        float[] projected = new float[frames * joints * 2];
        for (int h = 0; h < poses.length; h++) {
            double[] t = camera.fitTranslations(poses[h], pixels, confidence, joints);
            for (int q = 0; q < frames * joints; q++) {
                int f = q / joints;
                for (int c = 0; c < 3; c++) {
                    placed[q * 3 + c] = (float) (poses[h][q * 3 + c] + t[f * 3 + c]);
                }
            }
            camera.project(placed, projected);
            for (int q = 0; q < frames * joints; q++) {
                double du = projected[q * 2] - pixels[q * 2];
                double dv = projected[q * 2 + 1] - pixels[q * 2 + 1];
                double e = Math.sqrt(du * du + dv * dv);
                boolean usable = confidence[q] > 0 && placed[q * 3 + 2] > 0 && Double.isFinite(e);
                out[h][q] = usable ? (float) e : Float.POSITIVE_INFINITY;
            }
        }
        return out;
    }

    /**
     * J-Agg: per frame and joint, the joint of the hypothesis with the smallest reprojection
     * error (see {@link #reprojectionErrors}); the mean where no hypothesis can be scored.
     *
     * @return F·J·3
     */
    public float[] selectPerJoint(float[] pixels, float[] confidence, Camera camera) {
        float[][] errors = reprojectionErrors(pixels, confidence, camera);
        float[] mean = mean();
        float[] out = new float[mean.length];
        for (int q = 0; q < frames * joints; q++) {
            int best = argmin(errors, q);
            System.arraycopy(best < 0 ? mean : poses[best], q * 3, out, q * 3, 3);
        }
        return out;
    }

    /**
     * Per frame, the whole hypothesis with the smallest mean reprojection error over the joints
     * present in 2D (PoSynDA's pseudo-label, paper Eq. 4); the mean where none can be scored.
     *
     * @return F·J·3
     */
    public float[] selectPerFrame(float[] pixels, float[] confidence, Camera camera) {
        float[][] errors = reprojectionErrors(pixels, confidence, camera);
        float[] mean = mean();
        float[] out = new float[mean.length];
        int stride = joints * 3;
        for (int f = 0; f < frames; f++) {
            int best = -1;
            double bestError = Double.POSITIVE_INFINITY;
            for (int h = 0; h < poses.length; h++) {
                double sum = 0;
                int n = 0;
                for (int j = 0; j < joints; j++) {
                    if (confidence[f * joints + j] > 0) {
                        sum += errors[h][f * joints + j];
                        n++;
                    }
                }
                double e = n == 0 ? Double.POSITIVE_INFINITY : sum / n;
                if (e < bestError) {
                    bestError = e;
                    best = h;
                }
            }
            System.arraycopy(best < 0 ? mean : poses[best], f * stride, out, f * stride, stride);
        }
        return out;
    }

    /**
     * J-Best, an oracle that reads the ground truth: per frame and joint, the hypothesis closest
     * to it. Only for upper-bound rows, never the method's output.
     *
     * @param truth F·J·3 root-relative, metres
     */
    public float[] bestPerJoint(float[] truth) {
        float[] out = new float[truth.length];
        for (int q = 0; q < frames * joints; q++) {
            int best = 0;
            double bestError = Double.POSITIVE_INFINITY;
            for (int h = 0; h < poses.length; h++) {
                double sum = 0;
                for (int c = 0; c < 3; c++) {
                    double d = poses[h][q * 3 + c] - truth[q * 3 + c];
                    sum += d * d;
                }
                if (sum < bestError) {
                    bestError = sum;
                    best = h;
                }
            }
            System.arraycopy(poses[best], q * 3, out, q * 3, 3);
        }
        return out;
    }

    private static int argmin(float[][] errors, int q) {
        int best = -1;
        float bestError = Float.POSITIVE_INFINITY;
        for (int h = 0; h < errors.length; h++) {
            if (errors[h][q] < bestError) {
                bestError = errors[h][q];
                best = h;
            }
        }
        return best;
    }
}
