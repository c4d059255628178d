package org.posetta.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.Provenance;

class FlipTest {
    private static final int J = Layout.H36M17.size();
    private static final int FRAMES = 4;

    private static Motion3d motion() {
        Random random = new Random(1);
        float[] xyz = new float[FRAMES * J * 3];
        boolean[] valid = new boolean[FRAMES * J];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < valid.length; i++) {
            valid[i] = random.nextInt(4) != 0;
        }
        return new Motion3d(Layout.H36M17, 50, CoordinateFrame.CAMERA, xyz, valid, Provenance.EMPTY);
    }

    @Test
    void negatesXAndSwapsLeftAndRight() {
        Motion3d in = motion();
        Motion3d out = Flip.horizontal(in);
        int leftWrist = Layout.H36M17.indexOf("left_wrist");
        int rightWrist = Layout.H36M17.indexOf("right_wrist");
        int head = Layout.H36M17.indexOf("head");
        for (int t = 0; t < FRAMES; t++) {
            assertThat(out.isValid(t, leftWrist)).isEqualTo(in.isValid(t, rightWrist));
            assertThat(out.get(t, leftWrist, 0)).isEqualTo(-in.get(t, rightWrist, 0));
            assertThat(out.get(t, leftWrist, 1)).isEqualTo(in.get(t, rightWrist, 1));
            assertThat(out.get(t, rightWrist, 2)).isEqualTo(in.get(t, leftWrist, 2));
            assertThat(out.get(t, head, 0)).isEqualTo(-in.get(t, head, 0));
            assertThat(out.get(t, head, 2)).isEqualTo(in.get(t, head, 2));
        }
    }

    @Test
    void flippingTwiceIsTheIdentity() {
        Motion3d in = motion();
        Motion3d twice = Flip.horizontal(Flip.horizontal(in));
        assertThat(twice.positions()).containsExactly(in.positions());
        assertThat(twice.validity()).containsExactly(in.validity());
        assertThat(Flip.horizontal(in).positions()).isNotEqualTo(in.positions());
    }

    @Test
    void flipsPixelsSoThatScreenNormalisedXChangesSign() {
        Random random = new Random(2);
        int width = 1000;
        float[] uv = new float[FRAMES * J * 2];
        float[] confidence = new float[FRAMES * J];
        for (int i = 0; i < confidence.length; i++) {
            uv[2 * i] = random.nextInt(width);
            uv[2 * i + 1] = random.nextInt(800);
            confidence[i] = random.nextInt(5) == 0 ? 0 : random.nextFloat() * 0.9f + 0.1f;
        }
        Keypoints2d in = new Keypoints2d(Layout.H36M17, 50, width, 800, uv, confidence, Provenance.EMPTY);
        Keypoints2d out = Flip.horizontal(in);
        int[] perm = Layout.H36M17.flipPermutation();
        for (int t = 0; t < FRAMES; t++) {
            for (int j = 0; j < J; j++) {
                assertThat(out.confidence(t, j)).isEqualTo(in.confidence(t, perm[j]));
                if (in.isValid(t, perm[j])) {
                    double xIn = in.get(t, perm[j], 0) / (double) width * 2 - 1;
                    double xOut = out.get(t, j, 0) / (double) width * 2 - 1;
                    assertThat(xOut).isCloseTo(-xIn, within(1e-9));
                    assertThat(out.get(t, j, 1)).isEqualTo(in.get(t, perm[j], 1));
                }
            }
        }
        Keypoints2d twice = Flip.horizontal(out);
        assertThat(twice.pixels()).containsExactly(in.pixels());
        assertThat(twice.confidences()).containsExactly(in.confidences());
    }
}
