package org.posetta.video;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.Provenance;

/**
 * One followed person through a video: BlazePose's landmarks per frame, or none where the person
 * was not found, and how each frame's pose was obtained. Immutable.
 */
public final class PoseTrack {
    private final VideoInfo info;
    private final List<PoseLandmarks> poses;
    private final List<TrackState> states;
    private final String damage;

    PoseTrack(VideoInfo info, List<PoseLandmarks> poses, List<TrackState> states, String damage) {
        this.info = info;
        this.poses = Collections.unmodifiableList(new ArrayList<>(poses));
        this.states = List.copyOf(states);
        this.damage = damage;
    }

    public VideoInfo info() {
        return info;
    }

    public int frames() {
        return poses.size();
    }

    /** The landmarks of frame {@code t}, or {@code null} where the person was not found. */
    public PoseLandmarks pose(int t) {
        return poses.get(t);
    }

    public TrackState state(int t) {
        return states.get(t);
    }

    /** Why decoding stopped before the declared end, or {@code null}. */
    public String damage() {
        return damage;
    }

    /** Fraction of frames in which the person was found. */
    public double foundFraction() {
        return poses.isEmpty() ? 0 : poses.stream().filter(p -> p != null).count() / (double) poses.size();
    }

    private Provenance provenance() {
        return Provenance.of(Map.of("source", info.file().toString(), "decoder", info.decoder()))
                .withStep(Map.of("step", "blazepose", "detector", "pose_detection.tflite",
                        "landmarks", "pose_landmark_full.tflite", "package", "@mediapipe/pose@0.5.1675469404"));
    }

    /**
     * The 2D keypoints in BlazePose-33 layout, pixels; a landmark's confidence is its visibility,
     * and 0 in frames where the person was not found.
     */
    public Keypoints2d keypoints() {
        int j = PoseLandmarks.COUNT;
        float[] uv = new float[frames() * j * 2];
        float[] conf = new float[frames() * j];
        for (int t = 0; t < frames(); t++) {
            PoseLandmarks p = poses.get(t);
            if (p == null) {
                continue;
            }
            for (int k = 0; k < j; k++) {
                uv[(t * j + k) * 2] = (float) p.image()[2 * k];
                uv[(t * j + k) * 2 + 1] = (float) p.image()[2 * k + 1];
                conf[t * j + k] = (float) Math.max(p.visibility()[k], 1e-6);
            }
        }
        return new Keypoints2d(Layout.BLAZEPOSE33, info.fps(), info.width(), info.height(), uv, conf, provenance());
    }

    /**
     * BlazePose's own 3D estimate: world landmarks in metres relative to the hip centre, camera
     * axes, BlazePose-33 layout; invalid in frames where the person was not found.
     */
    public Motion3d world() {
        int j = PoseLandmarks.COUNT;
        float[] xyz = new float[frames() * j * 3];
        boolean[] valid = new boolean[frames() * j];
        for (int t = 0; t < frames(); t++) {
            PoseLandmarks p = poses.get(t);
            if (p == null) {
                continue;
            }
            for (int k = 0; k < j * 3; k++) {
                xyz[t * j * 3 + k] = (float) p.world()[k];
            }
            for (int k = 0; k < j; k++) {
                valid[t * j + k] = true;
            }
        }
        return new Motion3d(Layout.BLAZEPOSE33, info.fps(), CoordinateFrame.CAMERA, xyz, valid,
                provenance().with("root_relative", true));
    }
}
