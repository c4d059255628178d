package org.posetta.simulate;

import java.util.Map;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.Provenance;

/** Small synthetic sequences with hand-derivable values, shared by the tests. */
public final class Samples {
    private Samples() {
    }

    /**
     * H36M-17 keypoints in a 1000×1000 image: joint j at frame t sits at
     * {@code (400 + 2 t + 5 j, 300 + 10 j)} pixels, all confident.
     */
    public static Keypoints2d keypoints(int frames, double fps) {
        int jn = Layout.H36M17.size();
        float[] uv = new float[frames * jn * 2];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < jn; j++) {
                uv[(t * jn + j) * 2] = 400 + 2 * t + 5 * j;
                uv[(t * jn + j) * 2 + 1] = 300 + 10 * j;
            }
        }
        return new Keypoints2d(Layout.H36M17, fps, 1000, 1000, uv, null, Provenance.of(Map.of("source", "sample")));
    }

    /**
     * H36M-17 motion: joint j at frame t sits at {@code (0.01 t + 0.02 j, 0.1 j − 0.8, 4)} metres,
     * all valid.
     */
    public static Motion3d motion(int frames, double fps, CoordinateFrame frame) {
        int jn = Layout.H36M17.size();
        float[] xyz = new float[frames * jn * 3];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < jn; j++) {
                xyz[(t * jn + j) * 3] = 0.01f * t + 0.02f * j;
                xyz[(t * jn + j) * 3 + 1] = 0.1f * j - 0.8f;
                xyz[(t * jn + j) * 3 + 2] = 4f;
            }
        }
        return new Motion3d(Layout.H36M17, fps, frame, xyz, null, Provenance.of(Map.of("source", "sample")));
    }
}
