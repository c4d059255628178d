package org.posetta.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The temporary files and folders that outputs are written to before they are moved into place.
 * Ctrl-C or a kill (SIGINT, SIGTERM) ends the JVM without unwinding the writing thread, so a hook
 * removes whatever is still registered then; after a kill that runs no hook (SIGKILL, power loss)
 * the next write of the same output removes the leftovers. Either way the output itself was never
 * moved into place half-written.
 */
public final class TemporaryFiles {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(TemporaryFiles::deleteTree), "posetta-temporary-files"));
    }

    private TemporaryFiles() {
    }

    /** Removes {@code path} (a file or a folder tree) if the JVM exits before {@link #release} is called. */
    public static void register(Path path) {
        LIVE.add(path);
    }

    /** Deletes {@code path} (a file or a folder tree) now, if it still exists, and forgets it. */
    public static void release(Path path) {
        deleteTree(path);
        LIVE.remove(path);
    }

    /** Forgets {@code path} once it has been moved into place. */
    public static void published(Path path) {
        LIVE.remove(path);
    }

    /**
     * Deletes the hidden siblings of {@code target} named {@code .NAME<suffix...>} (by glob) that
     * an earlier, killed run left behind and no live writer of this JVM holds.
     */
    public static void removeLeftovers(Path target, String glob) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, "." + target.getFileName() + glob)) {
            for (Path p : stale) {
                if (!LIVE.contains(p)) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            // leftovers are hidden and harmless; the write itself reports real problems
        }
    }

    private static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a hidden leftover beside the results, removed by the next run
        }
    }
}
