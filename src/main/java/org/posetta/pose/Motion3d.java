package org.posetta.pose;

import java.util.Arrays;

/**
 * A 3D pose sequence: T frames × J joints × (x, y, z) in metres, a validity flag per joint and
 * frame, the frame rate, the layout and the coordinate frame. Immutable: arrays are copied in
 * and out.
 *
 * <p>An invalid joint has no position; its stored numbers are zero and must not be read as
 * data. Valid positions are always finite.
 *
 * <p>Two optional per-entry annotations travel with the positions: a <em>filled</em> flag for
 * a valid entry whose value was not observed but supplied by gap filling or an adapter, and an
 * <em>uncertainty</em>, a spread in metres (e.g. over an adapter's hypotheses). Both are
 * dropped where an entry is invalid.
 */
public final class Motion3d {
    private final Layout layout;
    private final double fps;
    private final CoordinateFrame frame;
    private final int frames;
    private final float[] xyz;
    private final boolean[] valid;
    private final boolean[] filled;
    private final float[] uncertainty;
    private final Provenance provenance;

    /**
     * @param xyz   T·J·3 values, frame-major then joint then axis, metres
     * @param valid T·J flags, or {@code null} for "all valid"
     * @throws IllegalArgumentException on inconsistent sizes or a non-finite valid value
     */
    public Motion3d(Layout layout, double fps, CoordinateFrame frame, float[] xyz, boolean[] valid,
            Provenance provenance) {
        this(layout, fps, frame, xyz, valid, null, null, provenance);
    }

    /**
     * @param xyz         T·J·3 values, frame-major then joint then axis, metres
     * @param valid       T·J flags, or {@code null} for "all valid"
     * @param filled      T·J flags, true where a valid value was filled in rather than observed;
     *                    {@code null} for "none"
     * @param uncertainty T·J spreads in metres (finite, non-negative where valid), or {@code null}
     *                    where there is none
     * @throws IllegalArgumentException on inconsistent sizes, a non-finite valid value or an
     *                                  invalid uncertainty
     */
    public Motion3d(Layout layout, double fps, CoordinateFrame frame, float[] xyz, boolean[] valid, boolean[] filled,
            float[] uncertainty, Provenance provenance) {
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
        this.filled = annotation(filled == null ? null : filled.clone(), "filled flags");
        this.uncertainty = uncertainty == null ? null : uncertainty.clone();
        if (this.uncertainty != null) {
            if (this.uncertainty.length != this.valid.length) {
                throw new IllegalArgumentException(this.uncertainty.length + " uncertainties for " + frames + " frames of " + j + " joints");
            }
            for (int i = 0; i < this.valid.length; i++) {
                if (!this.valid[i]) {
                    this.uncertainty[i] = 0;
                } else if (!(this.uncertainty[i] >= 0) || Float.isInfinite(this.uncertainty[i])) {
                    throw new IllegalArgumentException("uncertainty " + this.uncertainty[i] + " at frame " + i / j + ", joint "
                            + i % j + " is not a finite non-negative number");
                }
            }
        }
        this.provenance = provenance == null ? Provenance.EMPTY : provenance;
    }

    private boolean[] annotation(boolean[] flags, String what) {
        boolean[] out = new boolean[valid.length];
        if (flags != null) {
            if (flags.length != valid.length) {
                throw new IllegalArgumentException(flags.length + " " + what + " for " + valid.length + " entries");
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = flags[i] && valid[i];
            }
        }
        return out;
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

    /** True when the valid entry at frame {@code t}, joint {@code j} was filled in rather than observed. */
    public boolean isFilled(int t, int j) {
        return filled[t * layout.size() + j];
    }

    /** A copy of all filled flags, T·J (all false when nothing was filled). */
    public boolean[] filledFlags() {
        return filled.clone();
    }

    /** Number of filled (frame, joint) entries. */
    public int filledCount() {
        int n = 0;
        for (boolean f : filled) {
            if (f) {
                n++;
            }
        }
        return n;
    }

    /** True when the sequence carries a per-entry uncertainty. */
    public boolean hasUncertainty() {
        return uncertainty != null;
    }

    /** The spread of joint {@code j} at frame {@code t} in metres; NaN where the sequence has none. */
    public float uncertainty(int t, int j) {
        return uncertainty == null ? Float.NaN : uncertainty[t * layout.size() + j];
    }

    /** A copy of all uncertainties, T·J metres, or {@code null} where the sequence has none. */
    public float[] uncertainties() {
        return uncertainty == null ? null : uncertainty.clone();
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
        return new Motion3d(layout, fps, frame, xyz, valid, filled, uncertainty, p);
    }

    /** New positions and validity; filled flags and uncertainties stay where entries stay valid. */
    public Motion3d withPositions(float[] positions, boolean[] validity) {
        return new Motion3d(layout, fps, frame, positions, validity, filled, uncertainty, provenance);
    }

    /** The same positions with these filled flags (T·J, or {@code null} for none). */
    public Motion3d withFilled(boolean[] flags) {
        return new Motion3d(layout, fps, frame, xyz, valid, flags, uncertainty, provenance);
    }

    /** The same positions with these uncertainties (T·J metres, or {@code null} for none). */
    public Motion3d withUncertainty(float[] spreads) {
        return new Motion3d(layout, fps, frame, xyz, valid, filled, spreads, provenance);
    }

    public Motion3d withCoordinateFrame(CoordinateFrame f, float[] positions) {
        return new Motion3d(layout, fps, f, positions, valid, filled, uncertainty, provenance);
    }

    /** Frames {@code [from, to)}. */
    public Motion3d slice(int from, int to) {
        if (from < 0 || to > frames || from > to) {
            throw new IndexOutOfBoundsException("frames [" + from + ", " + to + ") of " + frames);
        }
        int j = layout.size();
        return new Motion3d(layout, fps, frame, Arrays.copyOfRange(xyz, from * j * 3, to * j * 3),
                Arrays.copyOfRange(valid, from * j, to * j), Arrays.copyOfRange(filled, from * j, to * j),
                uncertainty == null ? null : Arrays.copyOfRange(uncertainty, from * j, to * j), provenance);
    }

    @Override
    public String toString() {
        return "Motion3d[" + frames + " frames, " + layout.id() + ", " + fps + " fps, " + frame.id() + "]";
    }
}
