package org.posetta.nn;

/** A learning rate per optimisation step (steps count from 0). */
@FunctionalInterface
public interface LrSchedule {
    double at(long step);

    static LrSchedule constant(double lr) {
        return step -> lr;
    }

    /**
     * Linear warm-up from 0 to {@code peak} over {@code warmup} steps, then a half cosine from
     * {@code peak} down to {@code floor} at step {@code total}, and {@code floor} after it.
     */
    static LrSchedule warmupCosine(double peak, long warmup, long total, double floor) {
        if (warmup < 0 || total <= warmup) {
            throw new IllegalArgumentException("need 0 <= warmup < total, got " + warmup + ", " + total);
        }
        return step -> {
            if (step < warmup) {
                return peak * (step + 1) / warmup;
            }
            if (step >= total) {
                return floor;
            }
            double progress = (double) (step - warmup) / (total - warmup);
            return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }

    /** Exponential decay lr0 · decay^(step / every), as Martinez et al. (0.96 every 100,000 steps). */
    static LrSchedule exponential(double lr0, double decay, long every) {
        if (every <= 0) {
            throw new IllegalArgumentException("decay interval must be positive, got " + every);
        }
        return step -> lr0 * Math.pow(decay, (double) step / every);
    }
}
