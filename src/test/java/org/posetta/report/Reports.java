package org.posetta.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.video.VideoInfo;

/** A small run for report tests: an H36M-17 figure swinging its arms for 40 frames, missing in frames 10–14 before adaptation. */
final class Reports {
    private Reports() {
    }

    static RunReport sample() {
        int t = 40;
        Layout l = Layout.H36M17;
        int j = l.size();
        // a rough standing pose in camera axes (x right, y down), metres from the pelvis
        double[][] pose = {{0, 0, 0}, {-0.13, 0, 0}, {-0.13, 0.45, 0}, {-0.13, 0.9, 0}, {0.13, 0, 0}, {0.13, 0.45, 0},
            {0.13, 0.9, 0}, {0, -0.25, 0}, {0, -0.5, 0}, {0, -0.6, 0}, {0, -0.75, 0}, {0.18, -0.5, 0}, {0.2, -0.22, 0},
            {0.2, 0.02, 0}, {-0.18, -0.5, 0}, {-0.2, -0.22, 0}, {-0.2, 0.02, 0}};
        float[] xyz = new float[t * j * 3];
        boolean[] valid = new boolean[t * j];
        float[] uv = new float[t * 33 * 2];
        float[] conf = new float[t * 33];
        for (int f = 0; f < t; f++) {
            double swing = 0.15 * Math.sin(f / 4.0);
            for (int k = 0; k < j; k++) {
                xyz[(f * j + k) * 3] = (float) pose[k][0];
                xyz[(f * j + k) * 3 + 1] = (float) pose[k][1];
                xyz[(f * j + k) * 3 + 2] = (float) (pose[k][2] + (k >= 11 ? swing : 0));
                valid[f * j + k] = f < 10 || f >= 15;
            }
            for (int k = 0; k < 33; k++) {
                uv[(f * 33 + k) * 2] = 100 + k;
                uv[(f * 33 + k) * 2 + 1] = 50 + 2 * k;
                conf[f * 33 + k] = f < 10 || f >= 15 ? 0.9f : 0f;
            }
        }
        Motion3d after = new Motion3d(l, 30, CoordinateFrame.CAMERA, xyz, null, null);
        Motion3d before = after.withPositions(xyz, valid);
        Keypoints2d k = new Keypoints2d(Layout.BLAZEPOSE33, 30, 320, 240, uv, conf, null);
        double[] loss = new double[50];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = Math.exp(-i / 10.0);
        }
        return new RunReport(new VideoInfo(Path.of("sample.mp4"), 320, 240, 30, t, "ffmpeg"), k, before, after,
                Map.of("temporal fit", loss),
                List.of(new StageTiming("blazepose", 1.5, "40 frames"), new StageTiming("temporal fit", 0.2, "fit")),
                Map.of("frames", t, "found_fraction", 0.875));
    }
}
