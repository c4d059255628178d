package org.posetta.video;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.posetta.data.DataLocation;

/** The test videos under the data folder; tests that need them or ffmpeg are skipped where absent. */
public final class VideoData {
    private VideoData() {
    }

    /** {@code video/NAME} of the data folder, skipping the test when it or ffmpeg is missing. */
    public static Path require(String name) {
        Path p = DataLocation.root().resolve("video").resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "test video " + p + " is absent: set posetta.data to the shared data folder");
        Assumptions.assumeTrue(FfmpegSource.available(), "ffmpeg is not installed: apt-get install ffmpeg");
        return p;
    }
}
