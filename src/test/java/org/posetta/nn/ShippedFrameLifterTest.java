package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;

/** The model in the jar: loads, carries its card, and reaches the card's validation figure on real data. */
class ShippedFrameLifterTest {
    @Test
    @SuppressWarnings("unchecked")
    void loadsWithItsCardAndLicence() {
        try (FrameLifterModel model = FrameLifterModel.shipped()) {
            Map<String, Object> card = model.card();
            assertThat(card).containsKeys("architecture", "data", "command", "seed", "steps", "wall_seconds", "threads", "validation");
            assertThat((String) card.get("licence")).contains("non-commercial research");
            assertThat(card.get("complete")).isEqualTo(true);
            assertThat(((Map<String, Object>) card.get("data")).get("subjects").toString()).doesNotContain("S9").doesNotContain("S11");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void reachesTheCardsValidationFigureOnTheHeldOutCamera() {
        Path folder = Human36m.find().orElse(null);
        Assumptions.assumeTrue(folder != null, "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        try (FrameLifterModel model = FrameLifterModel.shipped()) {
            Map<String, Object> validation = (Map<String, Object>) model.card().get("validation");
            String subset = (String) validation.get("subset");
            String subject = subset.split(" ")[0];
            String camera = subset.split(" ")[2].replace(",", "");
            Human36m data = Human36m.load(folder, List.of(subject));
            // A fifth of the card's subset (every 50th frame instead of every 10th), for speed.
            List<Human36m.Sequence> sequences = new ArrayList<>();
            for (String action : data.actions(subject)) {
                sequences.add(data.sequence(subject, action, camera));
            }
            LiftingSamples held = LiftingSamples.of(sequences, 50);
            double[] mm = FrameLifterTrainer.validate(model::lift, held);
            assertThat(mm[0]).isCloseTo(((Number) validation.get("mpjpe_mm_gt2d")).doubleValue(), within(2.0));
            assertThat(mm[1]).isCloseTo(((Number) validation.get("mpjpe_mm_detections")).doubleValue(), within(2.0));
        }
    }
}
