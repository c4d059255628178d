package org.posetta.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.video.VideoFrame;
import org.posetta.video.VideoSource;

/**
 * A video of the original frames with the 2D keypoints drawn on them, next to the adapted 3D
 * skeleton seen from the camera (orthographic, root-centred, scaled to the panel). Written as
 * H.264 MP4 through ffmpeg's stdin where ffmpeg runs, else as an animated GIF.
 */
public final class SkeletonVideo {
    private SkeletonVideo() {
    }

    /**
     * Writes {@code base.mp4} (or {@code base.gif}) from {@code frames}, which must be the run's
     * video from its first frame; returns the file name written.
     */
    public static String write(RunReport run, VideoSource frames, Path base, IntConsumer progress) {
        int w = run.video().width();
        int h = run.video().height();
        // H.264 in yuv420p needs even sizes
        int outW = (2 * w + 1) / 2 * 2;
        int outH = (h + 1) / 2 * 2;
        String name = base.getFileName() + (ffmpegRuns() ? ".mp4" : ".gif");
        Path out = base.resolveSibling(name);
        try {
            if (name.endsWith(".mp4")) {
                writeMp4(run, frames, out, outW, outH, progress);
            } else {
                writeGif(run, frames, out, outW, outH, progress);
            }
        } catch (IOException e) {
            throw new PosettaException("Cannot write the skeleton video " + out + " (" + e.getMessage()
                    + "): choose a writable location with free space.", e);
        }
        return name;
    }

    private static boolean ffmpegRuns() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void writeMp4(RunReport run, VideoSource frames, Path out, int w, int h, IntConsumer progress)
            throws IOException {
        Process p = new ProcessBuilder(List.of("ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "bgr24",
                "-s", w + "x" + h, "-r", Double.toString(run.video().fps()), "-i", "-", "-c:v", "libx264",
                "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", out.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream pipe = p.getOutputStream()) {
            BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            VideoFrame f;
            for (int t = 0; t < run.keypoints().frames() && (f = frames.next()) != null; t++) {
                compose(run, f, t, canvas);
                pipe.write(((DataBufferByte) canvas.getRaster().getDataBuffer()).getData());
                progress.accept(t + 1);
            }
        }
        try {
            if (p.waitFor() != 0) {
                throw new IOException("ffmpeg could not encode the video");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void writeGif(RunReport run, VideoSource frames, Path out, int w, int h, IntConsumer progress)
            throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out.toFile())) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            int delay = (int) Math.max(1, Math.round(100 / run.video().fps()));
            VideoFrame f;
            for (int t = 0; t < run.keypoints().frames() && (f = frames.next()) != null; t++) {
                compose(run, f, t, canvas);
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(canvas), null);
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", Integer.toString(delay));
                control.setAttribute("transparentColorIndex", "0");
                root.appendChild(control);
                if (t == 0) {
                    IIOMetadataNode apps = new IIOMetadataNode("ApplicationExtensions");
                    IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
                    loop.setAttribute("applicationID", "NETSCAPE");
                    loop.setAttribute("authenticationCode", "2.0");
                    loop.setUserObject(new byte[] {1, 0, 0});
                    apps.appendChild(loop);
                    root.appendChild(apps);
                }
                meta.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(canvas, null, meta), null);
                progress.accept(t + 1);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** Draws frame {@code t}: the video frame with its 2D keypoints on the left, the adapted 3D on the right. */
    static void compose(RunReport run, VideoFrame frame, int t, BufferedImage canvas) {
        int w = frame.width();
        int h = frame.height();
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.drawImage(frame.toImage(), 0, 0, null);
        Keypoints2d k = run.keypoints();
        float stroke = Math.max(1.5f, h / 200f);
        g.setStroke(new BasicStroke(stroke));
        g.setColor(new Color(255, 200, 40));
        for (int[] bone : k.layout().bones()) {
            if (k.isValid(t, bone[0]) && k.isValid(t, bone[1])) {
                g.drawLine(Math.round(k.get(t, bone[0], 0)), Math.round(k.get(t, bone[0], 1)),
                        Math.round(k.get(t, bone[1], 0)), Math.round(k.get(t, bone[1], 1)));
            }
        }
        Motion3d m = run.after();
        int root = m.layout().root();
        double scale = h * 0.4; // pixels per metre: a 1.8 m person fills about 70 % of the height
        double cx = w + w / 2.0;
        double cy = h / 2.0;
        g.setColor(new Color(47, 111, 208));
        g.setStroke(new BasicStroke(stroke * 1.5f));
        for (int[] bone : m.layout().bones()) {
            if (m.isValid(t, bone[0]) && m.isValid(t, bone[1]) && m.isValid(t, root)) {
                g.drawLine((int) Math.round(cx + scale * (m.get(t, bone[0], 0) - m.get(t, root, 0))),
                        (int) Math.round(cy + scale * (m.get(t, bone[0], 1) - m.get(t, root, 1))),
                        (int) Math.round(cx + scale * (m.get(t, bone[1], 0) - m.get(t, root, 0))),
                        (int) Math.round(cy + scale * (m.get(t, bone[1], 1) - m.get(t, root, 1))));
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, h / 24)));
        g.drawString("frame " + t, w + 8, Math.max(12, h / 20));
        g.dispose();
    }
}
