package org.posetta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.posetta.adapt.refine.Refiner;
import org.posetta.adapt.semantic.Labels;
import org.posetta.adapt.semantic.SemanticAdaptation;
import org.posetta.adapt.semantic.SemanticAdapter;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;

/** The facade's lift, adapt and refine on a real clip: Human3.6M S1 (a training subject), one camera. */
class PosettaAdaptersTest {
    @Test
    void liftsRealKeypointsAndRefinesAGapAwayTheSameWayTwice() {
        Path folder = Human36m.find().orElse(null);
        Assumptions.assumeTrue(folder != null, "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        Human36m.Sequence s = Human36m.load(folder, List.of("S1")).sequence("S1", "Walking", "54138969").slice(0, 250);
        Motion3d lifted = Posetta.lift(s.groundTruth2d());
        assertThat(lifted.frames()).isEqualTo(250);
        assertThat(Posetta.evaluate(lifted, s.positions3d()).mpjpeMm()).isLessThan(100);

        // Half a second without 2D, as under an occluder: no per-frame estimate there.
        float[] confidence = s.groundTruth2d().confidences();
        for (int i = 100 * 17; i < 125 * 17; i++) {
            confidence[i] = 0;
        }
        Keypoints2d hidden = s.groundTruth2d().withPixels(s.groundTruth2d().pixels(), confidence);
        Motion3d gappy = Posetta.lift(hidden);
        assertThat(gappy.isFrameComplete(110)).isFalse();

        Refiner.Options quick = Refiner.Options.DEFAULTS.withEpochs(5);
        Motion3d refined = Posetta.refine(gappy, quick).motion();
        assertThat(refined.invalidCount()).isZero();
        assertThat(refined.isFilled(110, 3)).isTrue();
        assertThat(refined.isFilled(20, 3)).isFalse();
        assertThat(Posetta.evaluate(refined, s.positions3d()).mpjpeMm()).isLessThan(150);
        assertThat(Posetta.refine(gappy, quick).motion().positions()).as("same input, same output").isEqualTo(refined.positions());
    }

    @Test
    void adaptsTheLifterToAClipWithZeroShotOrGivenLabels() {
        Path folder = Human36m.find().orElse(null);
        Assumptions.assumeTrue(folder != null, "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        Human36m.Sequence s = Human36m.load(folder, List.of("S1")).sequence("S1", "Walking", "54138969").slice(0, 120);
        Keypoints2d k = s.groundTruth2d();
        SemanticAdaptation.Settings quick = SemanticAdapter.defaults(0).withCycles(2);

        SemanticAdaptation.Result zeroShot = Posetta.adapt(k, null, quick);
        assertThat(zeroShot.cycles()).hasSize(2);
        Motion3d m = zeroShot.motion();
        assertThat(m.frames()).isEqualTo(120);
        assertThat(m.invalidCount()).isZero();
        assertThat(m.provenance().toString()).contains("semantics-aware");
        assertThat(Posetta.evaluate(m, s.positions3d()).mpjpeMm()).isLessThan(100);

        SemanticAdaptation.Result walking = Posetta.adapt(k, Labels.constant("a person walks", 120), quick);
        assertThat(walking.cycles().get(1).meanCosine()).as("the alignment loss ran").isFinite();
        assertThat(Posetta.adapt(k, Labels.constant("a person walks", 120), quick).motion().positions())
                .as("same input, same output").isEqualTo(walking.motion().positions());
    }

    @Test
    void refineFromFourThreadsAtOnceGivesTheSerialResults() throws Exception {
        Path folder = Human36m.find().orElse(null);
        Assumptions.assumeTrue(folder != null, "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        Human36m data = Human36m.load(folder, List.of("S1"));
        List<Motion3d> inputs = new ArrayList<>();
        for (String action : List.of("Walking", "Eating", "Greeting", "Phoning")) {
            inputs.add(Posetta.lift(data.sequence("S1", action, "60457274").groundTruth2d().slice(0, 150)));
        }
        Refiner.Options quick = Refiner.Options.DEFAULTS.withEpochs(2);
        List<float[]> serial = new ArrayList<>();
        for (Motion3d m : inputs) {
            serial.add(Posetta.refine(m, quick).motion().positions());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> parallel = new ArrayList<>();
            for (Motion3d m : inputs) {
                parallel.add(pool.submit(() -> Posetta.refine(m, quick).motion().positions()));
            }
            for (int i = 0; i < inputs.size(); i++) {
                assertThat(parallel.get(i).get()).as("input %d", i).isEqualTo(serial.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
