package org.posetta.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The DeepMimic humanoid motions (xbpeng/DeepMimic, MIT): {@code motions/humanoid3d_NAME.txt}
 * with the character {@code characters/humanoid3d.txt}. The clip's label is its name
 * ({@code walk}, {@code backflip}, ...). Clips load as H36M-17, metres, Y up, at each clip's
 * own rate (see {@link org.posetta.io.DeepMimicFormat}).
 */
public final class DeepMimic {
    private static final String PREFIX = "humanoid3d_";

    /**
     * One clip.
     *
     * @param name the motion's name, e.g. {@code walk} for {@code humanoid3d_walk.txt}
     * @param file the motion file
     */
    public record Clip(String name, Path file) {
    }

    private final List<Clip> clips;

    private DeepMimic(List<Clip> clips) {
        this.clips = List.copyOf(clips);
    }

    /** The dataset under the data root ({@link DataLocation}), if it is there. */
    public static Optional<DeepMimic> find() {
        return DataLocation.find("deepmimic").map(DeepMimic::open);
    }

    /** The dataset in {@code folder} (holding {@code motions/} and {@code characters/}). */
    public static DeepMimic open(Path folder) {
        Path motions = folder.resolve("motions");
        try (Stream<Path> files = Files.list(motions)) {
            return new DeepMimic(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(PREFIX) && n.endsWith(".txt")).sorted()
                    .map(n -> new Clip(n.substring(PREFIX.length(), n.length() - 4), motions.resolve(n))).toList());
        } catch (IOException e) {
            throw new PosettaException("Cannot list the DeepMimic motions in " + motions + " (" + e.getMessage()
                    + "): give the folder that holds motions/ and characters/.", e);
        }
    }

    /** The clips, by name. */
    public List<Clip> clips() {
        return clips;
    }

    /** The clip with this name ({@code walk}, ...). */
    public Clip clip(String name) {
        return clips.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new PosettaException(
                "No DeepMimic clip '" + name + "': use one of " + clips.stream().map(Clip::name).toList() + "."));
    }

    /**
     * The clip as H36M-17 ({@link JointMap#toCanonical} of {@link Layout#DEEPMIMIC15}), with its
     * name in the provenance.
     */
    public Motion3d load(Clip clip) {
        Motion3d m = Formats.read(clip.file(), ReadOptions.DEFAULTS, "deepmimic").motions().values().iterator().next();
        return JointMap.toCanonical(Layout.DEEPMIMIC15).apply(m)
                .withProvenance(m.provenance().with("dataset", "deepmimic").with("clip", clip.name()));
    }
}
