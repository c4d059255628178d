package org.posetta.nn;

import ai.djl.ndarray.NDManager;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.Random;
import org.posetta.io.FuzzInputs;

/**
 * {@link Checkpoint#load} on arbitrary bytes: the weights load, or a
 * {@link org.posetta.pose.PosettaException} says why not; any other exception, a hang or running
 * out of memory is a finding (see {@code org.posetta.io.ReaderFuzzTest} and {@code scripts/fuzz.sh}).
 */
class CheckpointFuzzTest {
    private static final NDManager MANAGER = NDManager.newBaseManager();

    @FuzzTest
    void safetensors(byte[] bytes) {
        Path file = FuzzInputs.file("model.safetensors", bytes);
        try (Parameters p = new Parameters(MANAGER)) {
            new Linear(p, "fc", 3, 4, true, new Random(1));
            new LayerNorm(p, "norm", 4);
            FuzzInputs.expectPosettaOrNothing(() -> Checkpoint.load(file, p));
        }
    }
}
