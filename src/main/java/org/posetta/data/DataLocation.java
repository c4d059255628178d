package org.posetta.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the real datasets live (Human3.6M, Bandai-Namco, DeepMimic, test videos): the system
 * property {@code posetta.data}, else the environment variable {@code POSETTA_DATA}, else
 * {@code ../shared/data} relative to the working directory.
 */
public final class DataLocation {
    private DataLocation() {
    }

    /** The configured folder, whether or not it exists. */
    public static Path root() {
        String p = System.getProperty("posetta.data");
        if (p == null || p.isBlank()) {
            p = System.getenv("POSETTA_DATA");
        }
        if (p == null || p.isBlank()) {
            p = "../shared/data";
        }
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** A sub-folder of the data root, if it exists. */
    public static Optional<Path> find(String child) {
        Path p = root().resolve(child);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }
}
