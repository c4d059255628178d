package org.posetta.io;

import java.util.Optional;
import org.posetta.pose.Layout;

/**
 * What a reader cannot learn from some files: the layout of a bare array, the frame rate, the
 * image size of pixel coordinates. Empty values mean "take it from the file, else the default".
 * {@code maxArrayBytes} caps the bytes of arrays a NumPy file may decode to; empty means 64 times
 * the file's size, at most 8 GiB (see {@link ArrayBudget}).
 */
public record ReadOptions(Optional<Layout> layout, Optional<Double> fps, Optional<int[]> imageSize,
        Optional<Long> maxArrayBytes) {
    public static final ReadOptions DEFAULTS = new ReadOptions(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /** Frame rate assumed where neither the file nor the options give one. */
    public static final double DEFAULT_FPS = 50.0;

    public ReadOptions withLayout(Layout l) {
        return new ReadOptions(Optional.of(l), fps, imageSize, maxArrayBytes);
    }

    public ReadOptions withFps(double f) {
        return new ReadOptions(layout, Optional.of(f), imageSize, maxArrayBytes);
    }

    public ReadOptions withImageSize(int width, int height) {
        return new ReadOptions(layout, fps, Optional.of(new int[] {width, height}), maxArrayBytes);
    }

    /** Allows a NumPy file to decode to at most {@code bytes} of arrays, whatever its own size. */
    public ReadOptions withMaxArrayBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxArrayBytes must be positive: " + bytes);
        }
        return new ReadOptions(layout, fps, imageSize, Optional.of(bytes));
    }
}
