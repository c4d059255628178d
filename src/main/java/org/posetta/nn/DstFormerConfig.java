package org.posetta.nn;

/**
 * The sizes of a {@link DstFormer}.
 *
 * @param inChannels     channels per joint and frame of the input (3 for a pose, more with flags)
 * @param outChannels    channels per joint and frame of the output
 * @param joints         joints per frame (17 for H36M-17)
 * @param maxFrames      longest clip; the learned temporal embedding has one row per frame
 * @param width          token width d
 * @param depth          levels, each one "ST" and one "TS" block fused per token
 * @param heads          attention heads, dividing {@code width}
 * @param mlpRatio       hidden width of the MLPs as a multiple of {@code width}
 * @param representation width of the tanh representation layer before the output map
 */
public record DstFormerConfig(int inChannels, int outChannels, int joints, int maxFrames, int width, int depth, int heads,
        int mlpRatio, int representation) {
    public DstFormerConfig {
        if (inChannels <= 0 || outChannels <= 0 || joints <= 0 || maxFrames <= 0 || width <= 0 || depth <= 0
                || heads <= 0 || mlpRatio <= 0 || representation <= 0) {
            throw new IllegalArgumentException("every DSTFormer size must be positive: " + this);
        }
        if (width % heads != 0) {
            throw new IllegalArgumentException("width " + width + " is not a multiple of " + heads + " heads");
        }
    }

    /** The number of trainable values. */
    public long parameterCount() {
        long d = width;
        long hidden = d * mlpRatio;
        long layer = 4 * d + (3 * d * d + 3 * d) + (d * d + d) + (hidden * d + hidden) + (d * hidden + d);
        long blocks = 2L * depth * 2 * layer;
        long fusion = depth * (2 * 2 * d + 2);
        return inChannels * d + d + (long) joints * d + (long) maxFrames * d + blocks + fusion + 2 * d
                + representation * d + representation + outChannels * (long) representation + outChannels;
    }
}
