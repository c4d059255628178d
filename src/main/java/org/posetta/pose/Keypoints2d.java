package org.posetta.pose;

import java.util.Arrays;

/**
 * A 2D keypoint sequence: T frames × J joints × (u, v) in pixels, a confidence in [0, 1] per
 * joint and frame, the frame rate, the layout and the image size. Immutable: arrays are copied
 * in and out.
 *
 * <p>A confidence of 0 means the joint is missing; its stored pixels are zero and must not be
 * read as data. Pixels of a present joint are always finite.
 */
public final class Keypoints2d {
    private final Layout layout;
    private final double fps;
    private final int width;
    private final int height;
    private final int frames;
    private final float[] uv;
    private final float[] confidence;
    private final Provenance provenance;

    /**
     * @param uv         T·J·2 values, frame-major then joint then axis, pixels
     * @param confidence T·J values in [0, 1], or {@code null} for "all 1"
     * @throws IllegalArgumentException on inconsistent sizes, a confidence outside [0, 1] or a
     *                                  non-finite pixel of a present joint
     */
    public Keypoints2d(Layout layout, double fps, int width, int height, float[] uv, float[] confidence,
            Provenance provenance) {
        int j = layout.size();
        if (uv.length % (j * 2) != 0) {
            throw new IllegalArgumentException(uv.length + " values is not a whole number of " + j + "-joint 2D frames");
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + fps);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        this.layout = layout;
        this.fps = fps;
        this.width = width;
        this.height = height;
        this.frames = uv.length / (j * 2);
        this.uv = uv.clone();
        if (confidence == null) {
            this.confidence = new float[frames * j];
            Arrays.fill(this.confidence, 1f);
        } else if (confidence.length != frames * j) {
            throw new IllegalArgumentException(confidence.length + " confidences for " + frames + " frames of " + j + " joints");
        } else {
            this.confidence = confidence.clone();
        }
        for (int i = 0; i < this.confidence.length; i++) {
            float c = this.confidence[i];
            if (!(c >= 0f && c <= 1f)) {
                throw new IllegalArgumentException("confidence " + c + " outside [0, 1] at frame " + i / j + ", joint " + i % j);
            }
            if (c > 0f) {
                if (!Float.isFinite(this.uv[i * 2]) || !Float.isFinite(this.uv[i * 2 + 1])) {
                    throw new IllegalArgumentException("non-finite pixel at frame " + i / j + ", joint " + i % j);
                }
            } else {
                this.uv[i * 2] = 0;
                this.uv[i * 2 + 1] = 0;
            }
        }
        this.provenance = provenance == null ? Provenance.EMPTY : provenance;
    }

    public Layout layout() {
        return layout;
    }

    public double fps() {
        return fps;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int frames() {
        return frames;
    }

    public int joints() {
        return layout.size();
    }

    public Provenance provenance() {
        return provenance;
    }

    /** Pixel coordinate {@code c} (0 u, 1 v) of joint {@code j} at frame {@code t}. */
    public float get(int t, int j, int c) {
        return uv[(t * layout.size() + j) * 2 + c];
    }

    public float confidence(int t, int j) {
        return confidence[t * layout.size() + j];
    }

    public boolean isValid(int t, int j) {
        return confidence[t * layout.size() + j] > 0f;
    }

    /** Number of missing (frame, joint) entries. */
    public int invalidCount() {
        int n = 0;
        for (float c : confidence) {
            if (c <= 0f) {
                n++;
            }
        }
        return n;
    }

    /** A copy of all pixels, T·J·2, frame-major. */
    public float[] pixels() {
        return uv.clone();
    }

    /** A copy of all confidences, T·J. */
    public float[] confidences() {
        return confidence.clone();
    }

    public Keypoints2d withProvenance(Provenance p) {
        return new Keypoints2d(layout, fps, width, height, uv, confidence, p);
    }

    public Keypoints2d withPixels(float[] pixels, float[] confidences) {
        return new Keypoints2d(layout, fps, width, height, pixels, confidences, provenance);
    }

    /** Frames {@code [from, to)}. */
    public Keypoints2d slice(int from, int to) {
        if (from < 0 || to > frames || from > to) {
            throw new IndexOutOfBoundsException("frames [" + from + ", " + to + ") of " + frames);
        }
        int j = layout.size();
        return new Keypoints2d(layout, fps, width, height, Arrays.copyOfRange(uv, from * j * 2, to * j * 2),
                Arrays.copyOfRange(confidence, from * j, to * j), provenance);
    }

    @Override
    public String toString() {
        return "Keypoints2d[" + frames + " frames, " + layout.id() + ", " + fps + " fps, " + width + "x" + height + "]";
    }
}
