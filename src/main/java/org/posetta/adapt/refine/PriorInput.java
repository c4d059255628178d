package org.posetta.adapt.refine;

/**
 * What the motion prior reads per joint and frame: the gap-filled position made relative to the
 * frame's (filled) pelvis, in metres, camera axes, plus an observation flag (1 observed, 0 filled
 * in), so the network knows which positions to trust and which to in-paint. Channels
 * {@code x, y, z, observed}; T·J·4 values, frame-major.
 */
public final class PriorInput {
    /** Channels per joint and frame. */
    public static final int CHANNELS = 4;
    /** The root joint (pelvis) of H36M-17. */
    static final int ROOT = 0;

    private PriorInput() {
    }

    /**
     * @param filled   T·J·3 gap-filled positions (every entry finite)
     * @param observed T·J flags, true where the position was observed
     */
    public static float[] encode(float[] filled, boolean[] observed, int frames, int joints) {
        float[] rel = rootRelative(filled, frames, joints);
        float[] out = new float[frames * joints * CHANNELS];
        for (int i = 0; i < frames * joints; i++) {
            System.arraycopy(rel, i * 3, out, i * CHANNELS, 3);
            out[i * CHANNELS + 3] = observed[i] ? 1f : 0f;
        }
        return out;
    }

    /** {@code xyz} with each frame's root subtracted from all its joints. */
    public static float[] rootRelative(float[] xyz, int frames, int joints) {
        float[] out = new float[xyz.length];
        for (int t = 0; t < frames; t++) {
            int r = (t * joints + ROOT) * 3;
            for (int j = 0; j < joints; j++) {
                int i = (t * joints + j) * 3;
                for (int c = 0; c < 3; c++) {
                    out[i + c] = xyz[i + c] - xyz[r + c];
                }
            }
        }
        return out;
    }
}
