package org.posetta.video;

/** How the followed person's pose was obtained in one frame. */
public enum TrackState {
    /** From the region tracked from the previous frame. */
    TRACKED,
    /** From a new person detection (first sight, or after the track was lost). */
    DETECTED,
    /** Not found in this frame. */
    MISSING
}
