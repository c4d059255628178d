package org.posetta.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

/**
 * A sequence put on one skeleton: every bone gets its median length over the sequence, and
 * keeps its direction in each frame. Frame by frame, from the root outwards,
 * {@code X'_child = X'_parent + ℓ_b · (X_child − X_parent) / |X_child − X_parent|}; the root stays
 * where it is. A person's bones do not change length, while per-frame estimates let them breathe
 * by several per cent; downstream users (animation, biomechanics) need one skeleton. Frames with
 * an invalid joint are left as they are.
 */
public final class BoneLengths {
    private BoneLengths() {
    }

    /** The median length of each joint's bone to its parent, metres (0 for the root). */
    public static double[] medians(Motion3d m) {
        Layout layout = m.layout();
        double[] out = new double[layout.size()];
        for (int j = 0; j < layout.size(); j++) {
            int p = layout.parent(j);
            if (p < 0) {
                continue;
            }
            List<Double> lengths = new ArrayList<>();
            for (int t = 0; t < m.frames(); t++) {
                if (m.isValid(t, j) && m.isValid(t, p)) {
                    lengths.add(distance(m, t, j, p));
                }
            }
            double[] sorted = lengths.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out[j] = sorted.length == 0 ? 0 : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        return out;
    }

    /** {@code m} with every bone at its median length, directions kept (see the class description). */
    public static Motion3d hold(Motion3d m) {
        Layout layout = m.layout();
        double[] length = medians(m);
        int[] order = rootFirst(layout);
        int joints = layout.size();
        float[] in = m.positions();
        float[] out = in.clone();
        for (int t = 0; t < m.frames(); t++) {
            if (!m.isFrameComplete(t)) {
                continue;
            }
            for (int j : order) {
                int p = layout.parent(j);
                if (p < 0) {
                    continue;
                }
                int c = (t * joints + j) * 3;
                int q = (t * joints + p) * 3;
                double d = distance(m, t, j, p);
                double scale = d > 1e-9 ? length[j] / d : 0;
                for (int k = 0; k < 3; k++) {
                    out[c + k] = (float) (out[q + k] + scale * (in[c + k] - in[q + k]));
                }
            }
        }
        return m.withPositions(out, m.validity());
    }

    /** Joint indices ordered so that every parent comes before its children. */
    private static int[] rootFirst(Layout layout) {
        int n = layout.size();
        int[] order = new int[n];
        boolean[] placed = new boolean[n];
        int k = 0;
        while (k < n) {
            int before = k;
            for (int j = 0; j < n; j++) {
                int p = layout.parent(j);
                if (!placed[j] && (p < 0 || placed[p])) {
                    placed[j] = true;
                    order[k++] = j;
                }
            }
            if (k == before) {
                throw new IllegalStateException("layout " + layout + " has a cycle: " + Arrays.toString(layout.parents()));
            }
        }
        return order;
    }

    private static double distance(Motion3d m, int t, int a, int b) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
            double d = m.get(t, a, c) - m.get(t, b, c);
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
