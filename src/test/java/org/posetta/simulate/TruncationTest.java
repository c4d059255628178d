package org.posetta.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

class TruncationTest {
    private static boolean[] hiddenInFrame(OcclusionMask m, int t) {
        boolean[] out = new boolean[m.joints()];
        for (int j = 0; j < out.length; j++) {
            out[j] = m.isHidden(t, j);
        }
        return out;
    }

    @Test
    void cutsTheGivenFractionOfThePersonAtTheEdge() {
        // v = 300 + 10 j: extent 160 px; a quarter from the bottom leaves v ≤ 300 + 120.
        Keypoints2d k = Samples.keypoints(3, 10);
        OcclusionMask bottom = new Truncation(Truncation.Edge.BOTTOM, 0.25, DutyCycle.always()).apply(k, 0).mask();
        OcclusionMask top = new Truncation(Truncation.Edge.TOP, 0.25, DutyCycle.always()).apply(k, 0).mask();
        for (int t = 0; t < 3; t++) {
            boolean[] b = hiddenInFrame(bottom, t);
            boolean[] tp = hiddenInFrame(top, t);
            for (int j = 0; j < 17; j++) {
                assertThat(b[j]).isEqualTo(j >= 13);
                assertThat(tp[j]).isEqualTo(j <= 3);
            }
        }
        // u = 400 + 2 t + 5 j: extent 80 px; half from the right hides j > 8.
        OcclusionMask right = new Truncation(Truncation.Edge.RIGHT, 0.5, DutyCycle.always()).apply(k, 0).mask();
        assertThat(hiddenInFrame(right, 1)).containsExactly(false, false, false, false, false, false, false, false, false,
                true, true, true, true, true, true, true, true);
    }

    @Test
    void theBorderIsMeasuredOnValidJointsOnly() {
        Keypoints2d k = Samples.keypoints(1, 10);
        float[] c = k.confidences();
        c[16] = 0f;
        Keypoints2d missingFoot = k.withPixels(k.pixels(), c);
        // Extent now 150 px: border at 300 + 150 − 37.5, so joints 12..15 are cut and 16 stays as it was.
        Occluded<Keypoints2d> r = new Truncation(Truncation.Edge.BOTTOM, 0.25, DutyCycle.always()).apply(missingFoot, 0);
        for (int j = 0; j < 17; j++) {
            assertThat(r.mask().isHidden(0, j)).isEqualTo(j >= 12 && j <= 15);
            assertThat(r.data().isValid(0, j)).isEqualTo(j < 12);
        }
    }

    @Test
    void cutsCameraFrame3dLikeTheImageAndOnlyDuringEpisodes() {
        Motion3d m = Samples.motion(100, 10, CoordinateFrame.CAMERA);
        // y = 0.1 j − 0.8 m: a fifth of the 1.6 m extent puts the border at 0.48 m, between joints 12 and 13.
        Truncation t = new Truncation(Truncation.Edge.BOTTOM, 0.2, new DutyCycle(2, 5));
        Occluded<Motion3d> r = t.apply(m, 4);
        boolean[] occ = r.occludedFrames();
        int occluded = 0;
        for (int f = 0; f < 100; f++) {
            occluded += occ[f] ? 1 : 0;
            for (int j = 0; j < 17; j++) {
                assertThat(r.mask().isHidden(f, j)).isEqualTo(occ[f] && j >= 13);
            }
        }
        assertThat(occluded).isEqualTo(40);
    }

    @Test
    void refusesWorldFrame3d() {
        Truncation t = new Truncation(Truncation.Edge.BOTTOM, 0.3, DutyCycle.always());
        assertThatThrownBy(() -> t.apply(Samples.motion(5, 10, CoordinateFrame.WORLD), 0))
                .isInstanceOf(PosettaException.class).hasMessageContaining("world frame");
    }
}
