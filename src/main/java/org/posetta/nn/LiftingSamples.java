package org.posetta.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.posetta.data.Human36m;
import org.posetta.pose.JointMap;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

/**
 * Training samples for the per-frame lifter: for every frame of every chosen Human3.6M sequence
 * and camera, the ground-truth 2D projection and the Stacked Hourglass detection (MPII-16 mapped
 * to H36M-17), both screen-normalised, and the root-relative camera-frame 3D target.
 *
 * <p>{@link #batch} draws the input of each sample the way real detectors err, from a seeded
 * generator: with probability {@link Augmentation#detections} the detector's own output for that
 * frame, else the ground-truth projection, in the MPII-16 joint set (spine interpolated between
 * pelvis and thorax, as {@link JointMap} derives it) with probability {@link Augmentation#mpiiLayout},
 * with per-sample Gaussian jitter of up to {@link Augmentation#maxJitterPx} and gross outliers per
 * joint; then, for either source, a few joints dropped (flagged missing) and a horizontal flip of
 * 2D and 3D together.
 */
public final class LiftingSamples {
    private static final int J = FrameLifter.JOINTS;
    private static final int[] FLIP = Layout.H36M17.flipPermutation();
    private static final int PELVIS = 0;
    private static final int SPINE = 7;
    private static final int THORAX = 8;

    /**
     * @param detections  probability of the detector's output instead of the projection
     * @param mpiiLayout  probability of the MPII-16 joint set for a projection
     * @param maxJitterPx largest per-sample jitter σ, pixels (σ is 0 for 30 % of samples)
     * @param outlierRate probability per joint of a gross error (σ 40 px)
     * @param dropRate    probability per sample of 1–3 joints flagged missing
     * @param flipRate    probability of a horizontal flip
     */
    public record Augmentation(double detections, double mpiiLayout, double maxJitterPx, double outlierRate,
            double dropRate, double flipRate) {
        public static final Augmentation DEFAULT = new Augmentation(0.5, 0.5, 8, 0.02, 0.15, 0.5);
        public static final Augmentation NONE = new Augmentation(0, 0, 0, 0, 0, 0);

        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("detections_fraction", detections);
            m.put("mpii_layout_fraction", mpiiLayout);
            m.put("max_jitter_px", maxJitterPx);
            m.put("outlier_rate_per_joint", outlierRate);
            m.put("outlier_sigma_px", 40);
            m.put("drop_rate_per_sample", dropRate);
            m.put("flip_rate", flipRate);
            return m;
        }
    }

    private final float[] projected;
    private final float[] detected;
    private final float[] targets;
    private final int size;

    private LiftingSamples(float[] projected, float[] detected, float[] targets) {
        this.projected = projected;
        this.detected = detected;
        this.targets = targets;
        this.size = targets.length / ((J - 1) * 3);
    }

    /** One sample per frame of each sequence, every {@code stride}-th frame. */
    public static LiftingSamples of(List<Human36m.Sequence> sequences, int stride) {
        List<float[]> p = new ArrayList<>();
        List<float[]> d = new ArrayList<>();
        List<float[]> t = new ArrayList<>();
        JointMap fromMpii = JointMap.toCanonical(Layout.MPII16);
        for (Human36m.Sequence s : sequences) {
            KeypointCodec codec = KeypointCodec.of(s.groundTruth2d());
            p.add(xy(codec.normalise(s.groundTruth2d()), stride));
            d.add(xy(codec.normalise(fromMpii.apply(s.detections())), stride));
            t.add(targets(s.positions3d(), stride));
        }
        return new LiftingSamples(concat(p), concat(d), concat(t));
    }

    /** Samples from arrays: projections and detections as rows of 17 × (x_n, y_n), targets as rows of 16 × 3 metres. */
    public static LiftingSamples ofArrays(float[] projected, float[] detected, float[] targets) {
        if (projected.length != detected.length || projected.length / (J * 2) != targets.length / ((J - 1) * 3)) {
            throw new IllegalArgumentException("inconsistent sample arrays");
        }
        return new LiftingSamples(projected.clone(), detected.clone(), targets.clone());
    }

    public int size() {
        return size;
    }

    /** Ground-truth projections as rows of 17 × (x_n, y_n). */
    public float[] projected() {
        return projected;
    }

    /** Targets as rows of 16 × (x, y, z), root-relative metres. */
    public float[] targets() {
        return targets;
    }

    /** Sample {@code i}'s input without augmentation, from the projection or the detections: 17 × 3 encoded. */
    public float[] clean(int i, boolean fromDetections) {
        float[] out = new float[J * 3];
        float[] src = fromDetections ? detected : projected;
        for (int j = 0; j < J; j++) {
            out[j * 3] = src[(i * J + j) * 2];
            out[j * 3 + 1] = src[(i * J + j) * 2 + 1];
            out[j * 3 + 2] = 1;
        }
        return out;
    }

    /**
     * Inputs (B × 17 × 3, as {@link KeypointCodec} encodes) and targets (B × 16 × 3) of the
     * samples {@code indices}, augmented with a generator seeded by {@code seed}.
     */
    public float[][] batch(int[] indices, Augmentation a, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int b = indices.length;
        float[] in = new float[b * J * 3];
        float[] out = new float[b * (J - 1) * 3];
        float[] xy = new float[J * 2];
        float[] conf = new float[J];
        float[] xyz = new float[J * 3];
        for (int n = 0; n < b; n++) {
            int i = indices[n];
            boolean fromDetections = rng.nextDouble() < a.detections();
            System.arraycopy(fromDetections ? detected : projected, i * J * 2, xy, 0, J * 2);
            Arrays.fill(conf, 1f);
            if (!fromDetections) {
                if (rng.nextDouble() < a.mpiiLayout()) {
                    xy[SPINE * 2] = (xy[PELVIS * 2] + xy[THORAX * 2]) / 2;
                    xy[SPINE * 2 + 1] = (xy[PELVIS * 2 + 1] + xy[THORAX * 2 + 1]) / 2;
                }
                // Screen normalisation divides by the width (1000 px): 1 px = 0.002.
                double sigma = rng.nextDouble() < 0.3 ? 0 : rng.nextDouble() * a.maxJitterPx() * 0.002;
                for (int k = 0; k < J * 2; k++) {
                    xy[k] += (float) (gaussian(rng) * sigma);
                    if (k % 2 == 0 && rng.nextDouble() < a.outlierRate()) {
                        xy[k] += (float) (gaussian(rng) * 40 * 0.002);
                        xy[k + 1] += (float) (gaussian(rng) * 40 * 0.002);
                    }
                }
            }
            if (rng.nextDouble() < a.dropRate()) {
                int drops = 1 + rng.nextInt(3);
                for (int k = 0; k < drops; k++) {
                    conf[rng.nextInt(J)] = 0;
                }
            }
            xyz[0] = xyz[1] = xyz[2] = 0;
            System.arraycopy(targets, i * (J - 1) * 3, xyz, 3, (J - 1) * 3);
            boolean flip = rng.nextDouble() < a.flipRate();
            for (int j = 0; j < J; j++) {
                int src = flip ? FLIP[j] : j;
                int o = (n * J + j) * 3;
                if (conf[src] > 0) {
                    in[o] = flip ? -xy[src * 2] : xy[src * 2];
                    in[o + 1] = xy[src * 2 + 1];
                    in[o + 2] = 1;
                }
                if (j > 0) {
                    int t = (n * (J - 1) + j - 1) * 3;
                    out[t] = flip ? -xyz[src * 3] : xyz[src * 3];
                    out[t + 1] = xyz[src * 3 + 1];
                    out[t + 2] = xyz[src * 3 + 2];
                }
            }
        }
        return new float[][] {in, out};
    }

    private static double gaussian(SplittableRandom rng) {
        // Box–Muller; SplittableRandom has no nextGaussian in Java 17.
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static float[] xy(float[] encoded, int stride) {
        int frames = encoded.length / (J * 3);
        int kept = (frames + stride - 1) / stride;
        float[] out = new float[kept * J * 2];
        for (int f = 0, k = 0; f < frames; f += stride, k++) {
            for (int j = 0; j < J; j++) {
                out[(k * J + j) * 2] = encoded[(f * J + j) * 3];
                out[(k * J + j) * 2 + 1] = encoded[(f * J + j) * 3 + 1];
            }
        }
        return out;
    }

    private static float[] targets(Motion3d camera, int stride) {
        float[] rel = MotionCodec.of(camera).rootRelative(camera);
        int frames = camera.frames();
        int kept = (frames + stride - 1) / stride;
        float[] out = new float[kept * (J - 1) * 3];
        for (int f = 0, k = 0; f < frames; f += stride, k++) {
            System.arraycopy(rel, (f * J + 1) * 3, out, k * (J - 1) * 3, (J - 1) * 3);
        }
        return out;
    }

    private static float[] concat(List<float[]> parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
