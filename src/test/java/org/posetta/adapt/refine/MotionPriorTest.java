package org.posetta.adapt.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.nn.DstFormerConfig;
import org.posetta.pose.Layout;
import org.posetta.pose.PosettaException;

class MotionPriorTest {
    @TempDir
    Path dir;

    @Test
    void theBundledPriorMatchesItsCard() {
        try (MotionPrior prior = MotionPrior.bundled()) {
            assertThat(((Number) prior.card().get("parameters")).longValue()).isEqualTo(prior.config().parameterCount());
            assertThat(prior.fps()).isEqualTo(10.0);
            assertThat(prior.card().get("licence").toString()).contains("non-commercial");
            float[] input = new float[20 * 17 * PriorInput.CHANNELS];
            for (float v : prior.infer(input, 20, Layout.H36M17)) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        }
    }

    @Test
    void savedWeightsLoadBackExactly() {
        Path file = dir.resolve("p.safetensors");
        float[] input = new float[9 * 17 * PriorInput.CHANNELS];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(i);
        }
        try (MotionPrior a = MotionPrior.create(new DstFormerConfig(4, 3, 17, 9, 8, 1, 2, 2, 8), 10, 3)) {
            a.save(file, Map.of("name", "t"));
            try (MotionPrior b = MotionPrior.load(file)) {
                assertThat(b.infer(input, 9, Layout.H36M17)).containsExactly(a.infer(input, 9, Layout.H36M17));
                assertThat(b.card().get("name")).isEqualTo("t");
            }
        }
    }

    @Test
    void aDamagedFileIsRejectedWithItsName() throws Exception {
        Path file = dir.resolve("broken.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> MotionPrior.load(file)).isInstanceOf(PosettaException.class).hasMessageContaining("broken");
    }
}
