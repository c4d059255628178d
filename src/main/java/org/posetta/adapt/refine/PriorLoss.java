package org.posetta.adapt.refine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import java.util.Locale;
import org.posetta.nn.Scalars;
import org.posetta.pose.PosettaException;

/**
 * STRIDE's losses (methods.md §3.2, MotionBERT's definitions) between a predicted sequence
 * {@code ŷ} and a target {@code y}, both B×T×J×3, root-relative, metres. Each frame may carry a
 * weight {@code w_{b,t}} (B×T): per-frame terms are weighted means over frames.
 *
 * <pre>
 *   MPJP    = Σ w_{bt} (1/J) Σ_j ‖ŷ_{btj} − y_{btj}‖ / Σ w_{bt}
 *   N-MPJP  = the same with ŷ_{bt} scaled by s_{bt} = Σ_j ⟨ŷ_{btj}, y_{btj}⟩ / Σ_j ‖ŷ_{btj}‖²
 *   Vel     = the same over frame pairs, of ‖(ŷ_{t+1} − ŷ_t) − (y_{t+1} − y_t)‖, pair weight w_t·w_{t+1}
 *   LimbVar = mean over b and the 16 limbs (a, c) of the unbiased variance over t of ‖ŷ_{ta} − ŷ_{tc}‖
 * </pre>
 *
 * The limb term reads the prediction only, in metres as STRIDE's code (the paper's "normalised"
 * lengths are not specified). Velocity and limb terms are 0 for T ≤ 1.
 */
public final class PriorLoss {
    /** H36M-17 limbs (child, parent), STRIDE's list. */
    static final int[][] LIMBS = {{0, 1}, {1, 2}, {2, 3}, {0, 4}, {4, 5}, {5, 6}, {0, 7}, {7, 8}, {8, 9}, {9, 10},
        {8, 11}, {11, 12}, {12, 13}, {8, 14}, {14, 15}, {15, 16}};
    private static final float TINY = 1e-12f;

    /**
     * The weights of the four terms.
     *
     * @param position MPJP
     * @param scaled   N-MPJP
     * @param velocity velocity
     * @param limb     limb-length variance (m²)
     */
    public record Weights(double position, double scaled, double velocity, double limb) {
        /** Pretraining: MPJPE + 0.5·N-MPJPE + 20·velocity (MotionBERT). */
        public static final Weights PRETRAIN = new Weights(1, 0.5, 20, 0);
        /** Test-time training as in STRIDE's code. */
        public static final Weights STRIDE = new Weights(1, 0.5, 20, 200);
        /**
         * Test-time training, posetta's default: STRIDE's without the velocity term. Matching the
         * velocities of pseudo-labels made from per-frame estimates teaches the prior their jitter;
         * on S8 (a training subject) dropping it lowered MPJPE with every occlusion input (README).
         */
        public static final Weights TEST_TIME = new Weights(1, 0.5, 0, 200);

        public Weights {
            double[] all = {position, scaled, velocity, limb};
            if (Arrays.stream(all).anyMatch(w -> !(w >= 0 && w < Double.POSITIVE_INFINITY)) || Arrays.stream(all).sum() == 0) {
                throw new IllegalArgumentException("loss weights must be finite, at least 0 and not all 0, got " + Arrays.toString(all));
            }
        }

        /**
         * Four comma-separated weights in the order position, N-MPJP, velocity, limb, e.g.
         * {@code 1,0.5,20,200}.
         *
         * @throws PosettaException naming the expected form
         */
        public static Weights parse(String text) {
            String[] parts = text.split(",", -1);
            try {
                if (parts.length == 4) {
                    return new Weights(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                            Double.parseDouble(parts[2].trim()), Double.parseDouble(parts[3].trim()));
                }
            } catch (IllegalArgumentException e) {
                // reported below with the expected form (NumberFormatException is one)
            }
            throw new PosettaException("'" + text + "' is not a set of loss weights: give four numbers of at least 0, position,"
                    + " N-MPJP, velocity and limb-length variance, e.g. 1,0.5,20,200.");
        }

        /** The form {@link #parse} reads. */
        public String describe() {
            return String.format(Locale.ROOT, "%s,%s,%s,%s", number(position), number(scaled), number(velocity), number(limb));
        }

        private static String number(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }

    private PriorLoss() {
    }

    /** The weighted sum of the four terms. */
    public static NDArray total(NDArray predicted, NDArray target, NDArray frameWeights, Weights w) {
        NDArray loss = Scalars.times(mpjp(predicted, target, frameWeights), w.position());
        if (w.scaled() != 0) {
            loss = loss.add(Scalars.times(nMpjp(predicted, target, frameWeights), w.scaled()));
        }
        if (w.velocity() != 0) {
            loss = loss.add(Scalars.times(velocity(predicted, target, frameWeights), w.velocity()));
        }
        if (w.limb() != 0) {
            loss = loss.add(Scalars.times(limbVariance(predicted), w.limb()));
        }
        return loss;
    }

    public static NDArray mpjp(NDArray predicted, NDArray target, NDArray frameWeights) {
        return weightedMean(distance(predicted, target).mean(new int[] {2}), frameWeights);
    }

    public static NDArray nMpjp(NDArray predicted, NDArray target, NDArray frameWeights) {
        NDArray scale = predicted.mul(target).sum(new int[] {2, 3}, true)
                .div(predicted.square().sum(new int[] {2, 3}, true).add(TINY));
        return mpjp(predicted.mul(scale), target, frameWeights);
    }

    public static NDArray velocity(NDArray predicted, NDArray target, NDArray frameWeights) {
        long t = predicted.getShape().get(1);
        if (t <= 1) {
            return predicted.getManager().zeros(new ai.djl.ndarray.types.Shape());
        }
        NDArray error = distance(difference(predicted), difference(target)).mean(new int[] {2});
        NDArray pairWeights = frameWeights == null ? null
                : frameWeights.get(new NDIndex(":, 1:")).mul(frameWeights.get(new NDIndex(":, :-1")));
        return weightedMean(error, pairWeights);
    }

    public static NDArray limbVariance(NDArray predicted) {
        long t = predicted.getShape().get(1);
        if (t <= 1) {
            return predicted.getManager().zeros(new ai.djl.ndarray.types.Shape());
        }
        NDArray sum = null;
        for (int[] limb : LIMBS) {
            NDArray a = predicted.get(new NDIndex(":, :, {}, :", limb[0]));
            NDArray c = predicted.get(new NDIndex(":, :, {}, :", limb[1]));
            NDArray length = a.sub(c).square().sum(new int[] {2}).add(TINY).sqrt(); // B×T
            NDArray variance = Scalars.dividedBy(length.sub(length.mean(new int[] {1}, true)).square().sum(new int[] {1}), t - 1);
            sum = sum == null ? variance : sum.add(variance);
        }
        return Scalars.dividedBy(sum, LIMBS.length).mean();
    }

    private static NDArray distance(NDArray a, NDArray b) {
        return a.sub(b).square().sum(new int[] {3}).add(TINY).sqrt();
    }

    private static NDArray difference(NDArray x) {
        return x.get(new NDIndex(":, 1:")).sub(x.get(new NDIndex(":, :-1")));
    }

    /** Mean of B×T values weighted by B×T weights (plain mean where weights are null). */
    private static NDArray weightedMean(NDArray values, NDArray weights) {
        if (weights == null) {
            return values.mean();
        }
        return values.mul(weights).sum().div(weights.sum().add(TINY));
    }
}
