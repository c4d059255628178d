package org.posetta.adapt.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The motion encoder's clip: {@link #FRAMES} frames at {@link #FPS} (2 s, as MotionCLIP and
 * SA-TTA). A segment of the same duration at another rate, n = round(2 s · fps) frames, is moved
 * to it by linear interpolation in time, written as a fixed matrix M [60, n] so that the move is
 * differentiable: output frame k lies at t = k / 30 s, source position p = t · fps (clamped to
 * the last frame), and M[k, ⌊p⌋] = 1 − (p − ⌊p⌋), M[k, ⌊p⌋ + 1] = p − ⌊p⌋.
 */
public final class ClipTiming {
    public static final int FRAMES = 60;
    public static final double FPS = 30;
    public static final double SECONDS = FRAMES / FPS;
    private static final int VALUES = 17 * 3;

    private ClipTiming() {
    }

    /** Frames a 2-second segment has at {@code fps} (at least 2). */
    public static int sourceFrames(double fps) {
        if (!(fps > 0) || !Double.isFinite(fps)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + fps);
        }
        return Math.max(2, (int) Math.round(SECONDS * fps));
    }

    /** M, row-major [60, n], for a segment of {@code n} frames at {@code fps}. */
    public static float[] matrix(int n, double fps) {
        float[] m = new float[FRAMES * n];
        for (int k = 0; k < FRAMES; k++) {
            double p = Math.min(n - 1, k / FPS * fps);
            int a = (int) Math.floor(p);
            double w = p - a;
            m[k * n + a] += (float) (1 - w);
            if (w > 0) {
                m[k * n + a + 1] += (float) w;
            }
        }
        return m;
    }

    /** n·17·3 values at {@code fps} → 60·17·3 values at 30 fps. */
    public static float[] resample(float[] segment, double fps) {
        int n = segment.length / VALUES;
        float[] m = matrix(n, fps);
        float[] out = new float[FRAMES * VALUES];
        for (int k = 0; k < FRAMES; k++) {
            for (int f = 0; f < n; f++) {
                float w = m[k * n + f];
                if (w != 0) {
                    for (int v = 0; v < VALUES; v++) {
                        out[k * VALUES + v] += w * segment[f * VALUES + v];
                    }
                }
            }
        }
        return out;
    }

    /** [S, n, 17, 3] at {@code fps} → [S, 60, 17, 3], differentiable. */
    public static NDArray resample(NDArray segments, double fps) {
        long s = segments.getShape().get(0);
        int n = Math.toIntExact(segments.getShape().get(1));
        NDArray m = segments.getManager().create(matrix(n, fps), new Shape(FRAMES, n));
        return m.matMul(segments.reshape(s, n, VALUES)).reshape(s, FRAMES, 17, 3);
    }
}
