package org.posetta.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonDetectorTest {
    @Test
    void anchorsCoverThreeGridsWithTwoTwoAndSixAnchorsPerCell() {
        float[] a = PersonDetector.anchors();
        assertThat(a).hasSize(2254 * 2);
        // first anchor: cell (0, 0) of the 28 × 28 grid
        assertThat(a[0]).isCloseTo(0.5f / 28, within(1e-7f));
        // the first 14 × 14 anchor follows 28² · 2 stride-8 anchors
        int k = 28 * 28 * 2;
        assertThat(a[2 * k]).isCloseTo(0.5f / 14, within(1e-7f));
        // the last anchor: cell (6, 6) of the 7 × 7 grid
        assertThat(a[a.length - 2]).isCloseTo(6.5f / 7, within(1e-7f));
        assertThat(a[a.length - 1]).isCloseTo(6.5f / 7, within(1e-7f));
    }

    @Test
    void weightedNmsAveragesOverlappingBoxesByScoreAndKeepsSeparateOnes() {
        double[] kp = new double[8];
        PersonDetection a = new PersonDetection(0.9, 0, 0, 10, 10, kp);
        PersonDetection b = new PersonDetection(0.6, 1, 1, 11, 11, kp);
        PersonDetection c = new PersonDetection(0.7, 50, 50, 60, 60, kp);
        List<PersonDetection> kept = PersonDetector.weightedNms(List.of(b, c, a));
        assertThat(kept).hasSize(2);
        assertThat(kept.get(0).score()).isEqualTo(0.9);
        // (0.9 · 0 + 0.6 · 1) / 1.5
        assertThat(kept.get(0).x0()).isCloseTo(0.4, within(1e-12));
        assertThat(kept.get(1).x0()).isEqualTo(50);
    }

    @Test
    void iouOfHalfOverlappingSquaresIsOneThird() {
        double[] kp = new double[8];
        PersonDetection a = new PersonDetection(1, 0, 0, 2, 2, kp);
        PersonDetection b = new PersonDetection(1, 1, 0, 3, 2, kp);
        assertThat(a.iou(b)).isCloseTo(1.0 / 3, within(1e-12));
    }
}
