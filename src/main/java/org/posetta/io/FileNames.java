package org.posetta.io;

import java.nio.file.Path;

/** Names derived from file paths. */
final class FileNames {
    private FileNames() {
    }

    /** The file name without its last extension: {@code walk.bvh} → {@code walk}. */
    static String stem(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
