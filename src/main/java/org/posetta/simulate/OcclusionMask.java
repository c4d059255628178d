package org.posetta.simulate;

import java.util.ArrayList;
import java.util.List;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;

/**
 * Which joints a simulation hid: T frames × J joints of flags. A frame is <em>occluded</em> when
 * at least one of its joints is hidden; benchmarks score those frames separately. Immutable.
 */
public final class OcclusionMask {
    private final int frames;
    private final int joints;
    private final boolean[] hidden;

    /** @param hidden T·J flags, frame-major */
    public OcclusionMask(int frames, int joints, boolean[] hidden) {
        if (hidden.length != frames * joints) {
            throw new IllegalArgumentException(hidden.length + " flags for " + frames + " frames of " + joints + " joints");
        }
        this.frames = frames;
        this.joints = joints;
        this.hidden = hidden.clone();
    }

    /** A mask that hides nothing. */
    public static OcclusionMask none(int frames, int joints) {
        return new OcclusionMask(frames, joints, new boolean[frames * joints]);
    }

    public int frames() {
        return frames;
    }

    public int joints() {
        return joints;
    }

    public boolean isHidden(int t, int j) {
        return hidden[t * joints + j];
    }

    /** Per frame: true when any joint of the frame is hidden. */
    public boolean[] occludedFrames() {
        boolean[] out = new boolean[frames];
        for (int i = 0; i < hidden.length; i++) {
            out[i / joints] |= hidden[i];
        }
        return out;
    }

    public int occludedFrameCount() {
        int n = 0;
        for (boolean b : occludedFrames()) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** Number of hidden (frame, joint) entries. */
    public int hiddenCount() {
        int n = 0;
        for (boolean b : hidden) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** The occluded frames as {@code [start, end)} intervals, in order (written into provenance). */
    public List<List<Integer>> occludedIntervals() {
        List<List<Integer>> out = new ArrayList<>();
        boolean[] occ = occludedFrames();
        int start = -1;
        for (int t = 0; t <= frames; t++) {
            boolean on = t < frames && occ[t];
            if (on && start < 0) {
                start = t;
            } else if (!on && start >= 0) {
                out.add(List.of(start, t));
                start = -1;
            }
        }
        return out;
    }

    /** The keypoints with every hidden joint's confidence set to 0 (missing). */
    public Keypoints2d hide(Keypoints2d k) {
        requireShape(k.frames(), k.joints());
        float[] c = k.confidences();
        for (int i = 0; i < c.length; i++) {
            if (hidden[i]) {
                c[i] = 0f;
            }
        }
        return k.withPixels(k.pixels(), c);
    }

    /** The motion with every hidden joint marked invalid. */
    public Motion3d hide(Motion3d m) {
        requireShape(m.frames(), m.joints());
        boolean[] v = m.validity();
        for (int i = 0; i < v.length; i++) {
            v[i] &= !hidden[i];
        }
        return m.withPositions(m.positions(), v);
    }

    private void requireShape(int t, int j) {
        if (t != frames || j != joints) {
            throw new IllegalArgumentException("mask of " + frames + "x" + joints + " applied to " + t + "x" + j);
        }
    }
}
