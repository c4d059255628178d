package org.posetta.adapt.semantic;

/**
 * SA-TTA's update of the 2D evidence at the end of an adaptation cycle (paper §4.2, Eqs. 6–8 as
 * reconstructed in methods §9.3), per frame t and joint k, from the projection Ĵ of that
 * cycle's prediction:
 * <ul>
 *   <li>a joint with a target (detected, or filled earlier): J̄ ← α·J̄ + (1 − α)·Ĵ (the EMA);</li>
 *   <li>a joint without one, in a frame whose motion agrees with its label (cos_t &gt; τ):
 *       J̄ ← Ĵ, and it becomes a target (the fill-in);</li>
 *   <li>otherwise it stays missing.</li>
 * </ul>
 * The EMA runs before the fill-in, so a joint filled in this update is not also averaged.
 * Frames with no agreement value (NaN: covered by no labelled segment) are never filled.
 */
public final class EvidenceUpdate {
    private EvidenceUpdate() {
    }

    /**
     * Updates {@code targets} and {@code present} in place.
     *
     * @param targets   T·J·2 target coordinates (any 2D unit)
     * @param present   T·J, whether a joint has a target
     * @param projected T·J·2 projections of the current prediction, same unit
     * @param agreement T values cos_t, NaN where unknown
     * @param alpha     EMA factor on the old target; NaN to skip the EMA
     * @param tau       agreement threshold; NaN to skip the fill-in
     * @param filled    T·J, set where a joint is filled by this update (may be null)
     * @return how many joints were filled
     */
    public static int apply(float[] targets, boolean[] present, float[] projected, double[] agreement, double alpha, double tau,
            boolean[] filled) {
        int frames = agreement.length;
        int joints = present.length / frames;
        if (present.length != frames * joints || targets.length != present.length * 2 || projected.length != targets.length) {
            throw new IllegalArgumentException("inconsistent sizes: " + targets.length + " targets, " + present.length
                    + " flags, " + projected.length + " projections, " + frames + " frames");
        }
        if (!Double.isNaN(alpha)) {
            for (int i = 0; i < present.length; i++) {
                if (present[i]) {
                    for (int c = 0; c < 2; c++) {
                        targets[i * 2 + c] = (float) (alpha * targets[i * 2 + c] + (1 - alpha) * projected[i * 2 + c]);
                    }
                }
            }
        }
        int count = 0;
        if (!Double.isNaN(tau)) {
            for (int t = 0; t < frames; t++) {
                if (!(agreement[t] > tau)) {
                    continue;
                }
                for (int i = t * joints; i < (t + 1) * joints; i++) {
                    if (!present[i]) {
                        targets[i * 2] = projected[i * 2];
                        targets[i * 2 + 1] = projected[i * 2 + 1];
                        present[i] = true;
                        count++;
                        if (filled != null) {
                            filled[i] = true;
                        }
                    }
                }
            }
        }
        return count;
    }
}
