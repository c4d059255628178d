package org.posetta.simulate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;

/**
 * The whole person hidden during the on-episodes of a duty cycle (random phase per sequence):
 * every joint of those frames becomes missing, as when a detector finds no one behind an
 * occluder. With {@link DutyCycle#OCCLUDED_H36M} this is the Occluded-Human3.6M protocol.
 */
public record WholePersonOcclusion(DutyCycle cycle) implements Occluder {
    @Override
    public String mode() {
        return "whole";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("duration_s", cycle.duration());
        p.put("period_s", cycle.period());
        return p;
    }

    @Override
    public OcclusionMask mask(Keypoints2d keypoints, SplittableRandom random) {
        return mask(keypoints.frames(), keypoints.fps(), keypoints.joints(), random);
    }

    @Override
    public OcclusionMask mask(Motion3d motion, SplittableRandom random) {
        return mask(motion.frames(), motion.fps(), motion.joints(), random);
    }

    private OcclusionMask mask(int frames, double fps, int joints, SplittableRandom random) {
        boolean[] hidden = new boolean[frames * joints];
        for (int[] e : cycle.episodes(frames, fps, cycle.randomPhase(random))) {
            Arrays.fill(hidden, e[0] * joints, e[1] * joints, true);
        }
        return new OcclusionMask(frames, joints, hidden);
    }
}
