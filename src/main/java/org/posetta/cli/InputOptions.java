package org.posetta.cli;

import java.nio.file.Path;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.ReadOptions;
import org.posetta.pose.Layout;
import picocli.CommandLine.Option;

/** How to read an input file: what a file cannot say about itself. Mixed into the reading commands. */
final class InputOptions {
    @Option(names = "--in-format", paramLabel = "F",
            description = "Read the input as format F instead of recognising it by name and content.")
    String format;

    @Option(names = "--in-layout", paramLabel = "L", converter = Converters.LayoutConverter.class,
            description = "Joint layout of an input that stores bare arrays (e.g. h36m17, mpii16, coco17).")
    Layout layout;

    @Option(names = "--fps", paramLabel = "HZ", converter = Converters.PositiveConverter.class, description = "Frame rate of an input that does not store one (default 50).")
    Double fps;

    @Option(names = "--image-size", paramLabel = "WxH", converter = Converters.ImageSizeConverter.class,
            description = "Image size in pixels of 2D input that does not store one.")
    Converters.ImageSize imageSize;

    ReadOptions readOptions() {
        ReadOptions o = ReadOptions.DEFAULTS;
        if (layout != null) {
            o = o.withLayout(layout);
        }
        if (fps != null) {
            o = o.withFps(fps);
        }
        if (imageSize != null) {
            o = o.withImageSize(imageSize.width(), imageSize.height());
        }
        return o;
    }

    PoseFile read(Path path) {
        return Formats.read(path, readOptions(), format);
    }
}
