package org.posetta.adapt.refine;

import java.util.ArrayList;
import java.util.List;

/**
 * Overlapping windows over a sequence (fixing STRIDE's non-overlapping chunks with a tiny last
 * chunk, methods.md §3.6 item 5): windows of {@code length} frames every {@code stride} frames,
 * the last one anchored at the sequence's end; a sequence shorter than {@code length} is one
 * window of its own length. Predictions of overlapping windows are averaged.
 */
final class ClipWindows {
    private ClipWindows() {
    }

    /** Window starts; every window has {@code min(length, frames)} frames. */
    static List<Integer> starts(int frames, int length, int stride) {
        List<Integer> out = new ArrayList<>();
        if (frames <= length) {
            out.add(0);
            return out;
        }
        for (int s = 0; s + length < frames; s += stride) {
            out.add(s);
        }
        out.add(frames - length);
        return out;
    }
}
