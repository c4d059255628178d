package org.posetta.simulate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * The person cut by the border of a crop that follows them, during the on-episodes of a duty
 * cycle (always, for {@link DutyCycle#always()}). Per frame, with {@code s_j = d · x_j} the
 * coordinate of valid joint j along the direction d of the cut edge, the border lies at
 * {@code max s − fraction · (max s − min s)}, and joints beyond it (larger s) become missing:
 * {@code fraction} of the person's extent is out of frame, e.g. the lower body for
 * {@link Edge#BOTTOM}. In 2D the border is an image line (d in pixels, v pointing down); in 3D
 * it is a plane with normal d in the camera frame (x right, y down), so 3D must be
 * camera-frame.
 *
 * @param fraction of the person's extent cut away, in (0, 1)
 */
public record Truncation(Edge edge, double fraction, DutyCycle cycle) implements Occluder {
    /** The image edge the person is cut at. */
    public enum Edge {
        TOP(0, -1), BOTTOM(0, 1), LEFT(-1, 0), RIGHT(1, 0);

        private final int dx;
        private final int dy;

        Edge(int dx, int dy) {
            this.dx = dx;
            this.dy = dy;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Truncation {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("truncated fraction must lie in (0, 1), got " + fraction);
        }
    }

    @Override
    public String mode() {
        return "truncate";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("edge", edge.id());
        p.put("fraction", fraction);
        p.put("duration_s", cycle.duration());
        p.put("period_s", cycle.period());
        return p;
    }

    @Override
    public OcclusionMask mask(Keypoints2d k, SplittableRandom random) {
        int jn = k.joints();
        boolean[] hidden = new boolean[k.frames() * jn];
        double[] s = new double[jn];
        boolean[] valid = new boolean[jn];
        for (int[] e : cycle.episodes(k.frames(), k.fps(), cycle.randomPhase(random))) {
            for (int t = e[0]; t < e[1]; t++) {
                for (int j = 0; j < jn; j++) {
                    valid[j] = k.isValid(t, j);
                    s[j] = edge.dx * k.get(t, j, 0) + edge.dy * k.get(t, j, 1);
                }
                cut(s, valid, hidden, t * jn);
            }
        }
        return new OcclusionMask(k.frames(), jn, hidden);
    }

    @Override
    public OcclusionMask mask(Motion3d m, SplittableRandom random) {
        if (m.coordinateFrame() != CoordinateFrame.CAMERA) {
            throw new PosettaException("the 3D motion is in the world frame, where image edges are undefined:"
                    + " truncate camera-frame 3D or the 2D keypoints instead.");
        }
        int jn = m.joints();
        boolean[] hidden = new boolean[m.frames() * jn];
        double[] s = new double[jn];
        boolean[] valid = new boolean[jn];
        for (int[] e : cycle.episodes(m.frames(), m.fps(), cycle.randomPhase(random))) {
            for (int t = e[0]; t < e[1]; t++) {
                for (int j = 0; j < jn; j++) {
                    valid[j] = m.isValid(t, j);
                    s[j] = edge.dx * m.get(t, j, 0) + edge.dy * m.get(t, j, 1);
                }
                cut(s, valid, hidden, t * jn);
            }
        }
        return new OcclusionMask(m.frames(), jn, hidden);
    }

    /** Marks the valid joints of one frame beyond the border. */
    private void cut(double[] s, boolean[] valid, boolean[] hidden, int offset) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < s.length; j++) {
            if (valid[j]) {
                min = Math.min(min, s[j]);
                max = Math.max(max, s[j]);
            }
        }
        double border = max - fraction * (max - min);
        for (int j = 0; j < s.length; j++) {
            hidden[offset + j] = valid[j] && s[j] > border;
        }
    }
}
