package org.posetta.adapt.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.posetta.data.Human36m;
import org.posetta.nn.FrameLifterModel;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;

/** The adaptation on a real clip of a training subject: 60 frames at 10 fps with the lower body hidden for 2 s. */
class SemanticAdaptationTest {
    private static Human36m.Sequence sequence;
    private static Keypoints2d occluded;

    @BeforeAll
    static void load() {
        Optional<Path> folder = Human36m.find();
        assumeTrue(folder.isPresent(), "Human3.6M data not found: skipping the semantic adaptation tests");
        sequence = Human36m.load(folder.get(), List.of("S8")).sequence("S8", "Walking 1", "54138969");
        Keypoints2d det = JointMap.toCanonical(Layout.MPII16).apply(sequence.detections());
        int frames = 60;
        float[] uv = new float[frames * 17 * 2];
        float[] c = new float[frames * 17];
        for (int t = 0; t < frames; t++) {
            System.arraycopy(det.pixels(), t * 5 * 34, uv, t * 34, 34);
            for (int j = 0; j < 17; j++) {
                boolean leg = j >= 1 && j <= 6;
                c[t * 17 + j] = leg && t >= 20 && t < 40 ? 0 : det.confidence(t * 5, j);
            }
        }
        occluded = new Keypoints2d(Layout.H36M17, 10, det.width(), det.height(), uv, c, det.provenance());
    }

    private static SemanticAdaptation.Result run(SemanticAdaptation.Settings s) {
        try (FrameLifterModel lifter = FrameLifterModel.shipped(); MotionDenoiser denoiser = MotionDenoiser.shipped();
                MotionTextModel text = MotionTextModel.shipped()) {
            return new SemanticAdaptation(lifter, denoiser, text, s, line -> { })
                    .adapt(occluded, sequence.camera(), Canonicalisation.upOf(sequence.camera()),
                            Labels.constant(ActionSentences.forH36mAction("Walking 1"), occluded.frames()));
        }
    }

    @Test
    void sameSeedGivesBitIdenticalOutputAndEveryFrameAnEstimate() {
        SemanticAdaptation.Settings s = SemanticAdaptation.Settings.full(1, 0.7, 0.5, 3).withCycles(2);
        SemanticAdaptation.Result a = run(s);
        SemanticAdaptation.Result b = run(s);
        assertThat(a.motion().positions()).containsExactly(b.motion().positions());
        assertThat(a.motion().frames()).isEqualTo(60);
        assertThat(a.motion().invalidCount()).isZero();
        // Joints without 2D evidence are marked as filled by the adapter.
        assertThat(a.motion().isFilled(25, 2)).isTrue();
        assertThat(a.motion().isFilled(5, 2)).isFalse();
        assertThat(a.cycles()).hasSize(2);
        assertThat(a.cycles().get(0).meanCosine()).isBetween(-1.0, 1.0);
        SemanticAdaptation.Result other = run(s.withSeed(4));
        assertThat(other.motion().positions()).isNotEqualTo(a.motion().positions());
    }

    @Test
    void fillInFollowsTheThreshold() {
        SemanticAdaptation.Settings s = SemanticAdaptation.Settings.full(1, 0.7, 0, 0).withCycles(1);
        SemanticAdaptation.Result all = run(s.withTau(-1.01));
        // Every hidden leg joint of the 20 occluded frames is filled, and only those.
        assertThat(all.filledCount()).isEqualTo(20 * 6);
        assertThat(all.filled()[25 * 17 + 3]).isTrue();
        assertThat(all.present()).doesNotContain(false);
        SemanticAdaptation.Result none = run(s.withTau(1.01));
        assertThat(none.filledCount()).isZero();
        assertThat(none.present()[25 * 17 + 3]).isFalse();
    }

    @Test
    void zeroShotLabelsGiveEveryFrameADictionarySentence() {
        try (SemanticAdapter adapter = new SemanticAdapter(SemanticAdapter.defaults(0), ActionSentences.dictionary())) {
            Labels labels = adapter.selfLabels(occluded);
            assertThat(labels.frames()).isEqualTo(60);
            for (int t = 0; t < 60; t++) {
                assertThat(ActionSentences.dictionary()).contains(labels.at(t));
            }
            // A frame takes the sentence most of its segments chose, so labels come in runs, not frame by frame.
            int changes = 0;
            for (int t = 1; t < 60; t++) {
                changes += labels.at(t).equals(labels.at(t - 1)) ? 0 : 1;
            }
            assertThat(changes).isLessThan(10);
        }
    }

    @Test
    void cycleAdaptAloneNeedsNoLabels() {
        try (FrameLifterModel lifter = FrameLifterModel.shipped(); MotionDenoiser denoiser = MotionDenoiser.shipped()) {
            SemanticAdaptation.Result r = new SemanticAdaptation(lifter, denoiser, null, SemanticAdaptation.Settings.cycleAdapt(0)
                    .withCycles(2), line -> { }).adapt(occluded, sequence.camera(), Canonicalisation.CAMERA_UP, null);
            assertThat(r.cycles()).hasSize(2);
            assertThat(Double.isNaN(r.cycles().get(0).meanCosine())).isTrue();
            assertThat(r.filledCount()).isZero();
        }
    }
}
