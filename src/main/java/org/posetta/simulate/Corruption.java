package org.posetta.simulate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.posetta.io.PoseFile;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * A simulated, seeded corruption of pose data: occlusion, truncation, masks or detector noise.
 * The same seed gives the same result; the mode, the settings and the seed are appended to the
 * output's provenance as one step.
 */
public interface Corruption {
    /** The name used by {@code posetta occlude --mode} and in provenance. */
    String mode();

    /** The settings, recorded in provenance; units are part of the keys ({@code duration_s}). */
    Map<String, Object> parameters();

    Occluded<Keypoints2d> apply(Keypoints2d keypoints, long seed);

    Occluded<Motion3d> apply(Motion3d motion, long seed);

    /**
     * Applies the corruption to every sequence of a file: the i-th sequence in file order (3D
     * motions first, then 2D keypoints) gets seed {@code seed + i}, so that sequences of equal
     * length are corrupted differently.
     *
     * @param source names the file in error messages
     */
    default PoseFile apply(PoseFile file, long seed, String source) {
        Map<String, Motion3d> motions = new LinkedHashMap<>();
        Map<String, Keypoints2d> keypoints = new LinkedHashMap<>();
        long s = seed;
        try {
            for (Map.Entry<String, Motion3d> e : file.motions().entrySet()) {
                motions.put(e.getKey(), apply(e.getValue(), s++).data());
            }
            for (Map.Entry<String, Keypoints2d> e : file.keypoints().entrySet()) {
                keypoints.put(e.getKey(), apply(e.getValue(), s++).data());
            }
        } catch (PosettaException e) {
            throw new PosettaException(source + ": " + e.getMessage(), e);
        }
        return new PoseFile(file.format(), motions, keypoints);
    }

    /** The provenance step of one application: mode, settings, seed and what it did. */
    default Map<String, Object> step(long seed, Map<String, Object> outcome) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", "simulate");
        step.put("mode", mode());
        step.putAll(parameters());
        step.put("seed", seed);
        step.putAll(outcome);
        return step;
    }
}
