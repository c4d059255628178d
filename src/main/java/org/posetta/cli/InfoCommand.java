package org.posetta.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.concurrent.Callable;
import org.posetta.io.FileMeta;
import org.posetta.io.PoseFile;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code posetta info FILE}: what a pose file holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Shows what a pose file holds.",
            "Format, sequences and subjects, layouts, frames, frame rates, missing and filled joints,",
            "coordinate frame and axes, units, and provenance.", "Example:", "  posetta info data_3d_h36m.npz", ""})
final class InfoCommand implements Callable<Integer> {
    /** Sequences listed before the rest is summarised. */
    private static final int SHOWN = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to describe.")
    Path file;

    @Option(names = "--all", description = "List every sequence (by default the first " + SHOWN + ").")
    boolean all;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        PoseFile data = input.read(file);
        PrintWriter out = spec.commandLine().getOut();
        int n = data.motions().size() + data.keypoints().size();
        out.printf(Locale.ROOT, "%s: %s, %d sequence%s (%d 3D, %d 2D)%n", file, data.format(), n, n == 1 ? "" : "s",
                data.motions().size(), data.keypoints().size());
        LinkedHashSet<String> subjects = new LinkedHashSet<>();
        data.motions().keySet().forEach(k -> subject(k, subjects));
        data.keypoints().keySet().forEach(k -> subject(k, subjects));
        if (!subjects.isEmpty()) {
            out.println("subjects: " + String.join(" ", subjects));
        }
        long frames = 0;
        long joints = 0;
        long missing = 0;
        int shown = 0;
        for (Map.Entry<String, Motion3d> e : data.motions().entrySet()) {
            Motion3d m = e.getValue();
            frames += m.frames();
            joints += (long) m.frames() * m.joints();
            missing += m.invalidCount();
            if (all || shown++ < SHOWN) {
                out.printf(Locale.ROOT, "  %s  3D %s, %d frames at %s fps (%.1f s), %s frame, %d of %d joints invalid,"
                        + " %d filled%s%n", e.getKey(), m.layout().id(), m.frames(), rate(m.fps()), m.frames() / m.fps(),
                        m.coordinateFrame().id(), m.invalidCount(), m.frames() * m.joints(), m.filledCount(),
                        m.hasUncertainty() ? ", with uncertainty" : "");
            }
        }
        for (Map.Entry<String, Keypoints2d> e : data.keypoints().entrySet()) {
            Keypoints2d k = e.getValue();
            frames += k.frames();
            joints += (long) k.frames() * k.joints();
            missing += k.invalidCount();
            if (all || shown++ < SHOWN) {
                out.printf(Locale.ROOT, "  %s  2D %s, %d frames at %s fps (%.1f s), %dx%d px, %d of %d joints missing%n",
                        e.getKey(), k.layout().id(), k.frames(), rate(k.fps()), k.frames() / k.fps(), k.width(), k.height(),
                        k.invalidCount(), k.frames() * k.joints());
            }
        }
        if (shown > SHOWN && !all) {
            out.println("  ... and " + (shown - SHOWN) + " more (list them with --all)");
        }
        out.printf(Locale.ROOT, "total: %d frames, %d of %d joints (%.2f %%) missing%n", frames, missing, joints,
                joints == 0 ? 0.0 : 100.0 * missing / joints);
        // what the numbers mean, once per kind of sequence, and where the first sequence came from
        LinkedHashSet<String> kinds = new LinkedHashSet<>();
        data.motions().values().forEach(m -> kinds.add(meaning(FileMeta.of(m))));
        data.keypoints().values().forEach(k -> kinds.add(meaning(FileMeta.of(k))));
        kinds.forEach(out::println);
        Map<String, Object> first = !data.motions().isEmpty() ? FileMeta.of(data.motions().values().iterator().next())
                : FileMeta.of(data.keypoints().values().iterator().next());
        try {
            out.println("provenance" + (n > 1 ? " (first sequence)" : "") + ": " + JSON.writeValueAsString(first.get("provenance")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("provenance holds only JSON values", e);
        }
        return 0;
    }

    private static String meaning(Map<String, Object> meta) {
        return meta.get("kind") + ": " + meta.get("coordinate_frame") + " frame (" + meta.get("axes") + "), " + meta.get("units");
    }

    /** Dataset files name sequences {@code SUBJECT/ACTION[/CAMERA]}. */
    private static void subject(String sequence, LinkedHashSet<String> subjects) {
        int slash = sequence.indexOf('/');
        if (slash > 0) {
            subjects.add(sequence.substring(0, slash));
        }
    }

    private static String rate(double fps) {
        return fps == Math.rint(fps) ? String.valueOf((long) fps) : String.format(Locale.ROOT, "%.3f", fps);
    }
}
