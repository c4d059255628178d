package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameLifterTest {
    private static final FrameLifter.Architecture TINY = new FrameLifter.Architecture(48, 1, 0.0);

    @Test
    void outputsSeventeenJointsWithTheRootAtTheOrigin() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            FrameLifter net = new FrameLifter(p, TINY, 3);
            NDArray x = m.randomUniform(-1, 1, new Shape(5, 17, 3));
            float[] y = net.forward(x, false).toFloatArray();
            assertThat(y).hasSize(5 * 17 * 3);
            for (int b = 0; b < 5; b++) {
                assertThat(new float[] {y[b * 51], y[b * 51 + 1], y[b * 51 + 2]}).containsExactly(0, 0, 0);
            }
        }
    }

    @Test
    void aMissingJointIsFlaggedNotReadAsCoordinates() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            FrameLifter net = new FrameLifter(p, TINY, 4);
            float[] in = new float[17 * 3];
            for (int j = 0; j < 17; j++) {
                in[j * 3] = 0.1f * j;
                in[j * 3 + 1] = -0.05f * j;
                in[j * 3 + 2] = 1;
            }
            float[] missing = in.clone();
            missing[5 * 3 + 2] = 0;
            float[] elsewhere = missing.clone();
            elsewhere[5 * 3] = 0.9f;
            elsewhere[5 * 3 + 1] = 0.7f;
            float[] a = net.lift(m, missing, 8);
            float[] b = net.lift(m, elsewhere, 8);
            float[] c = net.lift(m, in, 8);
            // Coordinates of a missing joint do not matter; its presence does.
            assertThat(a).containsExactly(b);
            assertThat(a).isNotEqualTo(c);
        }
    }

    @Test
    void learnsAFewRealisticPosesFromAugmentedSamples() {
        // 16 poses: a random skeleton-like 3D, its pinhole projection as 2D.
        int n = 16;
        Random rng = new Random(9);
        float[] target = new float[n * 48];
        float[] inputs = new float[n * 51];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 17; j++) {
                float x = j == 0 ? 0 : (float) rng.nextGaussian() * 0.3f;
                float y = j == 0 ? 0 : (float) rng.nextGaussian() * 0.5f;
                float z = j == 0 ? 0 : (float) rng.nextGaussian() * 0.2f;
                if (j > 0) {
                    target[(i * 16 + j - 1) * 3] = x;
                    target[(i * 16 + j - 1) * 3 + 1] = y;
                    target[(i * 16 + j - 1) * 3 + 2] = z;
                }
                inputs[(i * 17 + j) * 3] = x / (5 + z);
                inputs[(i * 17 + j) * 3 + 1] = y / (5 + z);
                inputs[(i * 17 + j) * 3 + 2] = 1;
            }
        }
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            FrameLifter net = new FrameLifter(p, new FrameLifter.Architecture(64, 1, 0.0), 5);
            float[] xy = new float[n * 34];
            for (int i = 0; i < n * 17; i++) {
                xy[i * 2] = inputs[i * 3];
                xy[i * 2 + 1] = inputs[i * 3 + 1];
            }
            net.inputStandardiser().fit(xy, null);
            net.outputStandardiser().fit(target, null);
            double[] first = {Double.NaN};
            double[] last = {Double.NaN};
            try (AdamW opt = new AdamW(p.trainable(), LrSchedule.warmupCosine(5e-3, 20, 300, 1e-5), AdamW.Settings.DEFAULTS)) {
                new TrainingLoop(m, opt).run(300, (step, k) -> {
                    NDArray x = step.create(inputs, new Shape(n, 17, 3));
                    NDArray y = step.create(target, new Shape(n, 16, 3));
                    NDArray pred = net.outputStandardiser().denormalise(net.forwardStandardised(x, true)).reshape(n, 16, 3);
                    return pred.sub(y).square().sum(new int[] {2}).add(1e-12f).sqrt().mean();
                }, r -> {
                    if (r.index() == 0) {
                        first[0] = r.loss();
                    }
                    last[0] = r.loss();
                });
            }
            assertThat(last[0]).isLessThan(first[0] * 0.1);
            assertThat(last[0]).isLessThan(0.05);
        }
    }

    @Test
    void augmentedBatchesAreSeededAndFlipConsistently() {
        // One hand-made sample: joint j at (0.01·j, 0.02·j) in 2D and (j, 2j, 3j) cm in 3D.
        float[] xy = new float[17 * 2];
        float[] xyz = new float[16 * 3];
        for (int j = 0; j < 17; j++) {
            xy[j * 2] = 0.01f * j;
            xy[j * 2 + 1] = 0.02f * j;
            if (j > 0) {
                xyz[(j - 1) * 3] = 0.01f * j;
                xyz[(j - 1) * 3 + 1] = 0.02f * j;
                xyz[(j - 1) * 3 + 2] = 0.03f * j;
            }
        }
        LiftingSamples s = LiftingSamples.ofArrays(xy, xy, xyz);
        LiftingSamples.Augmentation flipOnly = new LiftingSamples.Augmentation(0, 0, 0, 0, 0, 1);
        float[][] b = s.batch(new int[] {0}, flipOnly, 1);
        int[] flip = org.posetta.pose.Layout.H36M17.flipPermutation();
        for (int j = 0; j < 17; j++) {
            assertThat(b[0][j * 3]).isCloseTo(-0.01f * flip[j], within(1e-7f));
            assertThat(b[0][j * 3 + 1]).isCloseTo(0.02f * flip[j], within(1e-7f));
            if (j > 0) {
                assertThat(b[1][(j - 1) * 3]).isCloseTo(-0.01f * flip[j], within(1e-7f));
                assertThat(b[1][(j - 1) * 3 + 2]).isCloseTo(0.03f * flip[j], within(1e-7f));
            }
        }
        float[][] x1 = s.batch(new int[] {0, 0, 0}, LiftingSamples.Augmentation.DEFAULT, 7);
        float[][] x2 = s.batch(new int[] {0, 0, 0}, LiftingSamples.Augmentation.DEFAULT, 7);
        assertThat(x1[0]).containsExactly(x2[0]);
        assertThat(s.batch(new int[] {0, 0, 0}, LiftingSamples.Augmentation.DEFAULT, 8)[0]).isNotEqualTo(x1[0]);
    }
}
