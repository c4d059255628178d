package org.posetta.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.video.VideoInfo;

/**
 * Everything the report page and the skeleton video show about one run on a video.
 *
 * @param video     the decoded video
 * @param keypoints the followed person's 2D keypoints, confidence 0 where not found
 * @param before    the per-frame 3D, H36M-17, before adaptation
 * @param after     the adapted 3D, H36M-17, same frames
 * @param losses    loss curves by stage name, one value per iteration
 * @param timings   stage timings in run order
 * @param summary   headline figures and notes, by name (strings and numbers)
 */
public record RunReport(VideoInfo video, Keypoints2d keypoints, Motion3d before, Motion3d after,
        Map<String, double[]> losses, List<StageTiming> timings, Map<String, Object> summary) {
    public RunReport {
        if (before.frames() != keypoints.frames() || after.frames() != keypoints.frames()) {
            throw new IllegalArgumentException("2D has " + keypoints.frames() + " frames, 3D before " + before.frames()
                    + " and after " + after.frames());
        }
        losses = Collections.unmodifiableMap(new LinkedHashMap<>(losses));
        timings = List.copyOf(timings);
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }
}
