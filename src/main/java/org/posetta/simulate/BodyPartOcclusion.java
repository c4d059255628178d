package org.posetta.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * One limb group hidden during each on-episode of a duty cycle (random phase per sequence), the
 * group drawn uniformly per episode from {@code groups}: the body-part variant of
 * Occluded-Human3.6M. Groups without joints in the data's layout (e.g. the head of DeepMimic's
 * character) are left out of the draw.
 *
 * @param groups at least one; a single group hides the same part in every episode
 */
public record BodyPartOcclusion(DutyCycle cycle, List<LimbGroup> groups) implements Occluder {
    public BodyPartOcclusion {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no limb group to hide");
        }
        groups = List.copyOf(groups);
    }

    /** Draws from every limb group. */
    public static BodyPartOcclusion anyPart(DutyCycle cycle) {
        return new BodyPartOcclusion(cycle, List.of(LimbGroup.values()));
    }

    @Override
    public String mode() {
        return "part";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("duration_s", cycle.duration());
        p.put("period_s", cycle.period());
        p.put("parts", groups.stream().map(LimbGroup::id).toList());
        return p;
    }

    @Override
    public OcclusionMask mask(Keypoints2d keypoints, SplittableRandom random) {
        return mask(keypoints.frames(), keypoints.fps(), keypoints.layout(), random);
    }

    @Override
    public OcclusionMask mask(Motion3d motion, SplittableRandom random) {
        return mask(motion.frames(), motion.fps(), motion.layout(), random);
    }

    private OcclusionMask mask(int frames, double fps, Layout layout, SplittableRandom random) {
        List<int[]> pool = new ArrayList<>();
        for (LimbGroup g : groups) {
            int[] joints = g.joints(layout);
            if (joints.length > 0) {
                pool.add(joints);
            }
        }
        if (pool.isEmpty()) {
            throw new PosettaException("the " + layout.displayName() + " layout has no joints in "
                    + parameters().get("parts") + ": choose other body parts.");
        }
        int j = layout.size();
        boolean[] hidden = new boolean[frames * j];
        for (int[] e : cycle.episodes(frames, fps, cycle.randomPhase(random))) {
            int[] part = pool.get(random.nextInt(pool.size()));
            for (int t = e[0]; t < e[1]; t++) {
                for (int joint : part) {
                    hidden[t * j + joint] = true;
                }
            }
        }
        return new OcclusionMask(frames, j, hidden);
    }
}
