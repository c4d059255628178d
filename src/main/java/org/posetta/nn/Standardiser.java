package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Z-score normalisation per feature, (x − μ) / σ, with μ and σ part of the network's weights
 * ({@code name.mean}, {@code name.std}, frozen), so a checkpoint carries the normalisation its
 * weights were trained with.
 */
public final class Standardiser {
    private static final double MIN_STD = 1e-6;
    private final int features;
    private final NDArray mean;
    private final NDArray std;

    /** Declares identity statistics (μ = 0, σ = 1) until {@link #fit} or a checkpoint sets them. */
    public Standardiser(Parameters params, String name, int features) {
        this.features = features;
        this.mean = params.declare(name + ".mean", params.manager().zeros(new Shape(features)), false);
        this.std = params.declare(name + ".std", params.manager().ones(new Shape(features)), false);
    }

    /**
     * Sets μ and σ from samples (rows of {@code features} values); entries where {@code present}
     * is false (may be null) are left out. σ has a floor of 1e-6.
     */
    public void fit(float[] rows, boolean[] present) {
        if (rows.length % features != 0) {
            throw new IllegalArgumentException(rows.length + " values is not a whole number of rows of " + features);
        }
        double[] sum = new double[features];
        double[] sq = new double[features];
        long[] n = new long[features];
        for (int i = 0; i < rows.length; i++) {
            if (present == null || present[i]) {
                int f = i % features;
                sum[f] += rows[i];
                sq[f] += (double) rows[i] * rows[i];
                n[f]++;
            }
        }
        float[] mu = new float[features];
        float[] sigma = new float[features];
        for (int f = 0; f < features; f++) {
            if (n[f] == 0) {
                sigma[f] = 1;
                continue;
            }
            double m = sum[f] / n[f];
            mu[f] = (float) m;
            sigma[f] = (float) Math.max(MIN_STD, Math.sqrt(Math.max(0, sq[f] / n[f] - m * m)));
        }
        mean.set(mu);
        std.set(sigma);
    }

    /** (x − μ) / σ over the last axis. */
    public NDArray normalise(NDArray x) {
        return x.sub(mean).div(std);
    }

    /** x · σ + μ over the last axis. */
    public NDArray denormalise(NDArray x) {
        return x.mul(std).add(mean);
    }
}
