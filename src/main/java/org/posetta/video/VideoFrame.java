package org.posetta.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * One decoded video frame: {@code width × height} pixels as interleaved 8-bit R, G, B bytes, row
 * by row from the top left. The array is shared, not copied: readers must not change it.
 *
 * @param index frame number from 0 in decoding order
 */
public record VideoFrame(int index, int width, int height, byte[] rgb) {
    public VideoFrame {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException(rgb.length + " bytes for a " + width + "x" + height + " RGB frame");
        }
    }

    /** The pixels of {@code image} (any type) as a frame. */
    public static VideoFrame of(int index, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                rgb[p] = (byte) (row[x] >> 16);
                rgb[p + 1] = (byte) (row[x] >> 8);
                rgb[p + 2] = (byte) row[x];
            }
        }
        return new VideoFrame(index, w, h, rgb);
    }

    /** A new image of this frame, {@link BufferedImage#TYPE_3BYTE_BGR}. */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return image;
    }
}
