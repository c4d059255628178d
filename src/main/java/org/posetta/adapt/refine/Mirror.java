package org.posetta.adapt.refine;

import org.posetta.pose.Layout;

/**
 * The horizontal flip of per-joint channel arrays (T·J·C, channel 0 = x): x negated and
 * left/right joints swapped (methods.md §3.4), other channels moved with their joint. Its own
 * inverse.
 */
final class Mirror {
    private Mirror() {
    }

    static float[] flip(float[] values, int frames, Layout layout, int channels) {
        int joints = layout.size();
        int[] perm = layout.flipPermutation();
        float[] out = new float[values.length];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < joints; j++) {
                int src = (t * joints + perm[j]) * channels;
                int dst = (t * joints + j) * channels;
                System.arraycopy(values, src, out, dst, channels);
                out[dst] = -values[src];
            }
        }
        return out;
    }
}
