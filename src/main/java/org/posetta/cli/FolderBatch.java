package org.posetta.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.posetta.io.Formats;
import org.posetta.pipeline.Batch;
import org.posetta.pipeline.Progress;
import org.posetta.pose.PosettaException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A command given a folder instead of a file: runs itself on every file of the folder as a
 * {@link Batch}, prints the summary table and exits 1 if any item failed. A command wires it in
 * with the child arguments of one item and the name of the item's 3D result.
 */
final class FolderBatch {
    private FolderBatch() {
    }

    /**
     * @param jobs    the {@code --jobs} option, or null for one per core
     * @param accepts which files of {@code folder} are items
     * @param kind    what the items are, for messages ("videos", "keypoint files")
     */
    static int run(CommandSpec spec, Path folder, Predicate<Path> accepts, String kind, Path out, Integer jobs,
            Batch.Action action) {
        Batch.Summary s = Batch.run(new Batch.Options(folder, accepts, kind, out, jobs(spec, jobs), Main.class.getName(), action),
                Progress.to(spec.commandLine().getErr()));
        PrintWriter console = spec.commandLine().getOut();
        s.table().forEach(console::println);
        console.println("wrote " + out.resolve(Batch.SUMMARY_FILE));
        console.flush();
        return s.count(Batch.Status.FAILED) == 0 ? 0 : 1;
    }

    /** The number of jobs: the option's, checked, or one per core. */
    /** A folder whose files are the inputs, as opposed to one OpenPose output folder (a file per frame). */
    static boolean isFolderOfFiles(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try {
            Formats.recognise(path);
            return false;
        } catch (PosettaException notOneSequence) {
            return true;
        }
    }

    static int jobs(CommandSpec spec, Integer jobs) {
        if (jobs != null && jobs < 1) {
            throw new ParameterException(spec.commandLine(), "--jobs must be at least 1, not " + jobs + ".");
        }
        return jobs != null ? jobs : Batch.defaultJobs();
    }
}
