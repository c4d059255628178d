package org.posetta.simulate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * The errors of a 2D keypoint detector, applied per frame in this order:
 * <ol>
 *   <li>a left/right swap with probability {@code swapRate}: every left joint exchanges place
 *       and confidence with its right partner (the detector mistook which way the person faces);</li>
 *   <li>a gross error with probability {@code grossRate} per valid joint: the joint lands on a
 *       uniformly drawn point of the frame's person box (the box of its valid joints), as when
 *       a detector fires on another body part;</li>
 *   <li>jitter: {@code N(0, sigma²)} pixels added to u and to v of every valid joint.</li>
 * </ol>
 * Confidences are kept, so the errors look as sure as the detections. Which joints are missing
 * does not change. MotionBERT's noise model has σ ≈ 2–5 px on Human3.6M's 1000-pixel images.
 *
 * @param sigma     jitter standard deviation, pixels, ≥ 0
 * @param grossRate probability per (frame, joint), in [0, 1]
 * @param swapRate  probability per frame, in [0, 1]
 */
public record DetectorNoise(double sigma, double grossRate, double swapRate) implements Corruption {
    /** 3 px jitter, 1 % gross errors, 0.5 % of frames swapped. */
    public static final DetectorNoise DEFAULT = new DetectorNoise(3, 0.01, 0.005);

    public DetectorNoise {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("jitter sigma must be finite and non-negative, got " + sigma);
        }
        if (!(grossRate >= 0 && grossRate <= 1 && swapRate >= 0 && swapRate <= 1)) {
            throw new IllegalArgumentException("error rates must lie in [0, 1], got " + grossRate + " and " + swapRate);
        }
    }

    @Override
    public String mode() {
        return "noise";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sigma_px", sigma);
        p.put("gross_rate", grossRate);
        p.put("swap_rate", swapRate);
        return p;
    }

    @Override
    public Occluded<Keypoints2d> apply(Keypoints2d k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int jn = k.joints();
        float[] uv = k.pixels();
        float[] conf = k.confidences();
        int[][] pairs = k.layout().symmetricPairs();
        int gross = 0;
        int swaps = 0;
        for (int t = 0; t < k.frames(); t++) {
            if (random.nextDouble() < swapRate) {
                swaps++;
                for (int[] p : pairs) {
                    swap(uv, conf, t * jn + p[0], t * jn + p[1]);
                }
            }
            double[] box = box(uv, conf, t * jn, jn);
            for (int i = t * jn; i < (t + 1) * jn; i++) {
                if (conf[i] <= 0f) {
                    continue;
                }
                if (random.nextDouble() < grossRate) {
                    gross++;
                    uv[2 * i] = (float) (box[0] + random.nextDouble() * (box[2] - box[0]));
                    uv[2 * i + 1] = (float) (box[1] + random.nextDouble() * (box[3] - box[1]));
                }
                uv[2 * i] += (float) (sigma * random.nextGaussian());
                uv[2 * i + 1] += (float) (sigma * random.nextGaussian());
            }
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("gross_errors", gross);
        outcome.put("swapped_frames", swaps);
        Keypoints2d out = k.withPixels(uv, conf).withProvenance(k.provenance().withStep(step(seed, outcome)));
        return new Occluded<>(out, OcclusionMask.none(k.frames(), jn));
    }

    /** Detector noise is defined on pixels; 3D motion has none. */
    @Override
    public Occluded<Motion3d> apply(Motion3d motion, long seed) {
        throw new PosettaException("detector noise applies to 2D keypoints, and this is 3D motion:"
                + " give a 2D keypoint file or choose an occlusion mode.");
    }

    private static void swap(float[] uv, float[] conf, int a, int b) {
        float c = conf[a];
        conf[a] = conf[b];
        conf[b] = c;
        for (int d = 0; d < 2; d++) {
            float x = uv[2 * a + d];
            uv[2 * a + d] = uv[2 * b + d];
            uv[2 * b + d] = x;
        }
    }

    /** {min u, min v, max u, max v} over the valid joints of one frame; zeros when none. */
    private static double[] box(float[] uv, float[] conf, int first, int joints) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = first; i < first + joints; i++) {
            if (conf[i] > 0f) {
                b[0] = Math.min(b[0], uv[2 * i]);
                b[1] = Math.min(b[1], uv[2 * i + 1]);
                b[2] = Math.max(b[2], uv[2 * i]);
                b[3] = Math.max(b[3], uv[2 * i + 1]);
            }
        }
        return b[0] <= b[2] ? b : new double[4];
    }
}
