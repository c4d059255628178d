package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.PosettaException;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryTensorBitForBitWithItsCard() {
        Path file = dir.resolve("tiny.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] saved;
            try (Parameters p = network(m, 1)) {
                p.get("fc.weight").set(new float[] {Float.MIN_VALUE, -0f, 1e-30f, Float.MAX_VALUE, (float) Math.PI, -1, 0, 2,
                    3, 4, 5, 6});
                Checkpoint.save(file, p, Map.of("architecture", "tiny", "steps", 3));
                saved = p.all().values().stream().map(a -> a.toFloatArray()).toArray(float[][]::new);
            }
            try (Parameters q = network(m, 2)) {
                Checkpoint.load(file, q);
                float[][] loaded = q.all().values().stream().map(a -> a.toFloatArray()).toArray(float[][]::new);
                for (int i = 0; i < saved.length; i++) {
                    for (int k = 0; k < saved[i].length; k++) {
                        assertThat(Float.floatToRawIntBits(loaded[i][k])).isEqualTo(Float.floatToRawIntBits(saved[i][k]));
                    }
                }
            }
        }
        assertThat(Checkpoint.readCard(dir.resolve("tiny.json"))).containsEntry("architecture", "tiny").containsEntry("steps", 3);
    }

    @Test
    void rejectsAnotherArchitectureAndGarbage() throws Exception {
        Path file = dir.resolve("a.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            try (Parameters p = network(m, 1)) {
                Checkpoint.save(file, p, Map.of());
            }
            try (Parameters wide = new Parameters(m)) {
                new Linear(wide, "fc", 3, 5, true, new Random(1));
                assertThatThrownBy(() -> Checkpoint.load(file, wide)).isInstanceOf(PosettaException.class)
                        .hasMessageContaining(file.toString()).hasMessageContaining("architecture");
            }
            Path junk = dir.resolve("junk.safetensors");
            Files.write(junk, new byte[] {1, 2, 3});
            try (Parameters p = network(m, 1)) {
                assertThatThrownBy(() -> Checkpoint.load(junk, p)).isInstanceOf(PosettaException.class)
                        .hasMessageContaining(junk.toString());
            }
        }
    }

    private static Parameters network(NDManager m, long seed) {
        Parameters p = new Parameters(m);
        new Linear(p, "fc", 3, 4, true, new Random(seed));
        new LayerNorm(p, "norm", 4);
        return p;
    }
}
