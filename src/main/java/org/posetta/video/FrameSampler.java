package org.posetta.video;

/**
 * Resamples a rotated square of a frame into a network's n × n RGB input by bilinear
 * interpolation, black outside the frame, with channel values mapped linearly from [0, 255] to
 * [lo, hi].
 */
final class FrameSampler {
    private FrameSampler() {
    }

    /** Fills {@code out} (n·n·3, HWC) with the square {@code region} of {@code frame}. */
    static void sample(VideoFrame frame, PoseRegion region, int n, float lo, float hi, float[] out) {
        int w = frame.width();
        int h = frame.height();
        byte[] rgb = frame.rgb();
        double cos = Math.cos(region.rotation());
        double sin = Math.sin(region.rotation());
        double step = region.size() / n;
        float scale = (hi - lo) / 255f;
        int o = 0;
        for (int j = 0; j < n; j++) {
            double dy = (j + 0.5) * step - region.size() / 2;
            for (int i = 0; i < n; i++) {
                double dx = (i + 0.5) * step - region.size() / 2;
                // pixel centres sit at integer + ½, so shift to array indices before interpolating
                double x = region.cx() + dx * cos - dy * sin - 0.5;
                double y = region.cy() + dx * sin + dy * cos - 0.5;
                int x0 = (int) Math.floor(x);
                int y0 = (int) Math.floor(y);
                float fx = (float) (x - x0);
                float fy = (float) (y - y0);
                for (int c = 0; c < 3; c++) {
                    float v00 = at(rgb, w, h, x0, y0, c);
                    float v10 = at(rgb, w, h, x0 + 1, y0, c);
                    float v01 = at(rgb, w, h, x0, y0 + 1, c);
                    float v11 = at(rgb, w, h, x0 + 1, y0 + 1, c);
                    float v = (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
                    out[o++] = lo + v * scale;
                }
            }
        }
    }

    private static float at(byte[] rgb, int w, int h, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0f;
        }
        return rgb[(y * w + x) * 3 + c] & 0xff;
    }
}
