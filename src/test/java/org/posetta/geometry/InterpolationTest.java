package org.posetta.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.Provenance;

class InterpolationTest {
    private static final int J = Layout.H36M17.size();

    /** Seven frames; joint 0 moves along x by 1 m per frame, joint 1 valid only at frames 2 and 4. */
    private static Motion3d gappy() {
        int frames = 7;
        float[] xyz = new float[frames * J * 3];
        boolean[] valid = new boolean[frames * J];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < J; j++) {
                int i = t * J + j;
                xyz[3 * i] = t + 10 * j;
                xyz[3 * i + 1] = -j;
                xyz[3 * i + 2] = 2 * t;
                valid[i] = j != 3;
            }
        }
        for (int t : new int[] {0, 2, 3, 5}) {
            valid[t * J] = false;
        }
        for (int t = 0; t < frames; t++) {
            valid[t * J + 1] = t == 2 || t == 4;
        }
        xyz[3 * (4 * J + 1)] = 50;
        return new Motion3d(Layout.H36M17, 50, CoordinateFrame.CAMERA, xyz, valid, Provenance.EMPTY);
    }

    @Test
    void fillsMiddleGapsLinearlyAndHoldsTheEnds() {
        Motion3d in = gappy();
        Motion3d out = Interpolation.fillGaps(in);

        // Joint 0 is linear in t, so interpolation reproduces it inside; frame 0 holds frame 1.
        assertThat(out.get(0, 0, 0)).isEqualTo(1f);
        assertThat(out.get(0, 0, 2)).isEqualTo(2f);
        for (int t = 1; t < 7; t++) {
            assertThat(out.get(t, 0, 0)).isCloseTo(t, within(1e-6f));
            assertThat(out.get(t, 0, 2)).isCloseTo(2 * t, within(1e-6f));
        }
        // Joint 1: x is 12 at frame 2 and 50 at frame 4, so 31 at frame 3; held before and after.
        assertThat(out.get(3, 1, 0)).isEqualTo(31f);
        assertThat(out.get(0, 1, 0)).isEqualTo(12f);
        assertThat(out.get(1, 1, 0)).isEqualTo(12f);
        assertThat(out.get(5, 1, 0)).isEqualTo(50f);
        assertThat(out.get(6, 1, 0)).isEqualTo(50f);
        assertThat(out.get(6, 1, 1)).isEqualTo(-1f);
    }

    @Test
    void aJointNeverValidStaysInvalidAndValidEntriesAreUntouched() {
        Motion3d in = gappy();
        Motion3d out = Interpolation.fillGaps(in);
        for (int t = 0; t < 7; t++) {
            assertThat(out.isValid(t, 3)).isFalse();
            for (int j = 0; j < J; j++) {
                if (j != 3) {
                    assertThat(out.isValid(t, j)).isTrue();
                }
                if (in.isValid(t, j)) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(out.get(t, j, c)).isEqualTo(in.get(t, j, c));
                    }
                }
            }
        }
        assertThat(out.invalidCount()).isEqualTo(7);
        assertThat(in.invalidCount()).isEqualTo(7 + 4 + 5);
        assertThat(out.layout()).isSameAs(in.layout());
        assertThat(out.fps()).isEqualTo(in.fps());
    }

    @Test
    void fillsKeypointsAndTheirConfidence() {
        int frames = 5;
        float[] uv = new float[frames * J * 2];
        float[] confidence = new float[frames * J];
        Arrays.fill(confidence, 0.9f);
        uv[2 * (1 * J)] = 100;
        uv[2 * (1 * J) + 1] = 40;
        confidence[J] = 0.2f;
        uv[2 * (4 * J)] = 160;
        uv[2 * (4 * J) + 1] = 10;
        confidence[4 * J] = 0.8f;
        for (int t : new int[] {0, 2, 3}) {
            confidence[t * J] = 0;
        }
        for (int t = 0; t < frames; t++) {
            confidence[t * J + 5] = 0;
        }
        Keypoints2d in = new Keypoints2d(Layout.H36M17, 50, 640, 480, uv, confidence, Provenance.EMPTY);

        Keypoints2d out = Interpolation.fillGaps(in);

        assertThat(out.get(0, 0, 0)).isEqualTo(100f);
        assertThat(out.confidence(0, 0)).isEqualTo(0.2f);
        assertThat(out.get(2, 0, 0)).isEqualTo(120f);
        assertThat(out.get(3, 0, 0)).isEqualTo(140f);
        assertThat(out.get(3, 0, 1)).isEqualTo(20f);
        assertThat(out.confidence(2, 0)).isCloseTo(0.4f, within(1e-6f));
        assertThat(out.confidence(3, 0)).isCloseTo(0.6f, within(1e-6f));
        for (int t = 0; t < frames; t++) {
            assertThat(out.isValid(t, 5)).isFalse();
        }
        assertThat(out.invalidCount()).isEqualTo(frames);
    }

    @Test
    void aCompleteSequenceIsUnchanged() {
        Motion3d full = Interpolation.fillGaps(gappy());
        Motion3d again = Interpolation.fillGaps(full);
        assertThat(again.positions()).containsExactly(full.positions());
        assertThat(again.validity()).containsExactly(full.validity());
    }
}
