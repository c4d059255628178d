package org.posetta.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.posetta.io.FuzzInputs;

/**
 * The dataset files that {@code org.posetta.data} parses itself, on arbitrary bytes: Bandai-Namco's
 * label files and per-clip label JSON, and Human3.6M's {@code cameras.json}. Each returns or throws
 * a {@link org.posetta.pose.PosettaException}; anything else is a finding (see {@code ReaderFuzzTest}).
 */
class DataFuzzTest {
    private static final byte[] CONTENTS = "dataset-1_walk\ndataset-1_run\ndataset-1_bow\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STYLES = "dataset-1_normal\ndataset-1_tired\n".getBytes(StandardCharsets.UTF_8);

    @FuzzTest
    void bandaiClipLabel(byte[] bytes) {
        Path dir = FuzzInputs.emptyDir();
        FuzzInputs.write(dir.resolve("cfg/content_label.txt"), CONTENTS);
        FuzzInputs.write(dir.resolve("cfg/style_label.txt"), STYLES);
        FuzzInputs.write(dir.resolve("data/dataset-1_walk_normal_001.json"), bytes);
        FuzzInputs.write(dir.resolve("data/dataset-1_walk_normal_001.bvh"), new byte[0]);
        FuzzInputs.expectPosettaOrNothing(() -> Bandai.open(dir));
    }

    @FuzzTest
    void bandaiLabelFile(byte[] bytes) {
        Path file = FuzzInputs.file("cfg/content_label.txt", bytes);
        FuzzInputs.expectPosettaOrNothing(() -> Bandai.labels(file));
    }

    @FuzzTest
    void cameras(byte[] bytes) {
        Path file = FuzzInputs.file("cameras.json", bytes);
        FuzzInputs.expectPosettaOrNothing(() -> Human36m.readCameras(file));
    }
}
