package org.posetta.adapt.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.posetta.data.Human36m;
import org.posetta.geometry.Resampling;
import org.posetta.nn.DstFormerConfig;
import org.posetta.nn.GarbagePressure;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

class RefinerTest {
    private static final DstFormerConfig SMALL = new DstFormerConfig(4, 3, 17, 27, 16, 1, 2, 2, 32);
    private static MotionPrior prior;

    @BeforeAll
    static void createPrior() {
        prior = MotionPrior.create(SMALL, 10, 1);
    }

    @AfterAll
    static void closePrior() {
        prior.close();
    }

    /** A walking-like synthetic motion: a skeleton swinging its limbs, 10 fps. */
    private static Motion3d synthetic(int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] base = new float[17 * 3];
        for (int i = 0; i < base.length; i++) {
            base[i] = (float) (r.nextDouble() - 0.5);
        }
        float[] xyz = new float[frames * 51];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < 51; i++) {
                xyz[t * 51 + i] = base[i] + (float) (0.1 * Math.sin(0.3 * t + i)) + (i % 3 == 2 ? 4 : 0);
            }
        }
        return new Motion3d(Layout.H36M17, 10, CoordinateFrame.CAMERA, xyz, null, Provenance.EMPTY);
    }

    /** {@code m} with every joint of frames {@code from} (inclusive) to {@code to} (exclusive) missing. */
    private static Motion3d withGap(Motion3d m, int from, int to) {
        boolean[] valid = m.validity();
        Arrays.fill(valid, from * 17, to * 17, false);
        return m.withPositions(m.positions(), valid);
    }

    @Test
    void aLongGapComesBackWithEveryFrameValidAndMarkedFilled() {
        Refinement r = new Refiner(prior, Refiner.Options.DEFAULTS.withEpochs(1)).refine(withGap(synthetic(60, 2), 10, 36));
        assertThat(r.motion().invalidCount()).isZero();
        assertThat(r.motion().frames()).isEqualTo(60);
        assertThat(r.motion().filledCount()).isEqualTo(26 * 17);
        assertThat(r.losses()).hasSize(1);
        assertThat(r.stopped()).isNull();
        for (float v : r.motion().positions()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        assertThat(r.motion().provenance().toString()).contains("refine");
    }

    @Test
    void maskedTestTimeTrainingSeesOtherInputsAndStillReturnsEveryFrame() {
        Motion3d gappy = withGap(synthetic(60, 6), 20, 36);
        Refinement plain = new Refiner(prior, Refiner.Options.DEFAULTS.withEpochs(2)).refine(gappy);
        Refinement masked = new Refiner(prior, Refiner.Options.DEFAULTS.withEpochs(2).withMaskShare(1)).refine(gappy);
        Refinement again = new Refiner(prior, Refiner.Options.DEFAULTS.withEpochs(2).withMaskShare(1)).refine(gappy);
        assertThat(masked.losses()).hasSize(2).isNotEqualTo(plain.losses());
        assertThat(again.losses()).isEqualTo(masked.losses());
        assertThat(masked.motion().invalidCount()).isZero();
        assertThat(masked.motion().filledCount()).isEqualTo(16 * 17);
        assertThatThrownBy(() -> Refiner.Options.DEFAULTS.withMaskShare(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGapWeightChangesTheLossOnlyWhereFramesAreUnobserved() {
        Motion3d gappy = withGap(synthetic(60, 7), 20, 36);
        Motion3d whole = synthetic(60, 7);
        Refiner.Options one = Refiner.Options.DEFAULTS.withEpochs(1).withGapWeight(1);
        Refiner.Options none = Refiner.Options.DEFAULTS.withEpochs(1).withGapWeight(0);
        assertThat(new Refiner(prior, none).refine(gappy).losses()).isNotEqualTo(new Refiner(prior, one).refine(gappy).losses());
        assertThat(new Refiner(prior, none).refine(whole).losses()).isEqualTo(new Refiner(prior, one).refine(whole).losses());
        assertThatThrownBy(() -> Refiner.Options.DEFAULTS.withGapWeight(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSequenceAtAnotherRateIsRefinedAtThePriorsRateAndComesBackFrameForFrame() {
        Motion3d m = synthetic(45, 5);
        Motion3d at30 = new Motion3d(Layout.H36M17, 30, CoordinateFrame.CAMERA, m.positions(), null, Provenance.EMPTY);
        Refinement r = new Refiner(prior, Refiner.Options.DEFAULTS.withEpochs(1)).refine(at30);
        assertThat(r.motion().frames()).isEqualTo(45);
        assertThat(r.motion().fps()).isEqualTo(30);
        assertThat(r.motion().invalidCount()).isZero();
        assertThat(Resampling.frames(45, 3)).isEqualTo(15);
        float[] x = {0, 3, 6, 9};
        assertThat(Resampling.linear(Resampling.linear(x, 4, 1, 0.5, 7), 7, 1, 2, 4)).containsExactly(x);
    }

    @Test
    void aSequenceWithNothingObservedIsRejected() {
        Motion3d m = synthetic(20, 3);
        Motion3d empty = m.withPositions(m.positions(), new boolean[20 * 17]);
        assertThatThrownBy(() -> new Refiner(prior, Refiner.Options.DEFAULTS.withEpochs(1)).refine(empty))
                .isInstanceOf(PosettaException.class).hasMessageContaining("nothing to refine");
    }

    @Test
    void flipAveragingIsExactlySymmetricOnASymmetricInput() {
        int frames = 12;
        float[] input = new float[frames * 17 * PriorInput.CHANNELS];
        SplittableRandom r = new SplittableRandom(4);
        int[] perm = Layout.H36M17.flipPermutation();
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < 17; j++) {
                int i = (t * 17 + j) * PriorInput.CHANNELS;
                if (perm[j] == j) {
                    input[i] = 0;
                    input[i + 1] = (float) r.nextDouble();
                    input[i + 2] = (float) r.nextDouble();
                } else if (perm[j] > j) {
                    int k = (t * 17 + perm[j]) * PriorInput.CHANNELS;
                    input[i] = (float) r.nextDouble();
                    input[k] = -input[i];
                    input[i + 1] = input[k + 1] = (float) r.nextDouble();
                    input[i + 2] = input[k + 2] = (float) r.nextDouble();
                }
                input[i + 3] = 1;
            }
        }
        assertThat(Mirror.flip(input, frames, Layout.H36M17, PriorInput.CHANNELS)).containsExactly(input, within(0f));
        float[] out = prior.infer(input, frames, Layout.H36M17);
        assertThat(Mirror.flip(out, frames, Layout.H36M17, 3)).containsExactly(out, within(1e-6f));
    }

    @Test
    void oneTestTimeEpochLowersTheLossOnARealClip() {
        Optional<Path> folder = Human36m.find();
        assumeTrue(folder.isPresent(), "Human3.6M data not found: skipping the real-clip test");
        Human36m data = Human36m.load(folder.get(), List.of("S1"));
        Motion3d camera = data.sequence("S1", "Walking", data.cameraIds("S1").get(0)).positions3d();
        float[] xyz = new float[27 * 51];
        for (int t = 0; t < 27; t++) {
            System.arraycopy(camera.positions(), t * 5 * 51, xyz, t * 51, 51);
        }
        Motion3d clip = new Motion3d(Layout.H36M17, 10, CoordinateFrame.CAMERA, xyz, null, Provenance.EMPTY);
        Refinement r = new Refiner(prior, Refiner.Options.DEFAULTS.withEpochs(2)).refine(clip);
        assertThat(r.losses()).hasSize(2);
        assertThat(r.losses().get(1)).isLessThan(r.losses().get(0));
    }

    @Test
    void testTimeTrainingRunsEveryEpochAndRepeatsExactlyWhileTheGarbageCollectorRuns() {
        Motion3d motion = synthetic(60, 4);
        Refiner refiner = new Refiner(prior, Refiner.Options.DEFAULTS.withEpochs(6));
        try (GarbagePressure pressure = new GarbagePressure()) {
            Refinement first = refiner.refine(motion);
            Refinement second = refiner.refine(motion);
            assertThat(first.stopped()).isNull();
            assertThat(first.losses()).hasSize(6).allSatisfy(l -> assertThat(l).isFinite());
            assertThat(second.losses()).isEqualTo(first.losses());
            assertThat(second.motion().positions()).isEqualTo(first.motion().positions());
        }
    }
}
