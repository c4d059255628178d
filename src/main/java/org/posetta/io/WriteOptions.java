package org.posetta.io;

import java.util.Optional;

/**
 * What a writer may be told beyond the data: the length unit of formats that let the user choose
 * it (BVH: {@code m} or {@code cm}; TRC: {@code mm} or {@code m}), and, for BVH, whether every
 * joint carries its own translation so that positions are reproduced exactly. Empty means the
 * format's default.
 *
 * @param units {@code m}, {@code cm} or {@code mm}
 * @param exact BVH only: per-joint translation channels (see {@link BvhWriter})
 */
public record WriteOptions(Optional<String> units, boolean exact) {
    public static final WriteOptions DEFAULTS = new WriteOptions(Optional.empty(), false);

    public WriteOptions withUnits(String u) {
        return new WriteOptions(Optional.of(u), exact);
    }

    public WriteOptions withExact(boolean e) {
        return new WriteOptions(units, e);
    }

    /**
     * Units per metre for the chosen unit, or for {@code fallback} when none was chosen.
     *
     * @param allowed the unit names this format writes
     */
    double unitsPerMetre(String format, String fallback, String... allowed) {
        String u = units.orElse(fallback);
        for (String a : allowed) {
            if (a.equals(u)) {
                return switch (u) {
                    case "m" -> 1;
                    case "cm" -> 100;
                    case "mm" -> 1000;
                    default -> throw new IllegalStateException(u);
                };
            }
        }
        throw new org.posetta.pose.PosettaException(format + " files are written in " + String.join(" or ", allowed)
                + ", not '" + u + "': choose one of those with --units.");
    }
}
