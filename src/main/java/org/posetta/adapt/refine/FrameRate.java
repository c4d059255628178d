package org.posetta.adapt.refine;

/**
 * Linear resampling in time of per-joint values, so that the prior sees motion at the frame rate
 * it was trained at whatever the input's rate (fixing the frame-rate mismatch risk of STRIDE's
 * code, methods.md §3.6 item 12). Frame {@code k} of the result lies at input time
 * {@code k · step} (in input frames), interpolated between the two input frames around it.
 */
final class FrameRate {
    private FrameRate() {
    }

    /** Frames of a sequence of {@code frames} resampled with {@code step} input frames per output frame. */
    static int count(int frames, double step) {
        return (int) Math.floor((frames - 1) / step + 1e-9) + 1;
    }

    /** @param values T·J·C values; returns count(T, step)·J·C values */
    static float[] resample(float[] values, int frames, int joints, int channels, double step) {
        int n = count(frames, step);
        int stride = joints * channels;
        float[] out = new float[n * stride];
        for (int k = 0; k < n; k++) {
            double time = Math.min(k * step, frames - 1);
            int a = (int) Math.floor(time);
            int b = Math.min(a + 1, frames - 1);
            double f = time - a;
            for (int i = 0; i < stride; i++) {
                out[k * stride + i] = (float) (values[a * stride + i] * (1 - f) + values[b * stride + i] * f);
            }
        }
        return out;
    }

    /** Flags at the resampled times: set where both input frames around the time are set. */
    static boolean[] resample(boolean[] flags, int frames, int joints, double step) {
        int n = count(frames, step);
        boolean[] out = new boolean[n * joints];
        for (int k = 0; k < n; k++) {
            double time = Math.min(k * step, frames - 1);
            int a = (int) Math.floor(time);
            int b = time > a ? Math.min(a + 1, frames - 1) : a;
            for (int j = 0; j < joints; j++) {
                out[k * joints + j] = flags[a * joints + j] && flags[b * joints + j];
            }
        }
        return out;
    }

    /** Values at {@code frames} input times from a sequence resampled with {@code step} (the inverse map). */
    static float[] restore(float[] resampled, int frames, int joints, int channels, double step) {
        int n = resampled.length / (joints * channels);
        int stride = joints * channels;
        float[] out = new float[frames * stride];
        for (int t = 0; t < frames; t++) {
            double time = Math.min(t / step, n - 1);
            int a = (int) Math.floor(time);
            int b = Math.min(a + 1, n - 1);
            double f = time - a;
            for (int i = 0; i < stride; i++) {
                out[t * stride + i] = (float) (resampled[a * stride + i] * (1 - f) + resampled[b * stride + i] * f);
            }
        }
        return out;
    }
}
