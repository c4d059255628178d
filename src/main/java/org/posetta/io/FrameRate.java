package org.posetta.io;

/** Frame rates from the frame durations that files store with few digits. */
final class FrameRate {
    private FrameRate() {
    }

    /**
     * {@code 1 / seconds}, snapped to the nearest whole rate when within 0.1% of it: files write
     * 1/30 s as {@code 0.0333333} or {@code 0.033332}, which is 30 fps, not 30.0012.
     */
    static double ofFrameTime(double seconds) {
        double fps = 1 / seconds;
        double whole = Math.rint(fps);
        return whole > 0 && Math.abs(fps - whole) <= 1e-3 * whole ? whole : fps;
    }
}
