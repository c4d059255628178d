package org.posetta.video;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Follows one person through a video with BlazePose: the person detector finds people, the
 * landmark model estimates the followed person's pose in a region that is carried from frame to
 * frame (built from the model's auxiliary points), and detection runs again whenever the track
 * is lost. A pose is accepted when the model's presence is at least 0.3, its torso is not
 * collapsed, and its hip centre and region size stay close to where the person was last seen,
 * so the track does not jump to another person who walks through the region; after a loss, the
 * detections within reach of the last sighting are tried. Not thread-safe.
 */
public final class PoseTracker implements AutoCloseable {
    /**
     * Lowest pose presence accepted. MediaPipe uses 0.5; backlight and motion blur push a real
     * person well below that, and the identity checks below keep a lower bar from picking up
     * someone else.
     */
    static final double MIN_PRESENCE = 0.3;
    /**
     * Shortest shoulder-to-hip distance of an accepted pose, in sides of the region built around
     * it. A person's torso spans about a fifth of that region (0.18–0.24 measured through a back
     * flip); furniture that the models mistake for a person gives a collapsed skeleton (below 0.12).
     */
    private static final double MIN_TORSO = 0.15;
    /** Largest hip displacement between consecutive sightings, in region sides. */
    private static final double MAX_JUMP = 0.35;
    /** Extra allowed displacement per frame without a sighting, in region sides. */
    private static final double JUMP_GROWTH = 0.05;
    /** Scales of the carried region tried in turn before falling back to detection. */
    private static final double[] ZOOMS = {1.0, 1.2, 0.85};
    /** Largest reach from the last sighting however long the person was missing, in region sides. */
    private static final double MAX_REACH = 0.8;
    /** Largest change of the region side between consecutive sightings, as a ratio. */
    private static final double MAX_SCALE_CHANGE = 1.8;

    private final PersonDetector detector;
    private final LandmarkModel landmarks;
    private final PersonChoice choice;
    /** Where to look in the next frame; kept through missing frames. */
    private PoseRegion region;
    private PoseLandmarks last;
    private PoseRegion lastRegion;
    private int sinceSeen;

    /** Loads both BlazePose models; {@code threads} is TensorFlow Lite's thread count. */
    public PoseTracker(PersonChoice choice, int threads) {
        this.choice = choice;
        this.detector = new PersonDetector(threads);
        this.landmarks = new LandmarkModel(threads);
    }

    /** Reads every frame of {@code source}, calling {@code progress} with the number of frames done. */
    public PoseTrack track(VideoSource source, IntConsumer progress) {
        List<PoseLandmarks> poses = new ArrayList<>();
        List<TrackState> states = new ArrayList<>();
        VideoFrame frame;
        while ((frame = source.next()) != null) {
            PoseLandmarks p = null;
            TrackState state = TrackState.MISSING;
            if (region != null) {
                state = TrackState.TRACKED;
                // glare and motion blur often drop the presence below threshold for one crop but not for a slightly larger or smaller one
                for (int k = 0; k < ZOOMS.length && p == null; k++) {
                    PoseRegion r = new PoseRegion(region.cx(), region.cy(), region.size() * ZOOMS[k], region.rotation());
                    p = accept(landmarks.estimate(frame, r));
                }
            }
            if (p == null) {
                state = TrackState.DETECTED;
                for (PersonDetection d : candidates(detector.detect(frame))) {
                    PoseLandmarks q = accept(landmarks.estimate(frame, d.region()));
                    if (q != null && (p == null || q.presence() > p.presence())) {
                        p = q;
                    }
                }
            }
            if (p == null) {
                // keep the last good region: the person is often found there again once the glare or blur passes
                sinceSeen++;
                state = TrackState.MISSING;
            } else {
                lastRegion = p.next();
                region = p.next();
                last = p;
                sinceSeen = 0;
            }
            poses.add(p);
            states.add(state);
            progress.accept(poses.size());
        }
        return new PoseTrack(source.info(), poses, states, source.damage());
    }

    /** The pose if it is the followed person, else {@code null}. */
    private PoseLandmarks accept(PoseLandmarks p) {
        if (p.presence() < MIN_PRESENCE || p.torsoLength() < MIN_TORSO * p.next().size()) {
            return null;
        }
        if (last == null) {
            return p;
        }
        double side = lastRegion.size();
        double ratio = p.next().size() / side;
        return isNear(p.hipX(), p.hipY()) && ratio <= MAX_SCALE_CHANGE && ratio >= 1 / MAX_SCALE_CHANGE ? p : null;
    }

    /** True when a hip centre at (x, y) is within reach of the last sighting. */
    private boolean isNear(double x, double y) {
        double reach = lastRegion.size() * Math.min(MAX_JUMP + JUMP_GROWTH * sinceSeen, MAX_REACH);
        return Math.hypot(x - last.hipX(), y - last.hipY()) <= reach;
    }

    /** Detections worth a landmark pass: the user's choice at first, then those within reach of the last sighting. */
    private List<PersonDetection> candidates(List<PersonDetection> detections) {
        if (last == null) {
            PersonDetection d = choice.pick(detections);
            return d == null ? List.of() : List.of(d);
        }
        List<PersonDetection> near = new ArrayList<>();
        for (PersonDetection d : detections) {
            if (isNear(d.keypoints()[0], d.keypoints()[1])) {
                near.add(d);
            }
        }
        return near;
    }

    @Override
    public void close() {
        detector.close();
        landmarks.close();
    }
}
