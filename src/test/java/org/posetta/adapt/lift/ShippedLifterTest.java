package org.posetta.adapt.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.posetta.data.Human36m;
import org.posetta.metrics.ActionTable;
import org.posetta.metrics.PoseMetrics;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

/** The shipped lifter reaches its card's figure on the card's subset; skipped without the data. */
class ShippedLifterTest {
    @Test
    @SuppressWarnings("unchecked")
    void shippedModelReachesItsCardFigure() {
        Optional<Path> folder = Human36m.find();
        assumeTrue(folder.isPresent(), "Human3.6M not found under the data location: skipping the shipped-model check");
        try (DiffusionLifter lifter = DiffusionLifter.shipped("diffusion-lifter-s1")) {
            Map<String, Object> figure = (Map<String, Object>) lifter.card().get("benchmark");
            double mpjpe = ((Number) figure.get("mpjpe_mm")).doubleValue();
            Human36m data = Human36m.load(folder.get(), Human36m.TEST_SUBJECTS);
            List<PoseSequence> test = new ArrayList<>();
            for (PoseSequence s : PoseSequence.fromHuman36m(data, Human36m.TEST_SUBJECTS, List.of("60457274"), 5, false)) {
                test.add(s.head(27));
            }
            DiffusionLifter.Sampling sampling = new DiffusionLifter.Sampling(5, 1, 1.0, DiffusionLifter.Aggregation.JOINT, 1);
            List<DiffusionLifter.Lifted> lifted = lifter.lift(test, sampling);
            ActionTable table = new ActionTable();
            for (int i = 0; i < test.size(); i++) {
                PoseSequence s = test.get(i);
                table.add(s.actionClass(), PoseMetrics.evaluate(motion(s, lifted.get(i).positions()), motion(s, s.positions())));
            }
            assertThat(table.actionMean().mpjpeMm()).isCloseTo(mpjpe, within(0.5));
        }
    }

    private static Motion3d motion(PoseSequence s, float[] xyz) {
        return new Motion3d(Layout.H36M17, s.fps(), CoordinateFrame.CAMERA, xyz, null, null);
    }
}
