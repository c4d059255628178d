package org.posetta.pose;

import java.util.Arrays;

/**
 * A 3D pose sequence: T frames × J joints × (x, y, z) in metres, a validity flag per joint and
 * frame, the frame rate, the layout and the coordinate frame. Immutable: arrays are copied in
 * and out.
 *
 * <p>An invalid joint has no position; its stored numbers are zero and must not be read as
 * data. Valid positions are always finite.
 */
public final class Motion3d {
    private final Layout layout;
    private final double fps;
    private final CoordinateFrame frame;
    private final int frames;
    private final float[] xyz;
    private final boolean[] valid;
    private final Provenance provenance;

    /**
     * @param xyz   T·J·3 values, frame-major then joint then axis, metres
     * @param valid T·J flags, or {@code null} for "all valid"
     * @throws IllegalArgumentException on inconsistent sizes or a non-finite valid value
     */
    public Motion3d(Layout layout, double fps, CoordinateFrame frame, float[] xyz, boolean[] valid,
            Provenance provenance) {
        int j = layout.size();
        if (xyz.length % (j * 3) != 0) {
            throw new IllegalArgumentException(xyz.length + " values is not a whole number of " + j + "-joint 3D frames");
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + fps);
        }
        this.layout = layout;
        this.fps = fps;
        this.frame = frame;
        this.frames = xyz.length / (j * 3);
        this.xyz = xyz.clone();
        if (valid == null) {
            this.valid = new boolean[frames * j];
            Arrays.fill(this.valid, true);
        } else if (valid.length != frames * j) {
            throw new IllegalArgumentException(valid.length + " validity flags for " + frames + " frames of " + j + " joints");
        } else {
            this.valid = valid.clone();
        }
        for (int i = 0; i < this.valid.length; i++) {
            if (this.valid[i]) {
                for (int c = 0; c < 3; c++) {
                    if (!Float.isFinite(this.xyz[i * 3 + c])) {
                        throw new IllegalArgumentException("non-finite value at frame " + i / j + ", joint " + i % j);
                    }
                }
            } else {
                this.xyz[i * 3] = 0;
                this.xyz[i * 3 + 1] = 0;
                this.xyz[i * 3 + 2] = 0;
            }
        }
        this.provenance = provenance == null ? Provenance.EMPTY : provenance;
    }

    public Layout layout() {
        return layout;
    }

    public double fps() {
        return fps;
    }

    public CoordinateFrame coordinateFrame() {
        return frame;
    }

    public int frames() {
        return frames;
    }

    public int joints() {
        return layout.size();
    }

    public Provenance provenance() {
        return provenance;
    }

    /** Coordinate {@code c} (0 x, 1 y, 2 z) of joint {@code j} at frame {@code t}, metres. */
    public float get(int t, int j, int c) {
        return xyz[(t * layout.size() + j) * 3 + c];
    }

    public boolean isValid(int t, int j) {
        return valid[t * layout.size() + j];
    }

    /** True when every joint of frame {@code t} is valid. */
    public boolean isFrameComplete(int t) {
        int j0 = t * layout.size();
        for (int j = 0; j < layout.size(); j++) {
            if (!valid[j0 + j]) {
                return false;
            }
        }
        return true;
    }

    /** Number of invalid (frame, joint) entries. */
    public int invalidCount() {
        int n = 0;
        for (boolean v : valid) {
            if (!v) {
                n++;
            }
        }
        return n;
    }

    /** A copy of all positions, T·J·3, frame-major. */
    public float[] positions() {
        return xyz.clone();
    }

    /** A copy of all validity flags, T·J. */
    public boolean[] validity() {
        return valid.clone();
    }

    public Motion3d withProvenance(Provenance p) {
        return new Motion3d(layout, fps, frame, xyz, valid, p);
    }

    public Motion3d withPositions(float[] positions, boolean[] validity) {
        return new Motion3d(layout, fps, frame, positions, validity, provenance);
    }

    public Motion3d withCoordinateFrame(CoordinateFrame f, float[] positions) {
        return new Motion3d(layout, fps, f, positions, valid, provenance);
    }

    /** Frames {@code [from, to)}. */
    public Motion3d slice(int from, int to) {
        if (from < 0 || to > frames || from > to) {
            throw new IndexOutOfBoundsException("frames [" + from + ", " + to + ") of " + frames);
        }
        int j = layout.size();
        return new Motion3d(layout, fps, frame, Arrays.copyOfRange(xyz, from * j * 3, to * j * 3),
                Arrays.copyOfRange(valid, from * j, to * j), provenance);
    }

    @Override
    public String toString() {
        return "Motion3d[" + frames + " frames, " + layout.id() + ", " + fps + " fps, " + frame.id() + "]";
    }
}
