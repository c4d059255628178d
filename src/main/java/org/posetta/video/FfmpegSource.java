package org.posetta.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.posetta.pose.PosettaException;

/**
 * Decodes through Debian's {@code ffmpeg}: {@code ffprobe} reads the stream's size, rate, frame
 * count and rotation, then {@code ffmpeg} writes raw RGB frames to a pipe. ffmpeg applies the
 * rotation tag itself, so the probed size is swapped for ±90° rotations.
 */
final class FfmpegSource implements VideoSource {
    /** Frames a container's count may exceed the decodable ones by without calling the file damaged. */
    private static final int COUNT_TOLERANCE = 2;

    private static Boolean available;

    private final VideoInfo info;
    private final Process process;
    private final InputStream pixels;
    private final StderrTail stderr;
    private final int maxFrames;
    private int read;
    private String damage;

    private FfmpegSource(VideoInfo info, Process process, StderrTail stderr, int maxFrames) {
        this.info = info;
        this.process = process;
        this.pixels = process.getInputStream();
        this.stderr = stderr;
        this.maxFrames = maxFrames;
    }

    /** True when {@code ffmpeg} and {@code ffprobe} run on this machine. */
    static synchronized boolean available() {
        if (available == null) {
            available = runs("ffmpeg") && runs("ffprobe");
        }
        return available;
    }

    private static boolean runs(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static FfmpegSource open(Path file, int maxFrames) {
        VideoInfo info = probe(file);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", file.toString(), "-an",
                "-f", "rawvideo", "-pix_fmt", "rgb24"));
        if (maxFrames > 0) {
            cmd.addAll(List.of("-frames:v", Integer.toString(maxFrames)));
        }
        cmd.add("-");
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            return new FfmpegSource(info, p, new StderrTail(p.getErrorStream()), maxFrames);
        } catch (IOException e) {
            throw new PosettaException("Cannot start ffmpeg to decode " + file + " (" + e.getMessage()
                    + "): check that 'ffmpeg' runs from this shell.", e);
        }
    }

    private static VideoInfo probe(Path file) {
        List<String> cmd = List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=width,height,r_frame_rate,avg_frame_rate,nb_frames:stream_tags=rotate:stream_side_data=rotation",
                "-of", "json", file.toString());
        String out;
        String err;
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            StderrTail tail = new StderrTail(p.getErrorStream());
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            err = tail.text();
        } catch (IOException e) {
            throw new PosettaException("Cannot run ffprobe on " + file + " (" + e.getMessage()
                    + "): check that 'ffprobe' runs from this shell.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PosettaException("Interrupted while probing " + file + ".", e);
        }
        JsonNode stream;
        try {
            stream = new ObjectMapper().readTree(out).path("streams").path(0);
        } catch (IOException e) {
            stream = null;
        }
        if (stream == null || !stream.has("width") || stream.path("width").asInt() <= 0) {
            String why = err.isBlank() ? "it has no video stream" : err.strip().lines().reduce((a, b) -> b).orElse("");
            throw new PosettaException(file + " is not a video ffmpeg can read (" + why
                    + "): give a video file such as MP4, MOV, AVI or MKV.");
        }
        int w = stream.path("width").asInt();
        int h = stream.path("height").asInt();
        double fps = rate(stream.path("avg_frame_rate").asText());
        if (!(fps > 0)) {
            fps = rate(stream.path("r_frame_rate").asText());
        }
        if (!(fps > 0)) {
            throw new PosettaException(file + " declares no frame rate: re-encode it with a constant frame rate.");
        }
        int rotation = stream.path("tags").path("rotate").asInt(0);
        for (JsonNode side : stream.path("side_data_list")) {
            if (side.has("rotation")) {
                rotation = side.path("rotation").asInt();
            }
        }
        if (Math.floorMod(rotation, 180) == 90) {
            int t = w;
            w = h;
            h = t;
        }
        int declared = stream.path("nb_frames").asInt(-1);
        return new VideoInfo(file, w, h, fps, declared > 0 ? declared : -1, "ffmpeg");
    }

    private static double rate(String fraction) {
        String[] parts = fraction.split("/");
        try {
            double num = Double.parseDouble(parts[0]);
            double den = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return den > 0 ? num / den : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public VideoInfo info() {
        return info;
    }

    @Override
    public VideoFrame next() {
        if (damage != null || process == null) {
            return null;
        }
        int size = info.width() * info.height() * 3;
        byte[] rgb;
        try {
            rgb = pixels.readNBytes(size);
        } catch (IOException e) {
            damage = "reading the decoder's output failed (" + e.getMessage() + ")";
            return null;
        }
        if (rgb.length == size) {
            return new VideoFrame(read++, info.width(), info.height(), rgb);
        }
        finish(rgb.length);
        return null;
    }

    private void finish(int leftover) {
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        int expected = info.declaredFrames() < 0 ? -1
                : maxFrames > 0 ? Math.min(maxFrames, info.declaredFrames()) : info.declaredFrames();
        if (expected > 0 && read < expected - COUNT_TOLERANCE) {
            damage = "its header declares " + expected + " frames but only " + read + " could be decoded";
        } else if (exit != 0 && read == 0) {
            damage = "ffmpeg failed: " + stderr.lastLine();
        } else if (leftover > 0 && read == 0) {
            damage = "it ended inside the first frame";
        } else {
            damage = "";
        }
    }

    @Override
    public String damage() {
        return damage == null || damage.isEmpty() ? null : damage;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            pixels.close();
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // the process is gone; nothing left to release
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drains a process's stderr in the background so that it never blocks, keeping the text. */
    private static final class StderrTail {
        private final StringBuilder text = new StringBuilder();
        private final Thread thread;

        StderrTail(InputStream in) {
            thread = new Thread(() -> {
                try (in) {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (text) {
                            if (text.length() < 65536) {
                                text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // the process closed its end; what was read is kept
                }
            }, "ffmpeg-stderr");
            thread.setDaemon(true);
            thread.start();
        }

        String text() {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (text) {
                return text.toString();
            }
        }

        String lastLine() {
            return text().strip().lines().reduce((a, b) -> b).orElse("no message");
        }
    }
}
