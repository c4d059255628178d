package org.posetta.adapt.refine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * DJL allows one open {@code GradientCollector} per JVM, so training inside one process runs one
 * at a time: every gradient step of pretraining and test-time training holds this lock. Callers on
 * several threads get the serial results; parallel videos need separate processes.
 */
final class TrainingLock {
    static final ReentrantLock LOCK = new ReentrantLock();

    private TrainingLock() {
    }
}
