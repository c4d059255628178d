package org.posetta.video;

import java.io.IOException;
import java.nio.file.Path;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.AWTUtil;

/**
 * Pure-Java decoding with JCodec, used where ffmpeg is not installed. It reads 8-bit 4:2:0
 * progressive H.264 in MP4 or MOV only, and ignores rotation tags.
 */
final class JcodecSource implements VideoSource {
    private final SeekableByteChannel channel;
    private final FrameGrab grab;
    private final VideoInfo info;
    private final int maxFrames;
    private VideoFrame pending;
    private int read;
    private String damage;

    private JcodecSource(SeekableByteChannel channel, FrameGrab grab, VideoInfo info, VideoFrame first, int maxFrames) {
        this.channel = channel;
        this.grab = grab;
        this.info = info;
        this.pending = first;
        this.maxFrames = maxFrames;
    }

    static JcodecSource open(Path file, int maxFrames) throws IOException {
        SeekableByteChannel channel = NIOUtils.readableChannel(file.toFile());
        try {
            FrameGrab grab = FrameGrab.createFrameGrab(channel);
            DemuxerTrackMeta meta = grab.getVideoTrack().getMeta();
            Picture picture = grab.getNativeFrame();
            if (picture == null) {
                throw new IOException("no video frame");
            }
            VideoFrame first = VideoFrame.of(0, AWTUtil.toBufferedImage(picture));
            int declared = meta.getTotalFrames();
            double fps = declared > 0 && meta.getTotalDuration() > 0 ? declared / meta.getTotalDuration() : 30;
            VideoInfo info = new VideoInfo(file, first.width(), first.height(), fps, declared > 0 ? declared : -1, "jcodec");
            return new JcodecSource(channel, grab, info, first, maxFrames);
        } catch (IOException | JCodecException | RuntimeException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    @Override
    public VideoInfo info() {
        return info;
    }

    @Override
    public VideoFrame next() {
        if (maxFrames > 0 && read >= maxFrames) {
            return null;
        }
        if (pending != null) {
            VideoFrame f = pending;
            pending = null;
            read++;
            return f;
        }
        try {
            Picture picture = grab.getNativeFrame();
            if (picture != null) {
                return VideoFrame.of(read++, AWTUtil.toBufferedImage(picture));
            }
        } catch (IOException | RuntimeException e) {
            damage = "decoding stopped at frame " + read + " (" + e.getMessage() + ")";
            return null;
        }
        int expected = maxFrames > 0 ? Math.min(maxFrames, info.declaredFrames()) : info.declaredFrames();
        if (expected > 0 && read < expected) {
            damage = "its header declares " + expected + " frames but only " + read + " could be decoded";
        }
        return null;
    }

    @Override
    public String damage() {
        return damage;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // a read-only channel; nothing to flush
        }
    }
}
