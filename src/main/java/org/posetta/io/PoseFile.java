package org.posetta.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.Provenance;

/**
 * What a file holds: one or more named sequences of 3D motion and/or 2D keypoints. A single-clip
 * file has one sequence named after the file; a dataset file names sequences by their keys, e.g.
 * {@code S9/Walking} or {@code S9/Walking/54138969}. Immutable.
 *
 * @param format    the format id that read it (see {@link Formats})
 * @param motions   3D sequences by name, in file order
 * @param keypoints 2D sequences by name, in file order
 */
public record PoseFile(String format, Map<String, Motion3d> motions, Map<String, Keypoints2d> keypoints) {
    public PoseFile {
        motions = Collections.unmodifiableMap(new LinkedHashMap<>(motions));
        keypoints = Collections.unmodifiableMap(new LinkedHashMap<>(keypoints));
    }

    public static PoseFile of(String format, String name, Motion3d motion) {
        return new PoseFile(format, Map.of(name, motion), Map.of());
    }

    public static PoseFile of(String format, String name, Keypoints2d keypoints) {
        return new PoseFile(format, Map.of(), Map.of(name, keypoints));
    }

    public boolean isEmpty() {
        return motions.isEmpty() && keypoints.isEmpty();
    }

    /** Every sequence mapped into {@code layout} by {@link JointMap#between}. */
    public PoseFile mapped(Layout layout) {
        Map<String, Motion3d> m = new LinkedHashMap<>();
        motions.forEach((name, v) -> m.put(name, JointMap.between(v.layout(), layout).apply(v)));
        Map<String, Keypoints2d> k = new LinkedHashMap<>();
        keypoints.forEach((name, v) -> k.put(name, JointMap.between(v.layout(), layout).apply(v)));
        return new PoseFile(format, m, k);
    }

    /** Every sequence with one more provenance step (see {@link Provenance#withStep}). */
    public PoseFile withStep(Map<String, ?> step) {
        Map<String, Motion3d> m = new LinkedHashMap<>();
        motions.forEach((name, v) -> m.put(name, v.withProvenance(v.provenance().withStep(step))));
        Map<String, Keypoints2d> k = new LinkedHashMap<>();
        keypoints.forEach((name, v) -> k.put(name, v.withProvenance(v.provenance().withStep(step))));
        return new PoseFile(format, m, k);
    }
}
