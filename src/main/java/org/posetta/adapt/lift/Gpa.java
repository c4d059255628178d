package org.posetta.adapt.lift;

import java.util.Arrays;
import org.posetta.geometry.Camera;

/**
 * Global position alignment (PoseDA; PoSynDA's target-specific source augmentation, paper Eq. 3):
 * a source pose is moved in depth and position so that, seen by the target camera, it has the
 * target 2D pose's size and its root on the target's root, then projected with that camera. Only
 * the 2D input changes; the root-relative 3D label is the same. Per frame, with the target
 * camera's pinhole intrinsics (pixels):
 * <pre>
 * s  = ½ [(max u − min u) + (max v − min v)]        target 2D size, present joints
 * Z  = (fx Δx + fy Δy) / (2 s)                      Δx, Δy: source 3D extent, metres
 * (X, Y) = Z ((u_root − cx)/fx, (v_root − cy)/fy)
 * P'_j = P_j − P_root + (X, Y, Z),   x'_j = π_target(P'_j)
 * </pre>
 * A source clip is paired with a target clip of the same length frame by frame (not with
 * unrelated target frames, which would make the root jump inside a clip). Target frames whose
 * size or root cannot be measured take the clip's median placement.
 */
public final class Gpa {
    /** A target 2D pose smaller than this many pixels is not measured. */
    static final double MIN_SIZE_PX = 4;
    /** Root depths outside this range (metres) are not a whole person in view: nearer, a body part could be behind the camera. */
    static final double MIN_DEPTH = 1.5;
    static final double MAX_DEPTH = 50;

    private Gpa() {
    }

    /**
     * @param source       F·J·3 root-relative (root at 0 or not: it is subtracted), metres
     * @param targetPixels F·J·2 target 2D, pixels
     * @param confidence   F·J target confidences; 0 leaves a joint out of the size
     * @param root         the root joint index (pelvis, 0 in H36M-17)
     * @return the placed source, F·J·3 camera-frame metres, or {@code null} when no target frame
     *         could be measured
     */
    public static float[] place(float[] source, float[] targetPixels, float[] confidence, int joints, int root, Camera camera) {
        int frames = confidence.length / joints;
        if (source.length != frames * joints * 3 || targetPixels.length != frames * joints * 2) {
            throw new IllegalArgumentException("source " + source.length + " and target " + targetPixels.length
                    + " values do not describe the same " + frames + " frames of " + joints + " joints");
        }
        double fx = camera.focal()[0];
        double fy = camera.focal()[1];
        double cx = camera.principalPoint()[0];
        double cy = camera.principalPoint()[1];
        double[][] placement = new double[frames][];
        for (int f = 0; f < frames; f++) {
            int b = f * joints;
            if (confidence[b + root] <= 0) {
                continue;
            }
            double uMin = Double.POSITIVE_INFINITY;
            double uMax = Double.NEGATIVE_INFINITY;
            double vMin = Double.POSITIVE_INFINITY;
            double vMax = Double.NEGATIVE_INFINITY;
            double xMin = Double.POSITIVE_INFINITY;
            double xMax = Double.NEGATIVE_INFINITY;
            double yMin = Double.POSITIVE_INFINITY;
            double yMax = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < joints; j++) {
                int q = b + j;
                xMin = Math.min(xMin, source[q * 3]);
                xMax = Math.max(xMax, source[q * 3]);
                yMin = Math.min(yMin, source[q * 3 + 1]);
                yMax = Math.max(yMax, source[q * 3 + 1]);
                if (confidence[q] > 0) {
                    uMin = Math.min(uMin, targetPixels[q * 2]);
                    uMax = Math.max(uMax, targetPixels[q * 2]);
                    vMin = Math.min(vMin, targetPixels[q * 2 + 1]);
                    vMax = Math.max(vMax, targetPixels[q * 2 + 1]);
                }
            }
            double size = 0.5 * ((uMax - uMin) + (vMax - vMin));
            if (!(size >= MIN_SIZE_PX)) {
                continue;
            }
            double z = (fx * (xMax - xMin) + fy * (yMax - yMin)) / (2 * size);
            if (!(z >= MIN_DEPTH && z <= MAX_DEPTH)) {
                continue;
            }
            placement[f] = new double[] {z * (targetPixels[(b + root) * 2] - cx) / fx,
                    z * (targetPixels[(b + root) * 2 + 1] - cy) / fy, z};
        }
        double[] fallback = medianPlacement(placement);
        if (fallback == null) {
            return null;
        }
        float[] out = new float[source.length];
        for (int f = 0; f < frames; f++) {
            double[] t = placement[f] == null ? fallback : placement[f];
            int b = f * joints;
            for (int j = 0; j < joints; j++) {
                for (int c = 0; c < 3; c++) {
                    out[(b + j) * 3 + c] = (float) (source[(b + j) * 3 + c] - source[(b + root) * 3 + c] + t[c]);
                }
            }
        }
        return out;
    }

    /**
     * The augmented 2D input: the placed source projected with the target camera, in pixels.
     *
     * @return F·J·2 pixels, or {@code null} when {@link #place} finds no placement
     */
    public static float[] augment(float[] source, float[] targetPixels, float[] confidence, int joints, int root, Camera camera) {
        float[] placed = place(source, targetPixels, confidence, joints, root, camera);
        if (placed == null) {
            return null;
        }
        float[] pixels = new float[placed.length / 3 * 2];
        camera.project(placed, pixels);
        return pixels;
    }

    private static double[] medianPlacement(double[][] placement) {
        long measured = Arrays.stream(placement).filter(p -> p != null).count();
        if (measured == 0) {
            return null;
        }
        double[] median = new double[3];
        for (int c = 0; c < 3; c++) {
            final int axis = c;
            double[] values = Arrays.stream(placement).filter(p -> p != null).mapToDouble(p -> p[axis]).sorted().toArray();
            median[c] = values[values.length / 2];
        }
        return median;
    }
}
