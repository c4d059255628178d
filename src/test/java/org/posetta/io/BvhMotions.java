package org.posetta.io;

import org.posetta.geometry.RotationMatrix;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

/** H36M-17 motions with known shapes for the BVH tests. */
final class BvhMotions {
    /** A standing pose with bent knees and elbows, camera frame (y down), metres. */
    static final double[] POSE = {
        0, 0, 4, -0.13, 0.01, 4, -0.12, 0.45, 3.9, -0.13, 0.88, 4.05, 0.13, 0.01, 4, 0.14, 0.45, 3.95, 0.13, 0.88, 4.08,
        0, -0.23, 4.02, 0, -0.48, 4.03, 0, -0.59, 3.98, 0, -0.7, 4.01, 0.15, -0.45, 4.03, 0.2, -0.2, 4.0, 0.22, -0.02,
        3.82, -0.15, -0.45, 4.03, -0.21, -0.19, 4.05, -0.3, -0.05, 3.9};

    private BvhMotions() {
    }

    /** The standing pose turning about all three axes and drifting sideways, 25 fps, camera frame. */
    static Motion3d rigidlyMoving(int frames) {
        float[] xyz = new float[frames * 51];
        for (int t = 0; t < frames; t++) {
            RotationMatrix r = RotationMatrix.about(1, 0.2 * t).times(RotationMatrix.about(0, 0.05 * t))
                    .times(RotationMatrix.about(2, 0.03 * t));
            for (int j = 0; j < 17; j++) {
                double[] local = {POSE[3 * j], POSE[3 * j + 1], POSE[3 * j + 2] - 4};
                double[] p = r.apply(local);
                xyz[(t * 17 + j) * 3] = (float) (p[0] + 0.01 * t);
                xyz[(t * 17 + j) * 3 + 1] = (float) p[1];
                xyz[(t * 17 + j) * 3 + 2] = (float) (p[2] + 4);
            }
        }
        return new Motion3d(Layout.H36M17, 25, CoordinateFrame.CAMERA, xyz, null, null);
    }

    /** Every joint but the pelvis swings on its own, so bones change length and angle. */
    static Motion3d nonRigid(int frames) {
        float[] xyz = rigidlyMoving(frames).positions();
        for (int t = 0; t < frames; t++) {
            for (int j = 1; j < 17; j++) {
                for (int c = 0; c < 3; c++) {
                    xyz[(t * 17 + j) * 3 + c] += (float) (0.04 * Math.sin(0.3 * t + j + 2 * c));
                }
            }
        }
        return new Motion3d(Layout.H36M17, 25, CoordinateFrame.CAMERA, xyz, null, null);
    }
}
