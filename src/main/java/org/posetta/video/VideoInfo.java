package org.posetta.video;

import java.nio.file.Path;

/**
 * What a video's container says about it, before decoding.
 *
 * @param file           the video file
 * @param width          displayed frame width in pixels (after the rotation tag is applied)
 * @param height         displayed frame height in pixels
 * @param fps            frames per second
 * @param declaredFrames the frame count the container declares, or -1 where it gives none; a
 *                       damaged file may hold fewer
 * @param decoder        which decoder reads it ({@code ffmpeg} or {@code jcodec})
 */
public record VideoInfo(Path file, int width, int height, double fps, int declaredFrames, String decoder) {
}
