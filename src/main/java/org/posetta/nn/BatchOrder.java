package org.posetta.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which samples make up each mini-batch: every epoch is a fresh permutation of the sample
 * indices drawn from the seed and the epoch number alone, cut into batches (the last, partial
 * batch of an epoch is dropped). Batch {@code k} is the same whenever it is asked for, so a run
 * resumed from a checkpoint at step k sees the batches the uninterrupted run would have seen.
 */
public final class BatchOrder {
    private final int samples;
    private final int batchSize;
    private final long seed;
    private long cachedEpoch = -1;
    private int[] permutation;

    public BatchOrder(int samples, int batchSize, long seed) {
        if (batchSize < 1 || samples < batchSize) {
            throw new IllegalArgumentException("need 1 <= batch size <= samples, got " + batchSize + " of " + samples);
        }
        this.samples = samples;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    public int batchesPerEpoch() {
        return samples / batchSize;
    }

    /** The sample indices of batch {@code step} (counting over all epochs). */
    public synchronized int[] batch(long step) {
        long epoch = step / batchesPerEpoch();
        if (epoch != cachedEpoch) {
            permutation = permutation(epoch);
            cachedEpoch = epoch;
        }
        int from = (int) (step % batchesPerEpoch()) * batchSize;
        return Arrays.copyOfRange(permutation, from, from + batchSize);
    }

    private int[] permutation(long epoch) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        int[] p = new int[samples];
        for (int i = 0; i < samples; i++) {
            p[i] = i;
        }
        for (int i = samples - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }
}
