package org.posetta.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.posetta.io.Formats;
import org.posetta.io.ReadOptions;
import org.posetta.pose.JointMap;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * Bandai-Namco-Research-Motiondataset-1 (CC BY-NC 4.0): BVH clips of one actor, each labelled
 * with a content (walk, bow, punch, ...) and a style (normal, happy, tired, ...). A clip is a
 * {@code data/NAME.json} ({@code {"content": i, "style": j}}, 0-based indices into
 * {@code cfg/content_label.txt} and {@code cfg/style_label.txt}) with its {@code data/NAME.bvh};
 * a label file names {@code dataset-1_walk}, of which the part after {@code dataset-1_} is the
 * label. Clips load as H36M-17, metres, 30 fps, Y up.
 */
public final class Bandai {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One clip.
     *
     * @param name    the file stem, e.g. {@code dataset-1_walk_normal_001}
     * @param content what the actor does, e.g. {@code walk}
     * @param style   how, e.g. {@code tired}
     * @param file    the BVH file
     */
    public record Clip(String name, String content, String style, Path file) {
    }

    private final List<String> contents;
    private final List<String> styles;
    private final List<Clip> clips;

    private Bandai(List<String> contents, List<String> styles, List<Clip> clips) {
        this.contents = List.copyOf(contents);
        this.styles = List.copyOf(styles);
        this.clips = List.copyOf(clips);
    }

    /** The dataset under the data root ({@link DataLocation}), if it is there. */
    public static Optional<Bandai> find() {
        return DataLocation.find("bandai").map(Bandai::open);
    }

    /** The dataset in {@code folder} (holding {@code cfg/} and {@code data/}). */
    public static Bandai open(Path folder) {
        List<String> contents = labels(folder.resolve("cfg/content_label.txt"));
        List<String> styles = labels(folder.resolve("cfg/style_label.txt"));
        List<Clip> clips = new ArrayList<>();
        Path data = folder.resolve("data");
        try (Stream<Path> files = Files.list(data)) {
            for (Path json : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String name = json.getFileName().toString().replaceFirst("\\.json$", "");
                Path bvh = data.resolve(name + ".bvh");
                if (Files.isRegularFile(bvh)) {
                    JsonNode label = JSON.readTree(json.toFile());
                    clips.add(new Clip(name, label(contents, label.path("content"), json, "content"),
                            label(styles, label.path("style"), json, "style"), bvh));
                }
            }
        } catch (IOException e) {
            throw new PosettaException("Cannot read the Bandai-Namco clips in " + data + " (" + e.getMessage()
                    + "): check the dataset folder.", e);
        }
        return new Bandai(contents, styles, clips);
    }

    /** The clips that have both their BVH and their label file, by name. */
    public List<Clip> clips() {
        return clips;
    }

    /** Content labels in index order ({@code walk}, {@code run}, ...). */
    public List<String> contents() {
        return contents;
    }

    /** Style labels in index order ({@code normal}, {@code happy}, ...). */
    public List<String> styles() {
        return styles;
    }

    /**
     * The clip as H36M-17 ({@link JointMap#toCanonical} of {@link Layout#BANDAI22}), metres, Y up,
     * with its name, content and style in the provenance.
     */
    public Motion3d load(Clip clip) {
        Motion3d m = Formats.read(clip.file(), ReadOptions.DEFAULTS.withLayout(Layout.BANDAI22), "bvh").motions().values()
                .iterator().next();
        return JointMap.toCanonical(Layout.BANDAI22).apply(m).withProvenance(m.provenance().with("dataset", "bandai")
                .with("clip", clip.name()).with("content", clip.content()).with("style", clip.style()));
    }

    static List<String> labels(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.replaceFirst("^dataset-\\d+_", "")).toList();
        } catch (IOException e) {
            throw new PosettaException("Cannot read the Bandai-Namco label file " + file + " (" + e.getMessage()
                    + "): give the dataset folder that holds cfg/ and data/.", e);
        }
    }

    private static String label(List<String> labels, JsonNode index, Path json, String what) {
        if (!index.canConvertToInt() || index.asInt() < 0 || index.asInt() >= labels.size()) {
            throw new PosettaException(json + " has no valid " + what + " index (0 to " + (labels.size() - 1)
                    + "): restore the file from the dataset.");
        }
        return labels.get(index.asInt());
    }
}
