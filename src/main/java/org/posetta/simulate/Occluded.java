package org.posetta.simulate;

/**
 * The result of a simulated corruption: the corrupted data (its provenance records the step and
 * the seed) and the mask of what was hidden, so that occluded frames can be scored separately.
 *
 * @param data the corrupted {@link org.posetta.pose.Keypoints2d} or {@link org.posetta.pose.Motion3d}
 * @param mask the hidden joints; hides nothing for corruptions that only move joints (noise)
 */
public record Occluded<T>(T data, OcclusionMask mask) {
    /** Per frame: true when the simulation hid at least one joint of the frame. */
    public boolean[] occludedFrames() {
        return mask.occludedFrames();
    }
}
