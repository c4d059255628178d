package org.posetta.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.PosettaException;

class DetectorNoiseTest {
    @Test
    void jitterHasTheGivenSpreadAndKeepsConfidences() {
        Keypoints2d clean = Samples.keypoints(2000, 50);
        Keypoints2d noisy = new DetectorNoise(4, 0, 0).apply(clean, 3).data();
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int t = 0; t < clean.frames(); t++) {
            for (int j = 0; j < 17; j++) {
                for (int c = 0; c < 2; c++) {
                    double d = noisy.get(t, j, c) - clean.get(t, j, c);
                    sum += d;
                    sq += d * d;
                    n++;
                }
            }
        }
        assertThat(sum / n).isCloseTo(0, within(0.1));
        assertThat(Math.sqrt(sq / n)).isCloseTo(4, within(0.1));
        assertThat(noisy.confidences()).isEqualTo(clean.confidences());
    }

    @Test
    void aSwapExchangesLeftAndRight() {
        Keypoints2d clean = Samples.keypoints(4, 50);
        Keypoints2d swapped = new DetectorNoise(0, 0, 1).apply(clean, 0).data();
        for (int t = 0; t < 4; t++) {
            for (int[] pair : new int[][] {{1, 4}, {3, 6}, {11, 14}, {13, 16}}) {
                assertThat(swapped.get(t, pair[0], 0)).isEqualTo(clean.get(t, pair[1], 0));
                assertThat(swapped.get(t, pair[1], 1)).isEqualTo(clean.get(t, pair[0], 1));
            }
            assertThat(swapped.get(t, 10, 1)).isEqualTo(clean.get(t, 10, 1));
        }
    }

    @Test
    void grossErrorsLandInsideThePersonBoxAndMissingJointsStayMissing() {
        Keypoints2d clean = Samples.keypoints(50, 50);
        float[] c = clean.confidences();
        c[5] = 0f;
        Keypoints2d k = clean.withPixels(clean.pixels(), c);
        Occluded<Keypoints2d> r = new DetectorNoise(0, 1, 0).apply(k, 7);
        int moved = 0;
        for (int t = 0; t < 50; t++) {
            for (int j = 0; j < 17; j++) {
                if (t == 0 && j == 5) {
                    assertThat(r.data().isValid(t, j)).isFalse();
                    continue;
                }
                assertThat(r.data().get(t, j, 0)).isBetween(400f + 2 * t, 400f + 2 * t + 80);
                assertThat(r.data().get(t, j, 1)).isBetween(300f, 460f);
                moved += r.data().get(t, j, 1) != k.get(t, j, 1) ? 1 : 0;
            }
        }
        assertThat(moved).isGreaterThan(800);
        assertThat(r.mask().hiddenCount()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> step = ((List<Map<String, Object>>) r.data().provenance().get("steps")).get(0);
        assertThat(step).containsEntry("mode", "noise").containsEntry("seed", 7L).containsEntry("gross_errors", 849);
    }

    @Test
    void deterministicForASeed() {
        Keypoints2d k = Samples.keypoints(100, 50);
        assertThat(DetectorNoise.DEFAULT.apply(k, 5).data().pixels()).isEqualTo(DetectorNoise.DEFAULT.apply(k, 5).data().pixels())
                .isNotEqualTo(DetectorNoise.DEFAULT.apply(k, 6).data().pixels());
    }

    @Test
    void refuses3d() {
        assertThatThrownBy(() -> DetectorNoise.DEFAULT.apply(Samples.motion(3, 50, CoordinateFrame.CAMERA), 0))
                .isInstanceOf(PosettaException.class).hasMessageContaining("2D keypoints");
    }
}
