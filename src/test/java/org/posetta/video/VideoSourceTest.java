package org.posetta.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.PosettaException;

class VideoSourceTest {
    @Test
    void ffmpegReadsSizeRateAndEveryFrame() {
        try (VideoSource s = VideoSource.open(VideoData.require("empty_scene.avi"), 0)) {
            assertThat(s.info().width()).isEqualTo(640);
            assertThat(s.info().height()).isEqualTo(360);
            assertThat(s.info().fps()).isEqualTo(10.0);
            assertThat(s.info().declaredFrames()).isEqualTo(50);
            int n = 0;
            VideoFrame f;
            while ((f = s.next()) != null) {
                assertThat(f.index()).isEqualTo(n++);
                assertThat(f.rgb()).hasSize(640 * 360 * 3);
            }
            assertThat(n).isEqualTo(50);
            assertThat(s.damage()).isNull();
        }
    }

    @Test
    void aTruncatedFileIsReportedAsDamagedAfterItsReadableFrames() {
        try (VideoSource s = VideoSource.open(VideoData.require("truncated.avi"), 0)) {
            assertThat(s.info().declaredFrames()).isEqualTo(206);
            int n = 0;
            while (s.next() != null) {
                n++;
            }
            assertThat(n).isBetween(40, 43);
            assertThat(s.damage()).contains("206").contains(Integer.toString(n));
        }
    }

    @Test
    void maxFramesStopsEarlyWithoutCallingTheFileDamaged() {
        try (VideoSource s = VideoSource.open(VideoData.require("street_walk.avi"), 10)) {
            int n = 0;
            while (s.next() != null) {
                n++;
            }
            assertThat(n).isEqualTo(10);
            assertThat(s.damage()).isNull();
        }
    }

    @Test
    void aFileThatIsNotAVideoGetsAClearMessage(@TempDir Path dir) throws IOException {
        VideoData.require("empty_scene.avi");
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video");
        assertThatThrownBy(() -> VideoSource.open(text, 0)).isInstanceOf(PosettaException.class)
                .hasMessageContaining("notes.mp4").hasMessageContaining("not a video ffmpeg can read");
        assertThatThrownBy(() -> VideoSource.open(dir.resolve("missing.mp4"), 0)).isInstanceOf(PosettaException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void jcodecDecodesH264InMp4(@TempDir Path dir) throws Exception {
        Path src = VideoData.require("street_walk.avi");
        Path mp4 = dir.resolve("clip.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", src.toString(), "-frames:v", "12", "-c:v", "libx264",
                "-pix_fmt", "yuv420p", mp4.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        try (VideoSource j = JcodecSource.open(mp4, 0); VideoSource f = FfmpegSource.open(mp4, 0)) {
            assertThat(j.info().width()).isEqualTo(512);
            assertThat(j.info().height()).isEqualTo(288);
            VideoFrame a = j.next();
            VideoFrame b = f.next();
            long diff = 0;
            for (int i = 0; i < a.rgb().length; i++) {
                diff += Math.abs((a.rgb()[i] & 0xff) - (b.rgb()[i] & 0xff));
            }
            // the two decoders differ only in YUV→RGB rounding and chroma upsampling
            assertThat(diff / (double) a.rgb().length).isLessThan(3.0);
            int n = 1;
            while (j.next() != null) {
                n++;
            }
            assertThat(n).isEqualTo(12);
        }
    }
}
