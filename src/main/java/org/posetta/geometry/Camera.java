package org.posetta.geometry;

import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;

/**
 * A calibrated camera: pinhole intrinsics with Human3.6M's lens distortion, the image size, and
 * extrinsics {@code X_cam = R (X_world − T)} (T is the camera centre in world coordinates,
 * metres). The camera frame is x right, y down, z forward (depth), metres. Immutable.
 *
 * <p>Projection of a camera-frame point (X, Y, Z), the Human3.6M release's formula (also
 * VideoPose3D's {@code project_to_2d}, without its clamp):
 * <pre>
 * x = X/Z, y = Y/Z, r² = x² + y²
 * radial = 1 + k1 r² + k2 r⁴ + k3 r⁶,  tan = p1 y + p2 x
 * x' = x (radial + tan) + p2 r²,  y' = y (radial + tan) + p1 r²
 * u = fx x' + cx,  v = fy y' + cy   (pixels)
 * </pre>
 * Points at or behind the camera (Z ≤ 0) have no image; the array methods leave that check to
 * the caller, the {@link Motion3d} ones mark such joints missing.
 *
 * <p>Methods on float arrays work on any number of points stored x, y, z (or u, v) one after
 * another, and are what code that handles millions of frames should call.
 */
public final class Camera {
    private static final int GAUSS_NEWTON_STEPS = 8;

    private final String id;
    private final int width;
    private final int height;
    private final double fx;
    private final double fy;
    private final double cx;
    private final double cy;
    private final double k1;
    private final double k2;
    private final double k3;
    private final double p1;
    private final double p2;
    /** Row-major rotation R. */
    private final double[] r;
    /** Camera centre T in world coordinates, metres. */
    private final double[] t;

    /**
     * @param id             a name (Human3.6M uses the camera's serial number, e.g. {@code 54138969})
     * @param focal          (fx, fy), pixels
     * @param principalPoint (cx, cy), pixels
     * @param radial         (k1, k2, k3)
     * @param tangential     (p1, p2)
     * @param rotation       R, 3×3, a proper rotation (rows orthonormal within 10⁻⁴)
     * @param centre         T, the camera centre in world coordinates, metres
     * @throws IllegalArgumentException on wrong sizes, non-finite values, a non-positive focal
     *                                  length or image size, or an R that is not a rotation
     */
    public Camera(String id, int width, int height, double[] focal, double[] principalPoint, double[] radial,
            double[] tangential, double[][] rotation, double[] centre) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        requireFinite("focal length", focal, 2);
        requireFinite("principal point", principalPoint, 2);
        requireFinite("radial distortion", radial, 3);
        requireFinite("tangential distortion", tangential, 2);
        requireFinite("camera centre", centre, 3);
        if (!(focal[0] > 0 && focal[1] > 0)) {
            throw new IllegalArgumentException("focal length must be positive, got " + focal[0] + ", " + focal[1]);
        }
        if (rotation.length != 3) {
            throw new IllegalArgumentException("rotation must be 3x3");
        }
        double[] rr = new double[9];
        for (int i = 0; i < 3; i++) {
            requireFinite("rotation row", rotation[i], 3);
            System.arraycopy(rotation[i], 0, rr, i * 3, 3);
        }
        requireRotation(rr);
        this.id = id;
        this.width = width;
        this.height = height;
        this.fx = focal[0];
        this.fy = focal[1];
        this.cx = principalPoint[0];
        this.cy = principalPoint[1];
        this.k1 = radial[0];
        this.k2 = radial[1];
        this.k3 = radial[2];
        this.p1 = tangential[0];
        this.p2 = tangential[1];
        this.r = rr;
        this.t = centre.clone();
    }

    /**
     * The camera assumed where intrinsics are unknown (CLIFF's convention): principal point at
     * the image centre, focal length f = √(w² + h²) pixels, no distortion, and the world frame
     * equal to the camera frame (R = I, T = 0).
     */
    public static Camera defaultFor(int width, int height) {
        double f = Math.sqrt((double) width * width + (double) height * height);
        return new Camera("default", width, height, new double[] {f, f}, new double[] {width / 2.0, height / 2.0},
                new double[3], new double[2], new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[3]);
    }

    public String id() {
        return id;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** (fx, fy), pixels. */
    public double[] focal() {
        return new double[] {fx, fy};
    }

    /** (cx, cy), pixels. */
    public double[] principalPoint() {
        return new double[] {cx, cy};
    }

    /** (k1, k2, k3). */
    public double[] radialDistortion() {
        return new double[] {k1, k2, k3};
    }

    /** (p1, p2). */
    public double[] tangentialDistortion() {
        return new double[] {p1, p2};
    }

    /** R, a copy. */
    public double[][] rotation() {
        return new double[][] {{r[0], r[1], r[2]}, {r[3], r[4], r[5]}, {r[6], r[7], r[8]}};
    }

    /** T, the camera centre in world coordinates, metres. */
    public double[] centre() {
        return t.clone();
    }

    /** {@code X_cam = R (X_world − T)} for every point; {@code out} may be {@code world}. */
    public void worldToCamera(float[] world, float[] out) {
        requireSameLength(world, out, 3);
        for (int i = 0; i + 2 < world.length; i += 3) {
            double x = world[i] - t[0];
            double y = world[i + 1] - t[1];
            double z = world[i + 2] - t[2];
            out[i] = (float) (r[0] * x + r[1] * y + r[2] * z);
            out[i + 1] = (float) (r[3] * x + r[4] * y + r[5] * z);
            out[i + 2] = (float) (r[6] * x + r[7] * y + r[8] * z);
        }
    }

    /** {@code X_world = Rᵀ X_cam + T} for every point; {@code out} may be {@code camera}. */
    public void cameraToWorld(float[] camera, float[] out) {
        requireSameLength(camera, out, 3);
        for (int i = 0; i + 2 < camera.length; i += 3) {
            double x = camera[i];
            double y = camera[i + 1];
            double z = camera[i + 2];
            out[i] = (float) (r[0] * x + r[3] * y + r[6] * z + t[0]);
            out[i + 1] = (float) (r[1] * x + r[4] * y + r[7] * z + t[1]);
            out[i + 2] = (float) (r[2] * x + r[5] * y + r[8] * z + t[2]);
        }
    }

    /** The motion in this camera's frame. */
    public Motion3d worldToCamera(Motion3d world) {
        requireFrame(world, CoordinateFrame.WORLD);
        float[] xyz = world.positions();
        worldToCamera(xyz, xyz);
        return world.withCoordinateFrame(CoordinateFrame.CAMERA, xyz);
    }

    /** The motion in the world frame. */
    public Motion3d cameraToWorld(Motion3d camera) {
        requireFrame(camera, CoordinateFrame.CAMERA);
        float[] xyz = camera.positions();
        cameraToWorld(xyz, xyz);
        return camera.withCoordinateFrame(CoordinateFrame.WORLD, xyz);
    }

    /**
     * Projects camera-frame points (x, y, z, metres) to pixels (u, v) with distortion; see the
     * class comment for the formula.
     *
     * @param camera n·3 values
     * @param pixels n·2 values, written
     */
    public void project(float[] camera, float[] pixels) {
        if (camera.length % 3 != 0 || pixels.length != camera.length / 3 * 2) {
            throw new IllegalArgumentException(camera.length + " coordinates cannot project into " + pixels.length + " pixel values");
        }
        double[] uv = new double[2];
        for (int i = 0, o = 0; i < camera.length; i += 3, o += 2) {
            project(camera[i], camera[i + 1], camera[i + 2], uv);
            pixels[o] = (float) uv[0];
            pixels[o + 1] = (float) uv[1];
        }
    }

    /** The pixel (u, v) of one camera-frame point. */
    public double[] project(double x, double y, double z) {
        double[] uv = new double[2];
        project(x, y, z, uv);
        return uv;
    }

    /**
     * The 2D keypoints this camera sees: confidence 1 where the joint is valid and in front of the
     * camera (z &gt; 0), else 0. Image size from the camera; fps, layout and provenance from the motion.
     */
    public Keypoints2d project(Motion3d camera) {
        requireFrame(camera, CoordinateFrame.CAMERA);
        float[] xyz = camera.positions();
        boolean[] valid = camera.validity();
        float[] uv = new float[valid.length * 2];
        float[] confidence = new float[valid.length];
        project(xyz, uv);
        for (int i = 0; i < valid.length; i++) {
            confidence[i] = valid[i] && xyz[i * 3 + 2] > 0 ? 1f : 0f;
        }
        return new Keypoints2d(camera.layout(), camera.fps(), width, height, uv, confidence, camera.provenance());
    }

    /**
     * Screen normalisation as VideoPose3D and MotionBERT use it: {@code x_n = u / w · 2 − 1},
     * {@code y_n = v / w · 2 − h / w}. Both axes are divided by the width, so the aspect ratio
     * is kept; the image spans x ∈ [−1, 1].
     *
     * @param pixels n·2 values (u, v)
     * @return n·2 normalised values
     */
    public static float[] normalise(float[] pixels, int width, int height) {
        float[] out = new float[pixels.length];
        double s = 2.0 / width;
        double oy = (double) height / width;
        for (int i = 0; i + 1 < pixels.length; i += 2) {
            out[i] = (float) (pixels[i] * s - 1);
            out[i + 1] = (float) (pixels[i + 1] * s - oy);
        }
        return out;
    }

    /** The inverse of {@link #normalise}: {@code u = (x_n + 1) · w / 2}, {@code v = (y_n + h / w) · w / 2}. */
    public static float[] denormalise(float[] normalised, int width, int height) {
        float[] out = new float[normalised.length];
        double s = width / 2.0;
        double oy = (double) height / width;
        for (int i = 0; i + 1 < normalised.length; i += 2) {
            out[i] = (float) ((normalised[i] + 1) * s);
            out[i + 1] = (float) ((normalised[i + 1] + oy) * s);
        }
        return out;
    }

    /**
     * Fits, per frame, the root translation t (camera frame, metres) that makes a root-relative
     * pose P_j project onto the pixels u_j: minimises Σ_j c_j ‖π(P_j + t) − u_j‖² over joints with
     * confidence c_j &gt; 0. Starts from the linear least-squares solution of the undistorted
     * pinhole, two rows per joint weighted by c_j,
     * <pre>
     * fx t_x − (u_j − cx) t_z = (u_j − cx) Z_j − fx X_j
     * fy t_y − (v_j − cy) t_z = (v_j − cy) Z_j − fy Y_j
     * </pre>
     * then takes a few Gauss-Newton steps through the distortion.
     *
     * @param rootRelative T·J·3 camera-frame coordinates relative to the root, metres
     * @param pixels       T·J·2 pixels
     * @param confidence   T·J weights; 0 leaves a joint out
     * @return T·3 translations; NaN for a frame with fewer than two usable joints or a
     *         degenerate system
     */
    public double[] fitTranslations(float[] rootRelative, float[] pixels, float[] confidence, int joints) {
        int frames = confidence.length / joints;
        if (confidence.length != frames * joints || rootRelative.length != confidence.length * 3
                || pixels.length != confidence.length * 2) {
            throw new IllegalArgumentException("inconsistent sizes: " + rootRelative.length + " coordinates, " + pixels.length
                    + " pixel values, " + confidence.length + " confidences for " + joints + " joints");
        }
        double[] out = new double[frames * 3];
        double[] tf = new double[3];
        for (int f = 0; f < frames; f++) {
            if (!fitFrame(rootRelative, pixels, confidence, f * joints, joints, tf)) {
                tf[0] = Double.NaN;
                tf[1] = Double.NaN;
                tf[2] = Double.NaN;
            }
            System.arraycopy(tf, 0, out, f * 3, 3);
        }
        return out;
    }

    /**
     * Places a root-relative camera-frame motion where it projects onto {@code keypoints}, with
     * {@link #fitTranslations} per frame. A joint counts where it is valid in 3D and present in
     * 2D; frames that cannot be fitted become invalid.
     *
     * @throws IllegalArgumentException when layouts or frame counts differ
     */
    public Motion3d fitRoot(Motion3d rootRelative, Keypoints2d keypoints) {
        requireFrame(rootRelative, CoordinateFrame.CAMERA);
        if (rootRelative.layout() != keypoints.layout() || rootRelative.frames() != keypoints.frames()) {
            throw new IllegalArgumentException("3D " + rootRelative + " and 2D " + keypoints + " do not match");
        }
        int j = rootRelative.joints();
        float[] xyz = rootRelative.positions();
        boolean[] valid = rootRelative.validity();
        float[] weight = keypoints.confidences();
        for (int i = 0; i < weight.length; i++) {
            if (!valid[i]) {
                weight[i] = 0;
            }
        }
        double[] shift = fitTranslations(xyz, keypoints.pixels(), weight, j);
        for (int f = 0; f < rootRelative.frames(); f++) {
            boolean ok = !Double.isNaN(shift[f * 3]);
            for (int q = f * j; q < (f + 1) * j; q++) {
                valid[q] &= ok;
                for (int c = 0; c < 3 && ok; c++) {
                    xyz[q * 3 + c] = (float) (xyz[q * 3 + c] + shift[f * 3 + c]);
                }
            }
        }
        return rootRelative.withPositions(xyz, valid);
    }

    @Override
    public String toString() {
        return "Camera[" + id + ", " + width + "x" + height + ", f=(" + fx + ", " + fy + ")]";
    }

    private void project(double x, double y, double z, double[] uv) {
        double xn = x / z;
        double yn = y / z;
        double r2 = xn * xn + yn * yn;
        double radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
        double tan = p1 * yn + p2 * xn;
        uv[0] = fx * (xn * (radial + tan) + p2 * r2) + cx;
        uv[1] = fy * (yn * (radial + tan) + p1 * r2) + cy;
    }

    /** One frame of {@link #fitTranslations}; joints {@code [j0, j0 + joints)}. */
    private boolean fitFrame(float[] xyz, float[] uv, float[] w, int j0, int joints, double[] t) {
        double[] ata = new double[9];
        double[] atb = new double[3];
        int used = 0;
        for (int j = j0; j < j0 + joints; j++) {
            double c = w[j];
            if (!(c > 0)) {
                continue;
            }
            used++;
            double du = uv[j * 2] - cx;
            double dv = uv[j * 2 + 1] - cy;
            double bx = du * xyz[j * 3 + 2] - fx * xyz[j * 3];
            double by = dv * xyz[j * 3 + 2] - fy * xyz[j * 3 + 1];
            // rows (fx, 0, −du) and (0, fy, −dv), accumulated into AᵀWA and AᵀWb
            ata[0] += c * fx * fx;
            ata[2] -= c * fx * du;
            ata[4] += c * fy * fy;
            ata[5] -= c * fy * dv;
            ata[8] += c * (du * du + dv * dv);
            atb[0] += c * fx * bx;
            atb[1] += c * fy * by;
            atb[2] -= c * (du * bx + dv * by);
        }
        if (used < 2) {
            return false;
        }
        ata[6] = ata[2];
        ata[7] = ata[5];
        if (!solve3(ata, atb, t)) {
            return false;
        }
        double cost = cost(xyz, uv, w, j0, joints, t);
        if (!Double.isFinite(cost)) {
            return false;
        }
        double[] step = new double[3];
        double[] trial = new double[3];
        for (int it = 0; it < GAUSS_NEWTON_STEPS; it++) {
            if (!gaussNewtonStep(xyz, uv, w, j0, joints, t, step)) {
                break;
            }
            double scale = 1;
            double trialCost = Double.POSITIVE_INFINITY;
            for (int halving = 0; halving < 20 && !(trialCost < cost); halving++, scale /= 2) {
                for (int c = 0; c < 3; c++) {
                    trial[c] = t[c] + scale * step[c];
                }
                trialCost = cost(xyz, uv, w, j0, joints, trial);
            }
            if (!(trialCost < cost)) {
                break;
            }
            System.arraycopy(trial, 0, t, 0, 3);
            cost = trialCost;
            if (Math.abs(step[0]) + Math.abs(step[1]) + Math.abs(step[2]) < 1e-10) {
                break;
            }
        }
        return true;
    }

    /** Weighted squared reprojection error at t; infinite if a weighted joint is not in front of the camera. */
    private double cost(float[] xyz, float[] uv, float[] w, int j0, int joints, double[] t) {
        double sum = 0;
        double[] p = new double[2];
        for (int j = j0; j < j0 + joints; j++) {
            if (!(w[j] > 0)) {
                continue;
            }
            double z = xyz[j * 3 + 2] + t[2];
            if (!(z > 1e-6)) {
                return Double.POSITIVE_INFINITY;
            }
            project(xyz[j * 3] + t[0], xyz[j * 3 + 1] + t[1], z, p);
            double du = p[0] - uv[j * 2];
            double dv = p[1] - uv[j * 2 + 1];
            sum += w[j] * (du * du + dv * dv);
        }
        return sum;
    }

    /** The Gauss-Newton step δ solving (JᵀWJ) δ = −JᵀW r at t, J the analytic Jacobian of the distorted projection. */
    private boolean gaussNewtonStep(float[] xyz, float[] uv, float[] w, int j0, int joints, double[] t, double[] step) {
        double[] jtj = new double[9];
        double[] jtr = new double[3];
        double[] p = new double[2];
        double[] ju = new double[3];
        double[] jv = new double[3];
        for (int j = j0; j < j0 + joints; j++) {
            double c = w[j];
            if (!(c > 0)) {
                continue;
            }
            double x = xyz[j * 3] + t[0];
            double y = xyz[j * 3 + 1] + t[1];
            double z = xyz[j * 3 + 2] + t[2];
            project(x, y, z, p);
            double ru = p[0] - uv[j * 2];
            double rv = p[1] - uv[j * 2 + 1];
            double xn = x / z;
            double yn = y / z;
            double r2 = xn * xn + yn * yn;
            double radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
            double dRadial = k1 + r2 * (2 * k2 + 3 * k3 * r2);
            double tan = p1 * yn + p2 * xn;
            // derivatives of the distorted normalised point (x', y') by (x, y)
            double dxdx = radial + tan + xn * (2 * xn * dRadial + p2) + 2 * p2 * xn;
            double dxdy = xn * (2 * yn * dRadial + p1) + 2 * p2 * yn;
            double dydx = yn * (2 * xn * dRadial + p2) + 2 * p1 * xn;
            double dydy = radial + tan + yn * (2 * yn * dRadial + p1) + 2 * p1 * yn;
            // (x, y) = (X/Z, Y/Z): d/dX = (1/Z, 0), d/dY = (0, 1/Z), d/dZ = (−x/Z, −y/Z)
            ju[0] = fx * dxdx / z;
            ju[1] = fx * dxdy / z;
            ju[2] = -fx * (dxdx * xn + dxdy * yn) / z;
            jv[0] = fy * dydx / z;
            jv[1] = fy * dydy / z;
            jv[2] = -fy * (dydx * xn + dydy * yn) / z;
            for (int a = 0; a < 3; a++) {
                jtr[a] -= c * (ju[a] * ru + jv[a] * rv);
                for (int b = 0; b < 3; b++) {
                    jtj[a * 3 + b] += c * (ju[a] * ju[b] + jv[a] * jv[b]);
                }
            }
        }
        return solve3(jtj, jtr, step);
    }

    /** Solves the 3×3 system m x = b (m row-major) by Cramer's rule; false when m is (nearly) singular. */
    private static boolean solve3(double[] m, double[] b, double[] x) {
        double c0 = m[4] * m[8] - m[5] * m[7];
        double c1 = m[5] * m[6] - m[3] * m[8];
        double c2 = m[3] * m[7] - m[4] * m[6];
        double det = m[0] * c0 + m[1] * c1 + m[2] * c2;
        double scale = Math.abs(m[0] * m[4] * m[8]) + Math.abs(m[1] * m[5] * m[6]) + Math.abs(m[2] * m[3] * m[7]);
        if (!(Math.abs(det) > 1e-12 * scale)) {
            return false;
        }
        x[0] = (b[0] * c0 + m[1] * (m[5] * b[2] - b[1] * m[8]) + m[2] * (b[1] * m[7] - m[4] * b[2])) / det;
        x[1] = (m[0] * (b[1] * m[8] - m[5] * b[2]) + b[0] * c1 + m[2] * (m[3] * b[2] - b[1] * m[6])) / det;
        x[2] = (m[0] * (m[4] * b[2] - b[1] * m[7]) + m[1] * (b[1] * m[6] - m[3] * b[2]) + b[0] * c2) / det;
        return true;
    }

    private static void requireFrame(Motion3d m, CoordinateFrame expected) {
        if (m.coordinateFrame() != expected) {
            throw new IllegalArgumentException("expected a motion in the " + expected.id() + " frame, got " + m);
        }
    }

    private static void requireSameLength(float[] in, float[] out, int stride) {
        if (in.length % stride != 0 || out.length != in.length) {
            throw new IllegalArgumentException(in.length + " values in, " + out.length + " out; need equal multiples of " + stride);
        }
    }

    private static void requireFinite(String what, double[] v, int n) {
        if (v == null || v.length != n) {
            throw new IllegalArgumentException(what + " needs " + n + " values");
        }
        for (double d : v) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(what + " has a non-finite value");
            }
        }
    }

    private static void requireRotation(double[] m) {
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = m[a * 3] * m[b * 3] + m[a * 3 + 1] * m[b * 3 + 1] + m[a * 3 + 2] * m[b * 3 + 2];
                if (Math.abs(dot - (a == b ? 1 : 0)) > 1e-4) {
                    throw new IllegalArgumentException("R is not orthonormal (row " + a + " · row " + b + " = " + dot + ")");
                }
            }
        }
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if (det < 0) {
            throw new IllegalArgumentException("R is a reflection (det " + det + "), not a rotation");
        }
    }
}
