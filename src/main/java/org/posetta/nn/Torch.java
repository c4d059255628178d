package org.posetta.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine's process-wide settings. One intra-op thread is the default everywhere
 * (on a shared two-core machine a second thread waiting for a descheduled peer is slower than
 * one); benchmarks and model cards record the count in use.
 */
public final class Torch {
    private Torch() {
    }

    /** Intra-op threads in use. */
    public static int threads() {
        Engine.getInstance();
        return JniUtils.getNumThreads();
    }

    /** Sets the intra-op thread count for the rest of the process. */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        Engine.getInstance();
        JniUtils.setNumThreads(n);
    }

    /** Seeds the engine's generator (dropout masks and engine-side sampling). */
    public static void seed(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
    }
}
