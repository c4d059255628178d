package org.posetta.metrics;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol metrics of one evaluation (definitions in {@link PoseMetrics}). Errors are in
 * millimetres, the acceleration error in mm per frame² at the data's frame rate, PCK and AUC in
 * percent. A metric with nothing to average over (no frame, or no velocity/acceleration term)
 * is NaN.
 *
 * @param mpjpeMm       MPJPE (protocol #1)
 * @param paMpjpeMm     P-MPJPE after per-frame similarity Procrustes (protocol #2)
 * @param nMpjpeMm      N-MPJPE after per-frame scale alignment
 * @param accelMm       acceleration error, mean over {@code accelTerms} frame triples
 * @param mpjveMm       velocity error, mean over {@code velocityTerms} frame pairs
 * @param pck150        percent of joints with error below 150 mm
 * @param auc           mean PCK over thresholds 0, 5, ..., 150 mm, percent
 * @param frames        frames counted for the per-frame metrics
 * @param velocityTerms frame pairs counted for MPJVE
 * @param accelTerms    frame triples counted for the acceleration error
 */
public record PoseErrors(double mpjpeMm, double paMpjpeMm, double nMpjpeMm, double accelMm, double mpjveMm,
        double pck150, double auc, int frames, int velocityTerms, int accelTerms) {

    /** The errors of an evaluation with nothing counted. */
    public static final PoseErrors EMPTY = new PoseErrors(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, 0, 0, 0);

    /**
     * The metrics as written by {@code eval --json} and the benchmarks, keys in this order:
     * {@code mpjpe_mm, pa_mpjpe_mm, n_mpjpe_mm, accel_mm, mpjve_mm, pck150, auc, frames}; a NaN
     * metric is {@code null}, since JSON has no NaN.
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mpjpe_mm", orNull(mpjpeMm));
        m.put("pa_mpjpe_mm", orNull(paMpjpeMm));
        m.put("n_mpjpe_mm", orNull(nMpjpeMm));
        m.put("accel_mm", orNull(accelMm));
        m.put("mpjve_mm", orNull(mpjveMm));
        m.put("pck150", orNull(pck150));
        m.put("auc", orNull(auc));
        m.put("frames", frames);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The errors of all parts' frames together, as if evaluated at once: each per-frame metric is
     * the mean weighted by {@code frames}, MPJVE by {@code velocityTerms}, the acceleration error
     * by {@code accelTerms}; counts add up. Parts must use the same joint set.
     */
    public static PoseErrors pool(Collection<PoseErrors> parts) {
        long frames = 0;
        long velocityTerms = 0;
        long accelTerms = 0;
        double mpjpe = 0;
        double paMpjpe = 0;
        double nMpjpe = 0;
        double pck = 0;
        double auc = 0;
        double mpjve = 0;
        double accel = 0;
        for (PoseErrors e : parts) {
            if (e.frames > 0) {
                frames += e.frames;
                mpjpe += e.mpjpeMm * e.frames;
                paMpjpe += e.paMpjpeMm * e.frames;
                nMpjpe += e.nMpjpeMm * e.frames;
                pck += e.pck150 * e.frames;
                auc += e.auc * e.frames;
            }
            if (e.velocityTerms > 0) {
                velocityTerms += e.velocityTerms;
                mpjve += e.mpjveMm * e.velocityTerms;
            }
            if (e.accelTerms > 0) {
                accelTerms += e.accelTerms;
                accel += e.accelMm * e.accelTerms;
            }
        }
        return new PoseErrors(mpjpe / frames, paMpjpe / frames, nMpjpe / frames, accel / accelTerms,
                mpjve / velocityTerms, pck / frames, auc / frames, Math.toIntExact(frames),
                Math.toIntExact(velocityTerms), Math.toIntExact(accelTerms));
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
