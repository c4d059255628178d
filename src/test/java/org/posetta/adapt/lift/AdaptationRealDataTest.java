package org.posetta.adapt.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.posetta.data.Human36m;

/** PoSynDA's adaptation on a small real target (Human3.6M S5 ground-truth 2D); skipped without the data. */
class AdaptationRealDataTest {
    @Test
    void adaptationLowersTheTargetReprojectionError() {
        Optional<Path> folder = Human36m.find();
        assumeTrue(folder.isPresent(), "Human3.6M not found under the data location: skipping the real-data adaptation test");
        assumeTrue(DiffusionLifter.class.getResource("/models/diffusion-lifter-s1.safetensors") != null,
                "the shipped diffusion-lifter-s1 is not built: skipping");
        Human36m data = Human36m.load(folder.get(), List.of("S5"));
        List<PoseSequence> target = new ArrayList<>();
        for (PoseSequence s : PoseSequence.fromHuman36m(data, List.of("S5"), List.of("60457274"), 5, false).subList(0, 4)) {
            target.add(s.head(54));
        }
        DiffusionLifter.Sampling sampling = DiffusionLifter.Sampling.DEFAULT.withHypotheses(3);
        try (DiffusionLifter lifter = DiffusionLifter.shipped("diffusion-lifter-s1")) {
            double before = reprojectionError(lifter, target, sampling);
            Adaptation.adapt(lifter, List.of(), target, Adaptation.Settings.full(10, 4, 1e-3, 3), line -> { });
            double after = reprojectionError(lifter, target, sampling);
            assertThat(after).isLessThan(before);
        }
    }

    @Test
    void adaptationIsBitIdenticalForTheSameSeed() {
        Optional<Path> folder = Human36m.find();
        assumeTrue(folder.isPresent(), "Human3.6M not found under the data location: skipping the real-data adaptation test");
        Human36m data = Human36m.load(folder.get(), List.of("S5"));
        List<PoseSequence> target = new ArrayList<>();
        for (PoseSequence s : PoseSequence.fromHuman36m(data, List.of("S5"), List.of("60457274"), 5, false).subList(0, 2)) {
            target.add(s.head(54));
        }
        DiffusionLifter.Sampling sampling = DiffusionLifter.Sampling.DEFAULT.withHypotheses(3);
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            try (DiffusionLifter lifter = DiffusionLifter.shipped("diffusion-lifter-s1")) {
                Adaptation.adapt(lifter, List.of(), target, Adaptation.Settings.full(6, 2, 1e-3, 5), line -> { });
                runs[r] = lifter.lift(target, sampling).get(1).positions();
            }
        }
        assertThat(runs[1]).containsExactly(runs[0]);
    }

    /** Mean pixel distance between the 2D and the lifted pose placed at the root solved from it. */
    private static double reprojectionError(DiffusionLifter lifter, List<PoseSequence> target, DiffusionLifter.Sampling s) {
        double sum = 0;
        int n = 0;
        List<DiffusionLifter.Lifted> lifted = lifter.lift(target, s);
        for (int i = 0; i < target.size(); i++) {
            PoseSequence t = target.get(i);
            float[] e = new Hypotheses(new float[][] {lifted.get(i).positions()}, PoseSequence.JOINTS)
                    .reprojectionErrors(t.pixels(), t.confidence(), t.camera())[0];
            for (float v : e) {
                if (Float.isFinite(v)) {
                    sum += v;
                    n++;
                }
            }
        }
        return sum / n;
    }
}
