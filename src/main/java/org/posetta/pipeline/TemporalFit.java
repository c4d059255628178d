package org.posetta.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.posetta.geometry.Interpolation;
import org.posetta.pose.Motion3d;

/**
 * A temporally coherent 3D sequence from noisy, gappy per-frame 3D: the positions X that
 * minimise
 * <pre>
 *   L(X) = Σ_{t,j valid} |X_tj − Y_tj|² / N_valid
 *        + λ_acc · Σ_{t,j} |X_{t+1,j} − 2 X_tj + X_{t−1,j}|² / N_acc
 *        + λ_bone · Σ_{t,b} (|X_tc(b) − X_tp(b)| − ℓ_b)² / N_bone
 * </pre>
 * with Y the input (metres), ℓ_b the median length of bone b over the frames where both its
 * joints are valid, and N the number of terms in each sum. X starts from the input with gaps
 * filled by linear interpolation and is optimised with Adam; every frame comes out valid, and the
 * entries the input lacked are marked filled.
 * It is the run's adaptation stage where no learned refiner is available.
 */
public final class TemporalFit {
    /** Weights and optimiser settings. */
    public record Settings(double accelerationWeight, double boneWeight, int iterations, double learningRate) {
        public static final Settings DEFAULT = new Settings(30, 10, 300, 0.004);
    }

    /** The fitted motion and the loss L after each iteration. */
    public record Result(Motion3d motion, double[] losses) {
    }

    private TemporalFit() {
    }

    public static Result fit(Motion3d input, Settings s) {
        int t = input.frames();
        int j = input.joints();
        int[][] bones = input.layout().bones();
        float[] y = input.positions();
        boolean[] valid = input.validity();
        double[] lengths = medianLengths(input, bones);
        double[] x = toDouble(Interpolation.fillGaps(input).positions());
        int nValid = 0;
        for (boolean v : valid) {
            nValid += v ? 1 : 0;
        }
        double nData = Math.max(nValid, 1);
        double nAcc = Math.max((t - 2) * j, 1);
        double nBone = Math.max(t * bones.length, 1);
        double[] grad = new double[x.length];
        double[] m = new double[x.length];
        double[] v = new double[x.length];
        double[] losses = new double[s.iterations()];
        double b1 = 0.9;
        double b2 = 0.999;
        for (int it = 0; it < s.iterations(); it++) {
            Arrays.fill(grad, 0);
            double loss = 0;
            for (int i = 0; i < t * j; i++) {
                if (valid[i]) {
                    for (int c = 0; c < 3; c++) {
                        double d = x[i * 3 + c] - y[i * 3 + c];
                        loss += d * d / nData;
                        grad[i * 3 + c] += 2 * d / nData;
                    }
                }
            }
            double wa = s.accelerationWeight() / nAcc;
            for (int f = 1; f < t - 1; f++) {
                for (int k = 0; k < j * 3; k++) {
                    int i = f * j * 3 + k;
                    double a = x[i + j * 3] - 2 * x[i] + x[i - j * 3];
                    loss += wa * a * a;
                    grad[i + j * 3] += 2 * wa * a;
                    grad[i] -= 4 * wa * a;
                    grad[i - j * 3] += 2 * wa * a;
                }
            }
            double wb = s.boneWeight() / nBone;
            for (int f = 0; f < t; f++) {
                for (int b = 0; b < bones.length; b++) {
                    if (Double.isNaN(lengths[b])) {
                        continue;
                    }
                    int ci = (f * j + bones[b][0]) * 3;
                    int pi = (f * j + bones[b][1]) * 3;
                    double dx = x[ci] - x[pi];
                    double dy = x[ci + 1] - x[pi + 1];
                    double dz = x[ci + 2] - x[pi + 2];
                    double n = Math.sqrt(dx * dx + dy * dy + dz * dz) + 1e-9;
                    double r = n - lengths[b];
                    loss += wb * r * r;
                    double g = 2 * wb * r / n;
                    grad[ci] += g * dx;
                    grad[ci + 1] += g * dy;
                    grad[ci + 2] += g * dz;
                    grad[pi] -= g * dx;
                    grad[pi + 1] -= g * dy;
                    grad[pi + 2] -= g * dz;
                }
            }
            losses[it] = loss;
            double c1 = 1 - Math.pow(b1, it + 1);
            double c2 = 1 - Math.pow(b2, it + 1);
            for (int i = 0; i < x.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * grad[i];
                v[i] = b2 * v[i] + (1 - b2) * grad[i] * grad[i];
                x[i] -= s.learningRate() * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-12);
            }
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        Motion3d fitted = new Motion3d(input.layout(), input.fps(), input.coordinateFrame(), out, null,
                input.provenance().withStep(Map.of("step", "temporal-fit", "acceleration_weight", s.accelerationWeight(),
                        "bone_weight", s.boneWeight(), "iterations", s.iterations(), "learning_rate", s.learningRate())));
        // every entry the input lacked (or had itself filled) is filled here, so outputs can say which were observed
        boolean[] filled = input.filledFlags();
        for (int i = 0; i < filled.length; i++) {
            filled[i] |= !valid[i];
        }
        return new Result(fitted.withFilled(filled), losses);
    }

    /** Median length of each bone (child, parent) over frames where both joints are valid; NaN where never. */
    static double[] medianLengths(Motion3d m, int[][] bones) {
        double[] out = new double[bones.length];
        for (int b = 0; b < bones.length; b++) {
            List<Double> ls = new ArrayList<>();
            for (int f = 0; f < m.frames(); f++) {
                int c = bones[b][0];
                int p = bones[b][1];
                if (m.isValid(f, p) && m.isValid(f, c)) {
                    double dx = m.get(f, c, 0) - m.get(f, p, 0);
                    double dy = m.get(f, c, 1) - m.get(f, p, 1);
                    double dz = m.get(f, c, 2) - m.get(f, p, 2);
                    ls.add(Math.sqrt(dx * dx + dy * dy + dz * dz));
                }
            }
            if (ls.isEmpty()) {
                out[b] = Double.NaN;
            } else {
                ls.sort(null);
                int n = ls.size();
                out[b] = n % 2 == 1 ? ls.get(n / 2) : (ls.get(n / 2 - 1) + ls.get(n / 2)) / 2;
            }
        }
        return out;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
