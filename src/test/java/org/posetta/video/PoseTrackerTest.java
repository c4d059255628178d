package org.posetta.video;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

/**
 * The man on the box in {@code street_walk.avi} (see the video's README): present in all 206
 * frames, jumping jacks on the box roof (hips around y = 75 px) until about frame 150, a backlit
 * back flip, then crawling in the foreground; a woman walks across below him (hips around
 * y = 210 px) from frame 36 to about 200.
 */
class PoseTrackerTest {
    private static PoseTrack track;

    @BeforeAll
    static void trackTheWholeClip() {
        try (VideoSource s = VideoSource.open(VideoData.require("street_walk.avi"), 0);
                PoseTracker tracker = new PoseTracker(PersonChoice.LARGEST, 2)) {
            track = tracker.track(s, done -> { });
        }
    }

    @Test
    void theManOnTheBoxIsFoundInAtLeastNinetyPercentOfFrames() {
        assertThat(track.frames()).isEqualTo(206);
        assertThat(track.damage()).isNull();
        assertThat(track.foundFraction()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void theTrackStaysOnTheBoxWhileTheWomanWalksBelowAndNeverJumps() {
        PoseLandmarks previous = null;
        for (int t = 0; t < track.frames(); t++) {
            PoseLandmarks p = track.pose(t);
            if (p == null) {
                continue;
            }
            if (t <= 150) {
                assertThat(p.hipY()).as("hip height at frame %d", t).isLessThan(140);
            }
            if (previous != null) {
                double jump = Math.hypot(p.hipX() - previous.hipX(), p.hipY() - previous.hipY());
                assertThat(jump).as("hip displacement at frame %d", t).isLessThan(0.8 * previous.next().size());
            }
            previous = p;
        }
        // he ends in the foreground right of centre
        assertThat(track.pose(205).hipX()).isBetween(280.0, 380.0);
        assertThat(track.pose(205).hipY()).isGreaterThan(180);
    }

    @Test
    void keypointsAndWorldLandmarksAreBlazePose33AndMissingWhereThePersonIs() {
        Keypoints2d k = track.keypoints();
        Motion3d w = track.world();
        assertThat(k.layout()).isEqualTo(Layout.BLAZEPOSE33);
        assertThat(w.layout()).isEqualTo(Layout.BLAZEPOSE33);
        assertThat(k.width()).isEqualTo(512);
        for (int t = 0; t < track.frames(); t++) {
            boolean found = track.pose(t) != null;
            assertThat(k.isValid(t, 0)).isEqualTo(found);
            assertThat(w.isValid(t, 0)).isEqualTo(found);
            assertThat(track.state(t) == TrackState.MISSING).isEqualTo(!found);
        }
        // world landmarks are metres around the hips: a person's nose is well within 1.2 m of the hip centre
        int t0 = 10;
        double hx = (w.get(t0, 23, 0) + w.get(t0, 24, 0)) / 2;
        double hy = (w.get(t0, 23, 1) + w.get(t0, 24, 1)) / 2;
        assertThat(Math.abs(hx)).isLessThan(0.05);
        assertThat(Math.abs(hy)).isLessThan(0.05);
        double noseUp = hy - w.get(t0, 0, 1);
        assertThat(noseUp).as("nose above the hips in camera y-down axes").isBetween(0.3, 1.2);
    }
}
