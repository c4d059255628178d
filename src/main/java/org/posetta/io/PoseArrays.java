package org.posetta.io;

import java.util.Arrays;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * How bare (T, J, 3) and (T, J, 2) arrays become poses when a file says nothing else (the
 * {@code npy}, {@code npz} and {@code h36m-npz} readers share these rules):
 * <ul>
 *   <li>layout: the one in {@link ReadOptions}, else the file's, else H36M-17 for 17 joints, else
 *       the only built-in layout with J joints;</li>
 *   <li>an entry with a non-finite coordinate is missing (invalid in 3D, confidence 0 in 2D);</li>
 *   <li>2D image size: the one in {@link ReadOptions}, else the file's, else the bounding box of
 *       the present pixels from the origin, rounded up to whole pixels (at least 1×1);</li>
 *   <li>a (T, J, 3) array read as 2D carries the confidence in its third column, clamped to
 *       [0, 1].</li>
 * </ul>
 */
final class PoseArrays {
    private PoseArrays() {
    }

    /** The layout for {@code joints} joints per frame, following the rules above; {@code fromFile} may be null. */
    static Layout layout(ReadOptions options, Layout fromFile, int joints, String file) {
        Layout l = options.layout().orElse(fromFile);
        if (l == null) {
            l = joints == Layout.H36M17.size() ? Layout.H36M17 : Layout.byJointCount(joints, file);
        }
        if (l.size() != joints) {
            throw new PosettaException(file + " has " + joints + " joints per frame but layout " + l.id() + " has " + l.size()
                    + ": give the matching layout with --layout.");
        }
        return l;
    }

    /**
     * A motion from a (T, J, 3) array; entries with a non-finite coordinate are invalid.
     *
     * @param fps  the rate, from {@link #fps}
     * @param what the file and array named in error messages
     */
    static Motion3d motion(NdArray xyz, ReadOptions options, Layout fromFile, double fps, CoordinateFrame frame,
            Provenance provenance, String what) {
        requireShape(xyz, 3, what, "(frames, joints, 3)");
        Layout layout = layout(options, fromFile, xyz.dim(1), what);
        float[] p = xyz.toFloats();
        boolean[] valid = new boolean[p.length / 3];
        for (int i = 0; i < valid.length; i++) {
            valid[i] = Float.isFinite(p[i * 3]) && Float.isFinite(p[i * 3 + 1]) && Float.isFinite(p[i * 3 + 2]);
        }
        return new Motion3d(layout, fps, frame, p, valid, provenance);
    }

    /**
     * Keypoints from a (T, J, 2) array, or (T, J, 3) with confidences; entries with a non-finite
     * pixel are missing.
     *
     * @param fps       the rate, from {@link #fps}
     * @param imageSize the file's (width, height), or null
     */
    static Keypoints2d keypoints(NdArray uv, ReadOptions options, Layout fromFile, double fps, int[] imageSize,
            Provenance provenance, String what) {
        if (uv.rank() != 3 || (uv.dim(2) != 2 && uv.dim(2) != 3)) {
            throw new PosettaException(what + " has shape " + uv.shapeString()
                    + " but 2D keypoints need (frames, joints, 2) or (frames, joints, 3) with confidences: save the array in that shape.");
        }
        Layout layout = layout(options, fromFile, uv.dim(1), what);
        int channels = uv.dim(2);
        float[] raw = uv.toFloats();
        int n = raw.length / channels;
        float[] pixels = new float[n * 2];
        float[] confidence = new float[n];
        for (int i = 0; i < n; i++) {
            float u = raw[i * channels];
            float v = raw[i * channels + 1];
            float c = channels == 3 ? raw[i * channels + 2] : 1f;
            boolean present = Float.isFinite(u) && Float.isFinite(v) && c > 0;
            pixels[i * 2] = u;
            pixels[i * 2 + 1] = v;
            confidence[i] = present ? Math.min(c, 1f) : 0f;
        }
        int[] size = imageSize(options, imageSize, pixels, confidence, what);
        return new Keypoints2d(layout, fps, size[0], size[1], pixels, confidence, provenance);
    }

    /** The image size from the options, else {@code fromFile}, else the bounding box of the present pixels. */
    static int[] imageSize(ReadOptions options, int[] fromFile, float[] pixels, float[] confidence, String what) {
        int[] given = options.imageSize().orElse(fromFile);
        if (given != null) {
            if (given.length != 2 || given[0] <= 0 || given[1] <= 0) {
                throw new PosettaException(what + " gives the image size " + Arrays.toString(given)
                        + ": give a positive width and height.");
            }
            return given;
        }
        double w = 1;
        double h = 1;
        for (int i = 0; i < confidence.length; i++) {
            if (confidence[i] > 0) {
                w = Math.max(w, pixels[i * 2]);
                h = Math.max(h, pixels[i * 2 + 1]);
            }
        }
        return new int[] {(int) Math.ceil(w), (int) Math.ceil(h)};
    }

    /** The frame rate from the options, else {@code fromFile}, else {@link ReadOptions#DEFAULT_FPS}. */
    static double fps(ReadOptions options, Double fromFile, String what) {
        double fps = options.fps().orElse(fromFile == null ? ReadOptions.DEFAULT_FPS : fromFile);
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new PosettaException(what + " gives the frame rate " + fps + ": give a positive rate with --fps.");
        }
        return fps;
    }

    static void requireShape(NdArray a, int channels, String what, String expected) {
        if (a.rank() != 3 || a.dim(2) != channels) {
            throw new PosettaException(what + " has shape " + a.shapeString() + " but " + expected
                    + " is needed: save the array in that shape.");
        }
    }

}
