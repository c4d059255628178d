package org.posetta.adapt.semantic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The labelled segments of one video that the alignment loss uses (methods §9.1): every
 * stride-1 window of {@code length} frames in which all frames carry the same label. Each has a
 * sampling weight w_s = 1 − cos(E_text(y_s), E_motion(p_s)) + ε, refreshed from the current
 * predictions once per cycle, so that segments whose motion disagrees most with their label
 * are drawn most; draws are with replacement.
 */
final class Segments {
    private static final double EPSILON = 1e-3;

    private final int length;
    private final int[] starts;
    private final String[] texts;
    private final double[] cosines;

    private Segments(int length, int[] starts, String[] texts) {
        this.length = length;
        this.starts = starts;
        this.texts = texts;
        this.cosines = new double[starts.length];
    }

    /** The uniformly labelled windows of {@code length} frames of {@code labels}. */
    static Segments of(Labels labels, int length) {
        List<Integer> s = new ArrayList<>();
        List<String> t = new ArrayList<>();
        for (int start = 0; start + length <= labels.frames(); start++) {
            if (labels.uniform(start, start + length)) {
                s.add(start);
                t.add(labels.at(start));
            }
        }
        return new Segments(length, s.stream().mapToInt(Integer::intValue).toArray(), t.toArray(String[]::new));
    }

    int length() {
        return length;
    }

    int size() {
        return starts.length;
    }

    int start(int segment) {
        return starts[segment];
    }

    String text(int segment) {
        return texts[segment];
    }

    /** Records the current cos(E_motion, E_text) of every segment. */
    void setCosines(double[] values) {
        if (values.length != starts.length) {
            throw new IllegalArgumentException(values.length + " cosines for " + starts.length + " segments");
        }
        System.arraycopy(values, 0, cosines, 0, values.length);
    }

    /** {@code count} segment indices drawn with probability ∝ 1 − cos + ε. */
    int[] draw(Random rng, int count) {
        double[] cumulative = new double[starts.length];
        double total = 0;
        for (int i = 0; i < starts.length; i++) {
            total += 1 - cosines[i] + EPSILON;
            cumulative[i] = total;
        }
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            int i = Arrays.binarySearch(cumulative, rng.nextDouble() * total);
            out[k] = Math.min(starts.length - 1, i >= 0 ? i : -i - 1);
        }
        return out;
    }

    /** Per frame of a {@code frames}-frame video: the mean cosine of the segments covering it; NaN where none does. */
    double[] agreement(int frames) {
        double[] sum = new double[frames];
        int[] count = new int[frames];
        for (int i = 0; i < starts.length; i++) {
            for (int f = starts[i]; f < starts[i] + length; f++) {
                sum[f] += cosines[i];
                count[f]++;
            }
        }
        double[] out = new double[frames];
        for (int f = 0; f < frames; f++) {
            out[f] = count[f] == 0 ? Double.NaN : sum[f] / count[f];
        }
        return out;
    }
}
