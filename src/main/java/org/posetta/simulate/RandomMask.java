package org.posetta.simulate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;

/**
 * Random joint- and frame-level masks, as in MotionBERT's and STRIDE's training corruption:
 * each frame is hidden whole with probability {@code frameRatio}, and each (frame, joint) entry
 * with probability {@code jointRatio}, independently.
 *
 * @param jointRatio probability per (frame, joint), in [0, 1]
 * @param frameRatio probability per frame, in [0, 1]
 */
public record RandomMask(double jointRatio, double frameRatio) implements Occluder {
    /** MotionBERT's ratios: 5 % of joints and 10 % of frames. */
    public static final RandomMask MOTIONBERT = new RandomMask(0.05, 0.1);

    public RandomMask {
        if (!(jointRatio >= 0 && jointRatio <= 1 && frameRatio >= 0 && frameRatio <= 1)) {
            throw new IllegalArgumentException("mask ratios must lie in [0, 1], got " + jointRatio + " and " + frameRatio);
        }
    }

    @Override
    public String mode() {
        return "mask";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("joint_ratio", jointRatio);
        p.put("frame_ratio", frameRatio);
        return p;
    }

    @Override
    public OcclusionMask mask(Keypoints2d keypoints, SplittableRandom random) {
        return mask(keypoints.frames(), keypoints.joints(), random);
    }

    @Override
    public OcclusionMask mask(Motion3d motion, SplittableRandom random) {
        return mask(motion.frames(), motion.joints(), random);
    }

    private OcclusionMask mask(int frames, int joints, SplittableRandom random) {
        boolean[] hidden = new boolean[frames * joints];
        for (int t = 0; t < frames; t++) {
            boolean frame = random.nextDouble() < frameRatio;
            for (int j = 0; j < joints; j++) {
                hidden[t * joints + j] = random.nextDouble() < jointRatio || frame;
            }
        }
        return new OcclusionMask(frames, joints, hidden);
    }
}
