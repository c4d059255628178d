package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearTest {
    @Test
    void computesAffineMapWithWeightOutByIn() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            Linear fc = new Linear(p, "fc", 3, 2, true, new Random(1));
            p.get("fc.weight").set(new float[] {1, 2, 3, 4, 5, 6});
            p.get("fc.bias").set(new float[] {0.5f, -1});
            float[] y = fc.forward(m.create(new float[] {1, 0, -1}, new Shape(1, 3)), false).toFloatArray();
            assertThat(y).containsExactly(1 - 3 + 0.5f, 4 - 6 - 1);
        }
    }

    @Test
    void loraStartsAsTheBaseLayerAndTrainsWithTheBaseFrozen() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            Random rng = new Random(7);
            Linear fc = new Linear(p, "fc", 8, 4, true, rng);
            NDArray x = p.uniform(new Random(3), 1, 16, 8);
            float[] before = fc.forward(x, false).toFloatArray();
            float[] baseWeight = p.get("fc.weight").toFloatArray();
            float[] baseBias = p.get("fc.bias").toFloatArray();

            fc.enableLora(2, 2, rng);
            assertThat(fc.forward(x, false).toFloatArray()).containsExactly(before);
            assertThat(p.trainable().keySet()).containsExactly("fc.lora_a", "fc.lora_b");

            NDArray target = p.uniform(new Random(4), 1, 16, 4);
            double first = Double.NaN;
            double last = Double.NaN;
            try (AdamW opt = new AdamW(p.trainable(), LrSchedule.constant(1e-2), AdamW.Settings.DEFAULTS)) {
                TrainingLoop loop = new TrainingLoop(m, opt);
                for (int i = 0; i < 50; i++) {
                    last = loop.step((step, k) -> fc.forward(x, true).sub(target).square().mean()).loss();
                    if (i == 0) {
                        first = last;
                    }
                }
            }
            assertThat(last).isLessThan(first * 0.9);
            assertThat(p.get("fc.weight").toFloatArray()).containsExactly(baseWeight);
            assertThat(p.get("fc.bias").toFloatArray()).containsExactly(baseBias);
            assertThat(fc.forward(x, false).toFloatArray()[0]).isNotCloseTo(before[0], within(1e-6f));
        }
    }
}
