package org.posetta.geometry;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Similarity (Procrustes) alignment of one 3D point set onto another: the scale {@code s}, rotation
 * {@code R} and translation {@code t} minimising
 *
 * <pre>
 *   Σ_j w_j ‖s R p_j + t − g_j‖²
 * </pre>
 *
 * over source points {@code p_j} and target points {@code g_j} with weights {@code w_j ≥ 0}. The
 * closed form (Umeyama 1991): with weighted centroids {@code p̄ = Σ w_j p_j / Σ w_j}, {@code ḡ}
 * likewise, and centred points {@code p'_j = p_j − p̄}, {@code g'_j = g_j − ḡ},
 *
 * <pre>
 *   H = Σ_j w_j p'_j g'_jᵀ = U Σ Vᵀ                  (SVD of the 3×3 covariance)
 *   D = diag(1, 1, sign det(V Uᵀ))                   (−1 on the smallest singular value)
 *   R = V D Uᵀ,   s = tr(D Σ) / Σ_j w_j ‖p'_j‖²,   t = ḡ − s R p̄
 * </pre>
 *
 * Without {@code D} the best orthogonal matrix may be a reflection; flipping the sign of the
 * smallest singular value and its singular vector gives the best proper rotation instead, so a
 * mirrored pose is never aligned onto its original. Where all weighted source points coincide
 * the scale is 0 (every point maps to {@code ḡ}) and {@code R} is the identity.
 *
 * <p>A weight of 0 leaves a joint out (a mask). An instance keeps the SVD workspace, so aligning
 * many frames allocates only the results; it is not thread-safe, use one per thread.
 */
public final class Procrustes {
    private final SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(3, 3, true, true, false);
    private final DMatrixRMaj covariance = new DMatrixRMaj(3, 3);
    private final DMatrixRMaj u = new DMatrixRMaj(3, 3);
    private final DMatrixRMaj v = new DMatrixRMaj(3, 3);

    /** The similarity that best maps {@code source} onto {@code target}, all points weighted equally. */
    public static Similarity align(double[] source, double[] target) {
        return new Procrustes().fit(source, target, null);
    }

    /**
     * The similarity that best maps {@code source} onto {@code target} (formula in the class
     * description).
     *
     * @param source  N·3 values, point-major
     * @param target  N·3 values in the same order
     * @param weights N non-negative weights with a positive sum, or {@code null} for all 1
     * @throws IllegalArgumentException on mismatched sizes or invalid weights
     */
    public Similarity fit(double[] source, double[] target, double[] weights) {
        int n = source.length / 3;
        if (source.length % 3 != 0 || target.length != source.length) {
            throw new IllegalArgumentException("source and target must both hold N 3D points, got "
                    + source.length + " and " + target.length + " values");
        }
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException(weights.length + " weights for " + n + " points");
        }
        double wSum = 0;
        double[] pMean = new double[3];
        double[] gMean = new double[3];
        for (int j = 0; j < n; j++) {
            double w = weights == null ? 1 : weights[j];
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weight " + w + " of point " + j + " is not a finite non-negative number");
            }
            wSum += w;
            for (int c = 0; c < 3; c++) {
                pMean[c] += w * source[3 * j + c];
                gMean[c] += w * target[3 * j + c];
            }
        }
        if (!(wSum > 0)) {
            throw new IllegalArgumentException("the weights of " + n + " points sum to " + wSum + ", need a positive sum");
        }
        for (int c = 0; c < 3; c++) {
            pMean[c] /= wSum;
            gMean[c] /= wSum;
        }

        double[] h = covariance.data;
        Arrays.fill(h, 0);
        double sourceVariance = 0;
        for (int j = 0; j < n; j++) {
            double w = weights == null ? 1 : weights[j];
            if (w == 0) {
                continue;
            }
            double px = source[3 * j] - pMean[0];
            double py = source[3 * j + 1] - pMean[1];
            double pz = source[3 * j + 2] - pMean[2];
            double gx = w * (target[3 * j] - gMean[0]);
            double gy = w * (target[3 * j + 1] - gMean[1]);
            double gz = w * (target[3 * j + 2] - gMean[2]);
            h[0] += px * gx;
            h[1] += px * gy;
            h[2] += px * gz;
            h[3] += py * gx;
            h[4] += py * gy;
            h[5] += py * gz;
            h[6] += pz * gx;
            h[7] += pz * gy;
            h[8] += pz * gz;
            sourceVariance += w * (px * px + py * py + pz * pz);
        }
        if (!(sourceVariance > 0)) {
            double[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
            return new Similarity(0, identity, gMean);
        }

        if (!svd.decompose(covariance)) {
            throw new IllegalStateException("SVD of the 3x3 covariance did not converge");
        }
        svd.getU(u, false);
        svd.getV(v, false);
        double[] sigma = svd.getSingularValues();
        double[] vd = v.data;
        double[] ud = u.data;
        int smallest = 0;
        for (int k = 1; k < 3; k++) {
            if (sigma[k] < sigma[smallest]) {
                smallest = k;
            }
        }
        double traceDSigma = sigma[0] + sigma[1] + sigma[2];
        if (determinant(ud) * determinant(vd) < 0) {
            // V D: negate V's column of the smallest singular value, and that value in tr(DΣ).
            vd[smallest] = -vd[smallest];
            vd[3 + smallest] = -vd[3 + smallest];
            vd[6 + smallest] = -vd[6 + smallest];
            traceDSigma -= 2 * sigma[smallest];
        }
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                r[3 * i + k] = vd[3 * i] * ud[3 * k] + vd[3 * i + 1] * ud[3 * k + 1] + vd[3 * i + 2] * ud[3 * k + 2];
            }
        }
        double s = traceDSigma / sourceVariance;
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            t[i] = gMean[i] - s * (r[3 * i] * pMean[0] + r[3 * i + 1] * pMean[1] + r[3 * i + 2] * pMean[2]);
        }
        return new Similarity(s, r, t);
    }

    private static double determinant(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }
}
