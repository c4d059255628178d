package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Provenance;

/**
 * 2D keypoints to and from a [T, J, 3] tensor of screen-normalised coordinates and confidence:
 * x_n = u / w · 2 − 1, y_n = v / w · 2 − h / w (both divided by the width, so the aspect ratio
 * is kept; VideoPose3D's convention), and the joint's confidence, 0 where it is missing (its
 * coordinates are then 0 and carry no meaning). The codec is the normalisation: it records the
 * image size it used.
 */
public record KeypointCodec(int width, int height) {
    public static KeypointCodec of(Keypoints2d k) {
        return new KeypointCodec(k.width(), k.height());
    }

    /** T·J·3 values: x_n, y_n, confidence per joint. */
    public float[] normalise(Keypoints2d k) {
        checkSize(k);
        int n = k.frames() * k.joints();
        float[] uv = k.pixels();
        float[] c = k.confidences();
        float[] out = new float[n * 3];
        for (int i = 0; i < n; i++) {
            if (c[i] > 0) {
                out[i * 3] = (float) (uv[i * 2] / (double) width * 2 - 1);
                out[i * 3 + 1] = (float) (uv[i * 2 + 1] / (double) width * 2 - (double) height / width);
            }
            out[i * 3 + 2] = c[i];
        }
        return out;
    }

    /** A [T, J, 3] tensor in {@code manager}. */
    public NDArray encode(NDManager manager, Keypoints2d k) {
        return manager.create(normalise(k), new Shape(k.frames(), k.joints(), 3));
    }

    /** Pixels and confidences back from T·J·3 normalised values. */
    public Keypoints2d decode(float[] values, Layout layout, double fps, Provenance provenance) {
        int n = values.length / 3;
        float[] uv = new float[n * 2];
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            c[i] = values[i * 3 + 2];
            if (c[i] > 0) {
                uv[i * 2] = (float) ((values[i * 3] + 1) / 2 * width);
                uv[i * 2 + 1] = (float) ((values[i * 3 + 1] + (double) height / width) / 2 * width);
            }
        }
        return new Keypoints2d(layout, fps, width, height, uv, c, provenance);
    }

    /** Decodes a [T, J, 3] tensor. */
    public Keypoints2d decode(NDArray tensor, Layout layout, double fps, Provenance provenance) {
        return decode(tensor.toFloatArray(), layout, fps, provenance);
    }

    /** The normalisation as recorded in provenance and model cards. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("normalisation", "screen: x/w*2-1, y/w*2-h/w");
        m.put("width", width);
        m.put("height", height);
        return m;
    }

    private void checkSize(Keypoints2d k) {
        if (k.width() != width || k.height() != height) {
            throw new IllegalArgumentException("keypoints of a " + k.width() + "x" + k.height() + " image given to a codec for "
                    + width + "x" + height);
        }
    }
}
