package org.posetta.adapt.lift;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random training clips: a sequence chosen with probability proportional to its length, then a
 * uniformly random start, so every frame is about equally likely. Seeded; not thread-safe.
 */
final class ClipSampler {
    private final List<PoseSequence> sequences;
    private final long[] cumulative;
    private final int length;
    private final Random rnd;

    ClipSampler(List<PoseSequence> sequences, int length, long seed) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no sequences to sample clips from");
        }
        this.sequences = List.copyOf(sequences);
        this.length = length;
        this.rnd = new Random(seed);
        cumulative = new long[sequences.size()];
        long sum = 0;
        for (int i = 0; i < sequences.size(); i++) {
            sum += Math.max(1, sequences.get(i).frames() - length + 1);
            cumulative[i] = sum;
        }
    }

    PoseSequence.Clip next() {
        long r = (long) (rnd.nextDouble() * cumulative[cumulative.length - 1]);
        int i = 0;
        while (cumulative[i] <= r) {
            i++;
        }
        PoseSequence s = sequences.get(i);
        int start = rnd.nextInt(Math.max(1, s.frames() - length + 1));
        return s.clip(start, length);
    }

    List<PoseSequence.Clip> next(int n) {
        List<PoseSequence.Clip> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    Random random() {
        return rnd;
    }
}
