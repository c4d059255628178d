package org.posetta.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When a simulated occlusion is on: for {@code duration} seconds in every {@code period} seconds.
 * Frame {@code t} of a sequence at {@code fps} is on when {@code (t / fps + phase) mod period <
 * duration}; the phase is drawn uniformly from {@code [0, period)}, so a sequence may start
 * occluded or visible. Occluded-Human3.6M uses 1.6 s in every 3.2 s; a duration equal to the
 * period means always on.
 *
 * @param duration seconds on per period, in (0, period]
 * @param period   seconds, positive
 */
public record DutyCycle(double duration, double period) {
    /** The Occluded-Human3.6M cycle: 1.6 s occluded in every 3.2 s. */
    public static final DutyCycle OCCLUDED_H36M = new DutyCycle(1.6, 3.2);

    public DutyCycle {
        if (!(period > 0) || Double.isInfinite(period)) {
            throw new IllegalArgumentException("period must be positive and finite, got " + period + " s");
        }
        if (!(duration > 0 && duration <= period)) {
            throw new IllegalArgumentException("duration must lie in (0, period] = (0, " + period + "], got " + duration + " s");
        }
    }

    /** Always on: every frame is one episode. */
    public static DutyCycle always() {
        return new DutyCycle(1, 1);
    }

    public boolean isAlways() {
        return duration == period;
    }

    /** A phase drawn uniformly from [0, period), seconds. */
    public double randomPhase(SplittableRandom random) {
        return random.nextDouble() * period;
    }

    /**
     * The episodes (maximal runs of on-frames) of a sequence, as {@code [start, end)} frame
     * intervals in order.
     */
    public List<int[]> episodes(int frames, double fps, double phase) {
        List<int[]> out = new ArrayList<>();
        int start = -1;
        for (int t = 0; t <= frames; t++) {
            boolean on = t < frames && isOn(t, fps, phase);
            if (on && start < 0) {
                start = t;
            } else if (!on && start >= 0) {
                out.add(new int[] {start, t});
                start = -1;
            }
        }
        return out;
    }

    private boolean isOn(int t, double fps, double phase) {
        if (isAlways()) {
            return true;
        }
        // In frame units, so that a whole number of frames per period stays exact.
        double x = (t + phase * fps) % (period * fps);
        return x < duration * fps;
    }
}
