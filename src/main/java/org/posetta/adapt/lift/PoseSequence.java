package org.posetta.adapt.lift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.posetta.data.Human36m;
import org.posetta.geometry.Camera;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

/**
 * One camera's view of a sequence as the lifter reads it: H36M-17 2D in pixels with confidences,
 * the camera, and, where known, the root-relative camera-frame 3D (metres). Immutable.
 *
 * @param name       {@code subject/action/camera} or the input file's sequence name
 * @param pixels     T·J·2
 * @param confidence T·J; 0 is a missing joint
 * @param positions  T·J·3 relative to the pelvis, or {@code null} where there is no 3D
 */
public record PoseSequence(String name, String actionClass, Camera camera, double fps, float[] pixels, float[] confidence,
        float[] positions) {
    static final int JOINTS = Layout.H36M17.size();

    public int frames() {
        return confidence.length / JOINTS;
    }

    /**
     * A 2D sequence to lift: mapped to H36M-17 where it has another layout.
     *
     * @param camera its camera, or {@code null} for {@link Camera#defaultFor} its image size
     */
    public static PoseSequence of(String name, Keypoints2d keypoints, Camera camera) {
        Keypoints2d k = keypoints.layout() == Layout.H36M17 ? keypoints : JointMap.toCanonical(keypoints.layout()).apply(keypoints);
        Camera c = camera != null ? camera : Camera.defaultFor(k.width(), k.height());
        return new PoseSequence(name, "", c, k.fps(), k.pixels(), k.confidences(), null);
    }

    /**
     * Human3.6M sequences of the given subjects and cameras at every {@code stride}-th frame (5 →
     * 10 fps), with ground-truth 2D (the 3D projected with distortion) or the Stacked Hourglass
     * detections mapped to H36M-17.
     *
     * @param cameraIds camera ids to keep, or empty for all four
     */
    public static List<PoseSequence> fromHuman36m(Human36m data, List<String> subjects, List<String> cameraIds, int stride,
            boolean detections) {
        List<PoseSequence> out = new ArrayList<>();
        for (String subject : subjects) {
            for (String action : data.actions(subject)) {
                for (String cameraId : data.cameraIds(subject)) {
                    if (!cameraIds.isEmpty() && !cameraIds.contains(cameraId)) {
                        continue;
                    }
                    Human36m.Sequence s = data.sequence(subject, action, cameraId);
                    Keypoints2d k = detections ? JointMap.toCanonical(Layout.MPII16).apply(s.detections()) : s.groundTruth2d();
                    out.add(subsample(s.name(), s.actionClass(), s.camera(), k, s.positions3d(), stride));
                }
            }
        }
        return out;
    }

    private static PoseSequence subsample(String name, String actionClass, Camera camera, Keypoints2d k, Motion3d m, int stride) {
        int frames = (k.frames() + stride - 1) / stride;
        float[] uv = k.pixels();
        float[] conf = k.confidences();
        float[] xyz = m.positions();
        float[] pixels = new float[frames * JOINTS * 2];
        float[] confidence = new float[frames * JOINTS];
        float[] positions = new float[frames * JOINTS * 3];
        for (int f = 0; f < frames; f++) {
            int src = f * stride;
            System.arraycopy(uv, src * JOINTS * 2, pixels, f * JOINTS * 2, JOINTS * 2);
            System.arraycopy(conf, src * JOINTS, confidence, f * JOINTS, JOINTS);
            for (int j = 0; j < JOINTS; j++) {
                for (int c = 0; c < 3; c++) {
                    positions[(f * JOINTS + j) * 3 + c] = xyz[(src * JOINTS + j) * 3 + c] - xyz[src * JOINTS * 3 + c];
                }
            }
        }
        return new PoseSequence(name, actionClass, camera, k.fps() / stride, pixels, confidence, positions);
    }

    /** Frames {@code phase, phase + stride, ...}, 2D only (the rate divided by {@code stride}). */
    public PoseSequence every(int stride, int phase) {
        if (stride == 1 && phase == 0) {
            return this;
        }
        int j = JOINTS;
        int n = (frames() - phase + stride - 1) / stride;
        float[] uv = new float[n * j * 2];
        float[] conf = new float[n * j];
        for (int f = 0; f < n; f++) {
            int src = phase + f * stride;
            System.arraycopy(pixels, src * j * 2, uv, f * j * 2, j * 2);
            System.arraycopy(confidence, src * j, conf, f * j, j);
        }
        return new PoseSequence(name, actionClass, camera, fps / stride, uv, conf, null);
    }

    /** The first {@code n} frames (all of them if fewer). */
    public PoseSequence head(int n) {
        int t = Math.min(n, frames());
        int j = JOINTS;
        return new PoseSequence(name, actionClass, camera, fps, Arrays.copyOf(pixels, t * j * 2),
                Arrays.copyOf(confidence, t * j), positions == null ? null : Arrays.copyOf(positions, t * j * 3));
    }

    /**
     * Frames {@code [start, start + length)}, the sequence's first or last frame repeated where
     * the window runs past an end (edge padding, so a short sequence still fills a clip).
     */
    public Clip clip(int start, int length) {
        int t = frames();
        float[] uv = new float[length * JOINTS * 2];
        float[] conf = new float[length * JOINTS];
        float[] xyz = positions == null ? null : new float[length * JOINTS * 3];
        for (int f = 0; f < length; f++) {
            int src = Math.min(Math.max(start + f, 0), t - 1);
            System.arraycopy(pixels, src * JOINTS * 2, uv, f * JOINTS * 2, JOINTS * 2);
            System.arraycopy(confidence, src * JOINTS, conf, f * JOINTS, JOINTS);
            if (xyz != null) {
                System.arraycopy(positions, src * JOINTS * 3, xyz, f * JOINTS * 3, JOINTS * 3);
            }
        }
        return new Clip(this, start, uv, conf, xyz);
    }

    /**
     * Starts of non-overlapping windows of {@code length} frames that cover every frame; the
     * last window is moved back to end at the last frame (its first frames repeat ones already
     * covered, and are counted once by {@link Clip#firstNew}). One window from 0 for a sequence
     * shorter than a window.
     */
    public int[] windowStarts(int length) {
        int t = frames();
        if (t <= length) {
            return new int[] {0};
        }
        int n = (t + length - 1) / length;
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = Math.min(i * length, t - length);
        }
        return starts;
    }

    /**
     * A window of a sequence.
     *
     * @param pixels     F·J·2
     * @param confidence F·J
     * @param positions  F·J·3 root-relative metres, or {@code null}
     */
    public record Clip(PoseSequence sequence, int start, float[] pixels, float[] confidence, float[] positions) {
        public int length() {
            return confidence.length / JOINTS;
        }

        /**
         * Index in the clip of the first frame that an evaluation over {@link #windowStarts}
         * has not met in the windows before.
         */
        public int firstNew(int previousEnd) {
            return Math.max(0, previousEnd - start);
        }

        /** The 2D, screen-normalised ({@link Camera#normalise}), F·J·2. */
        public float[] normalised() {
            return Camera.normalise(pixels, sequence.camera().width(), sequence.camera().height());
        }
    }
}
