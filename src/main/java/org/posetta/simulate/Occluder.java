package org.posetta.simulate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;

/**
 * A corruption that hides joints: it draws an {@link OcclusionMask} from the data and a seeded
 * generator, and the hidden joints become missing (confidence 0 in 2D, invalid in 3D).
 */
public interface Occluder extends Corruption {
    OcclusionMask mask(Keypoints2d keypoints, SplittableRandom random);

    OcclusionMask mask(Motion3d motion, SplittableRandom random);

    /** What a mask hid, for provenance: the count of hidden joints and the occluded frame intervals. */
    private static Map<String, Object> outcome(OcclusionMask mask) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("hidden_joints", mask.hiddenCount());
        o.put("occluded_frames", mask.occludedIntervals());
        return o;
    }

    @Override
    default Occluded<Keypoints2d> apply(Keypoints2d keypoints, long seed) {
        OcclusionMask mask = mask(keypoints, new SplittableRandom(seed));
        Keypoints2d out = mask.hide(keypoints).withProvenance(keypoints.provenance().withStep(step(seed, outcome(mask))));
        return new Occluded<>(out, mask);
    }

    @Override
    default Occluded<Motion3d> apply(Motion3d motion, long seed) {
        OcclusionMask mask = mask(motion, new SplittableRandom(seed));
        Motion3d out = mask.hide(motion).withProvenance(motion.provenance().withStep(step(seed, outcome(mask))));
        return new Occluded<>(out, mask);
    }
}
