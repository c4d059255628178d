package org.posetta.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.posetta.pose.PosettaException;

/**
 * A video decoded frame by frame. {@link #open} uses Debian's {@code ffmpeg} through a pipe where
 * it is installed and falls back to pure-Java JCodec (H.264 in MP4 or MOV only) where it is not.
 */
public interface VideoSource extends AutoCloseable {
    VideoInfo info();

    /** The next frame, or {@code null} at the end of the stream. */
    VideoFrame next();

    /**
     * Why decoding stopped early, or {@code null} when every declared frame was read. Meaningful
     * once {@link #next} has returned {@code null}.
     */
    String damage();

    @Override
    void close();

    /**
     * Opens {@code file}, reading at most {@code maxFrames} frames (all when ≤ 0).
     *
     * @throws PosettaException when the file is missing, unreadable, or no decoder can read it
     */
    static VideoSource open(Path file, int maxFrames) {
        if (!Files.isRegularFile(file)) {
            throw new PosettaException(file + " does not exist or is not a file: check the path to the video.");
        }
        if (!Files.isReadable(file)) {
            throw new PosettaException(file + " cannot be read: check its permissions.");
        }
        if (FfmpegSource.available()) {
            return FfmpegSource.open(file, maxFrames);
        }
        try {
            return JcodecSource.open(file, maxFrames);
        } catch (IOException | RuntimeException e) {
            throw new PosettaException("Cannot decode " + file + " without ffmpeg (the built-in decoder reads only H.264"
                    + " in MP4 or MOV): install ffmpeg with 'apt-get install ffmpeg' or convert the video to H.264 MP4.", e);
        }
    }
}
