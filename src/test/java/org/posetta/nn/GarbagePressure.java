package org.posetta.nn;

import java.nio.ByteBuffer;

/**
 * A background thread that keeps allocating NaN-filled direct buffers and calling the garbage
 * collector, so that native memory freed too early is reused at once and shows up as wrong numbers.
 */
public final class GarbagePressure implements AutoCloseable {
    private final Thread thread = new Thread(GarbagePressure::churn, "garbage-pressure");

    public GarbagePressure() {
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void churn() {
        while (!Thread.currentThread().isInterrupted()) {
            for (int i = 0; i < 64; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(1 << 16);
                while (b.remaining() >= 4) {
                    b.putFloat(Float.NaN);
                }
            }
            System.gc();
        }
    }
}
