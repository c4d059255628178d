package org.posetta.adapt.semantic;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.posetta.io.FuzzInputs;

/**
 * {@link Labels#read} on arbitrary bytes, for a video of 300 frames: the labels load, or a
 * {@link org.posetta.pose.PosettaException} says why not; any other exception, a hang or running
 * out of memory is a finding (see {@code org.posetta.io.ReaderFuzzTest} and {@code scripts/fuzz.sh}).
 */
class LabelsFuzzTest {
    @FuzzTest
    void labelFile(byte[] bytes) {
        Path file = FuzzInputs.file("labels.json", bytes);
        FuzzInputs.expectPosettaOrNothing(() -> Labels.read(file, 300));
    }
}
