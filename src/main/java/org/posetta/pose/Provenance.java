package org.posetta.pose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where data came from and what was done to it: source file, commands, seeds, models, versions.
 * Travels with {@link Motion3d} and {@link Keypoints2d} and is written into every output.
 * Values are strings, numbers, booleans, lists or nested maps, so that they serialise to JSON.
 * Immutable; {@link #with} returns a copy.
 */
public final class Provenance {
    public static final Provenance EMPTY = new Provenance(Map.of());

    private final Map<String, Object> entries;

    private Provenance(Map<String, Object> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static Provenance of(Map<String, ?> entries) {
        return new Provenance(new LinkedHashMap<>(entries));
    }

    /** A copy with {@code key} set to {@code value} (replacing an earlier value). */
    public Provenance with(String key, Object value) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(entries);
        copy.put(key, value);
        return new Provenance(copy);
    }

    /**
     * A copy with one more processing step appended to the {@code steps} list, so that a chain
     * of operations (read, occlude, refine, ...) is recorded in order.
     */
    public Provenance withStep(Map<String, ?> step) {
        List<Object> steps = new ArrayList<>();
        Object old = entries.get("steps");
        if (old instanceof List<?> list) {
            steps.addAll(list);
        }
        steps.add(Collections.unmodifiableMap(new LinkedHashMap<>(step)));
        return with("steps", Collections.unmodifiableList(steps));
    }

    public Object get(String key) {
        return entries.get(key);
    }

    public Map<String, Object> asMap() {
        return entries;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Provenance p && p.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
