package org.posetta.metrics;

import org.posetta.geometry.Procrustes;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * The protocol metrics for 3D pose: MPJPE and P-MPJPE (Human3.6M protocols #1 and #2), N-MPJPE
 * (Rhodin et al. 2018), MPJVE (Pavllo et al. 2019), the acceleration error (Kanazawa et al. 2019),
 * and PCK@150 mm with its AUC (the MPI-INF-3DHP convention, Mehta et al. 2017).
 *
 * <p>Prediction {@code p} and ground truth {@code g} are T×J×3 in metres; each is made
 * root-relative within its own pose, {@code p̃_{t,j} = p_{t,j} − p_{t,r}} (unless evaluated
 * {@link EvalOptions#ABSOLUTE absolute}), and errors are reported in millimetres. With
 * {@code K} the evaluated joints ({@link JointSet}) and {@code F} the counted frames:
 *
 * <pre>
 *   MPJPE   = 1/(|F||K|) Σ_{t∈F} Σ_{j∈K} ‖p̃_{t,j} − g̃_{t,j}‖
 *   P-MPJPE = the same with p̃_t replaced by s_t R_t p̃_t + c_t, the similarity that best maps the
 *             frame's K joints onto g̃_t ({@link Procrustes}: a rotation, never a reflection)
 *   N-MPJPE = the same with p̃_t replaced by s_t p̃_t,  s_t = ⟨p̃_t, g̃_t⟩ / ⟨p̃_t, p̃_t⟩ over the K joints
 *   MPJVE   = mean over counted pairs (t−1, t) of 1/|K| Σ_j ‖(p̃_t − p̃_{t−1}) − (g̃_t − g̃_{t−1})‖_j
 *   Accel   = mean over counted triples (t−1, t, t+1) of
 *             1/|K| Σ_j ‖(p̃_{t+1} − 2 p̃_t + p̃_{t−1}) − (g̃_{t+1} − 2 g̃_t + g̃_{t−1})‖_j
 *             in mm per frame² at the data's frame rate
 *   PCK@τ   = 100 · |{(t, j) : t∈F, j∈K, ‖p̃_{t,j} − g̃_{t,j}‖ &lt; τ}| / (|F||K|)
 *   PCK150  = PCK@150 mm,   AUC = 1/31 Σ_{k=0..30} PCK@(5k mm)
 * </pre>
 *
 * <p>Validity is decided per frame, so that every counted frame weighs the same and Procrustes
 * always sees the same joints: a frame is <em>usable</em> where every evaluated joint and the root
 * are valid in both prediction and ground truth, and <em>counted</em> where it is usable and
 * selected by the frame mask (every frame without one). A velocity term at {@code t} counts where
 * {@code t−1} and {@code t} are usable and {@code t} is selected; an acceleration term centred at
 * {@code t} where {@code t−1}, {@code t} and {@code t+1} are usable and {@code t} is selected. A
 * term thus belongs to one frame, and the errors over a mask and over its complement
 * {@link PoseErrors#pool pool} to the errors over all frames.
 */
public final class PoseMetrics {
    /** The PCK threshold, millimetres. */
    public static final double PCK_THRESHOLD_MM = 150;
    /** The spacing of the AUC thresholds 0, 5, ..., 150 mm. */
    public static final double AUC_STEP_MM = 5;
    private static final int AUC_THRESHOLDS = 31;

    private PoseMetrics() {
    }

    /** All metrics over all frames with the {@link EvalOptions#DEFAULT default} options. */
    public static PoseErrors evaluate(Motion3d prediction, Motion3d groundTruth) {
        return evaluate(prediction, groundTruth, EvalOptions.DEFAULT, null);
    }

    /** All metrics over all frames. */
    public static PoseErrors evaluate(Motion3d prediction, Motion3d groundTruth, EvalOptions options) {
        return evaluate(prediction, groundTruth, options, null);
    }

    /**
     * All metrics over the frames selected by {@code frameMask} (e.g. only occluded frames).
     *
     * @param prediction  the estimate, same layout and frame count as {@code groundTruth}
     * @param groundTruth the reference, frame {@code t} of each describing the same instant
     * @param frameMask   one flag per frame, {@code true} where the frame is evaluated, or
     *                    {@code null} for every frame
     * @throws PosettaException where layouts or frame counts differ, or the joint set does not
     *                          exist in the layout
     */
    public static PoseErrors evaluate(Motion3d prediction, Motion3d groundTruth, EvalOptions options,
            boolean[] frameMask) {
        if (prediction.layout() != groundTruth.layout()) {
            throw new PosettaException("The prediction is in the " + prediction.layout().id()
                    + " layout but the ground truth in " + groundTruth.layout().id() + ": convert both to one layout first.");
        }
        int frames = groundTruth.frames();
        if (prediction.frames() != frames) {
            throw new PosettaException("The prediction has " + prediction.frames() + " frames but the ground truth "
                    + frames + ": give sequences aligned frame by frame.");
        }
        if (frameMask != null && frameMask.length != frames) {
            throw new IllegalArgumentException(frameMask.length + " mask flags for " + frames + " frames");
        }
        int[] joints = options.jointSet().indices(groundTruth.layout());
        int root = options.rootIndex(groundTruth.layout());
        int k = joints.length;

        // The last three usable frames' root-relative poses in mm, indexed by t % 3.
        double[][] p = new double[3][3 * k];
        double[][] g = new double[3][3 * k];
        boolean[] usable = new boolean[frames];
        double[] aligned = new double[3 * k];
        double[] jointError = new double[k];
        Procrustes procrustes = new Procrustes();

        int counted = 0;
        int velocityTerms = 0;
        int accelTerms = 0;
        double mpjpe = 0;
        double paMpjpe = 0;
        double nMpjpe = 0;
        double mpjve = 0;
        double accel = 0;
        long pck = 0;
        long aucHits = 0;
        for (int t = 0; t < frames; t++) {
            usable[t] = isUsable(prediction, groundTruth, t, joints, root);
            if (!usable[t]) {
                continue;
            }
            double[] pt = p[t % 3];
            double[] gt = g[t % 3];
            rootRelativeMm(prediction, t, joints, root, pt);
            rootRelativeMm(groundTruth, t, joints, root, gt);
            // The acceleration term centred at t − 1 needs frame t, so it is taken now.
            if (t >= 2 && usable[t - 1] && usable[t - 2] && (frameMask == null || frameMask[t - 1])) {
                accelTerms++;
                accel += secondDifference(pt, p[(t - 1) % 3], p[(t - 2) % 3], gt, g[(t - 1) % 3], g[(t - 2) % 3]);
            }
            if (frameMask != null && !frameMask[t]) {
                continue;
            }
            counted++;
            if (t >= 1 && usable[t - 1]) {
                velocityTerms++;
                mpjve += difference(pt, p[(t - 1) % 3], gt, g[(t - 1) % 3]);
            }
            mpjpe += jointErrors(pt, gt, jointError);
            for (double e : jointError) {
                if (e < PCK_THRESHOLD_MM) {
                    pck++;
                }
                for (int step = AUC_THRESHOLDS - 1; step >= 0 && e < step * AUC_STEP_MM; step--) {
                    aucHits++;
                }
            }
            procrustes.fit(pt, gt, null).apply(pt, aligned);
            paMpjpe += jointErrors(aligned, gt, jointError);
            double s = scaleAlignment(pt, gt);
            for (int i = 0; i < aligned.length; i++) {
                aligned[i] = s * pt[i];
            }
            nMpjpe += jointErrors(aligned, gt, jointError);
        }
        double perJoint = (double) counted * k;
        return new PoseErrors(mpjpe / counted, paMpjpe / counted, nMpjpe / counted, accel / accelTerms,
                mpjve / velocityTerms, 100 * pck / perJoint, 100 * aucHits / (perJoint * AUC_THRESHOLDS), counted,
                velocityTerms, accelTerms);
    }

    /**
     * The scale that best maps {@code p} onto {@code g} alone, {@code s = ⟨p, g⟩ / ⟨p, p⟩}
     * (0 where {@code p} is all zero).
     */
    private static double scaleAlignment(double[] p, double[] g) {
        double pg = 0;
        double pp = 0;
        for (int i = 0; i < p.length; i++) {
            pg += p[i] * g[i];
            pp += p[i] * p[i];
        }
        return pp > 0 ? pg / pp : 0;
    }

    /** Fills {@code errors} with {@code ‖p_j − g_j‖} per joint and returns their mean. */
    private static double jointErrors(double[] p, double[] g, double[] errors) {
        double sum = 0;
        for (int j = 0; j < errors.length; j++) {
            double dx = p[3 * j] - g[3 * j];
            double dy = p[3 * j + 1] - g[3 * j + 1];
            double dz = p[3 * j + 2] - g[3 * j + 2];
            errors[j] = Math.sqrt(dx * dx + dy * dy + dz * dz);
            sum += errors[j];
        }
        return sum / errors.length;
    }

    /** {@code 1/K Σ_j ‖(p_j − pPrev_j) − (g_j − gPrev_j)‖}. */
    private static double difference(double[] p, double[] pPrev, double[] g, double[] gPrev) {
        int k = p.length / 3;
        double sum = 0;
        for (int i = 0; i < p.length; i += 3) {
            double dx = (p[i] - pPrev[i]) - (g[i] - gPrev[i]);
            double dy = (p[i + 1] - pPrev[i + 1]) - (g[i + 1] - gPrev[i + 1]);
            double dz = (p[i + 2] - pPrev[i + 2]) - (g[i + 2] - gPrev[i + 2]);
            sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return sum / k;
    }

    /** {@code 1/K Σ_j ‖(pNext − 2 p + pPrev)_j − (gNext − 2 g + gPrev)_j‖}. */
    private static double secondDifference(double[] pNext, double[] p, double[] pPrev, double[] gNext, double[] g,
            double[] gPrev) {
        int k = p.length / 3;
        double sum = 0;
        for (int i = 0; i < p.length; i += 3) {
            double dx = (pNext[i] - 2 * p[i] + pPrev[i]) - (gNext[i] - 2 * g[i] + gPrev[i]);
            double dy = (pNext[i + 1] - 2 * p[i + 1] + pPrev[i + 1]) - (gNext[i + 1] - 2 * g[i + 1] + gPrev[i + 1]);
            double dz = (pNext[i + 2] - 2 * p[i + 2] + pPrev[i + 2]) - (gNext[i + 2] - 2 * g[i + 2] + gPrev[i + 2]);
            sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return sum / k;
    }

    private static boolean isUsable(Motion3d prediction, Motion3d groundTruth, int t, int[] joints, int root) {
        if (root >= 0 && !(prediction.isValid(t, root) && groundTruth.isValid(t, root))) {
            return false;
        }
        for (int j : joints) {
            if (!prediction.isValid(t, j) || !groundTruth.isValid(t, j)) {
                return false;
            }
        }
        return true;
    }

    /** The evaluated joints of frame {@code t} minus the root joint (none where {@code root < 0}), mm. */
    private static void rootRelativeMm(Motion3d motion, int t, int[] joints, int root, double[] out) {
        for (int c = 0; c < 3; c++) {
            double origin = root >= 0 ? motion.get(t, root, c) : 0;
            for (int i = 0; i < joints.length; i++) {
                out[3 * i + c] = 1000 * (motion.get(t, joints[i], c) - origin);
            }
        }
    }
}
