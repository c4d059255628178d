package org.posetta.io;

import java.util.Optional;
import org.posetta.pose.Layout;

/**
 * What a reader cannot learn from some files: the layout of a bare array, the frame rate, the
 * image size of pixel coordinates. Empty values mean "take it from the file, else the default".
 */
public record ReadOptions(Optional<Layout> layout, Optional<Double> fps, Optional<int[]> imageSize) {
    public static final ReadOptions DEFAULTS = new ReadOptions(Optional.empty(), Optional.empty(), Optional.empty());

    /** Frame rate assumed where neither the file nor the options give one. */
    public static final double DEFAULT_FPS = 50.0;

    public ReadOptions withLayout(Layout l) {
        return new ReadOptions(Optional.of(l), fps, imageSize);
    }

    public ReadOptions withFps(double f) {
        return new ReadOptions(layout, Optional.of(f), imageSize);
    }

    public ReadOptions withImageSize(int width, int height) {
        return new ReadOptions(layout, fps, Optional.of(new int[] {width, height}));
    }
}
