package org.posetta.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * Biovision Hierarchy (BVH) motion capture files, read into a {@link Motion3d} by forward
 * kinematics (see {@link BvhClip} for the transform semantics), in the file's world axes.
 *
 * <p><b>Layout.</b> The skeleton must contain every joint of one known layout, by name (e.g. the
 * 22 joints of {@link Layout#BANDAI22}); the first such layout in {@link Layout#all()} is used, or
 * the one given in the options. Other joints and End Sites still move their children but are
 * not output. A skeleton that contains no known layout is refused with the names it should have.
 *
 * <p><b>Units.</b> BVH does not state its unit. It is inferred from the rest skeleton's span
 * {@code D}, the longest path between two nodes along the bones (summed OFFSET lengths; a person's
 * is about 1.1–1.4 times their height, hand to foot): {@code D < 6} metres, {@code D < 125}
 * inches, {@code D < 600} centimetres, else millimetres. So an adult in any of these units is read
 * right; a skeleton under about 1.05 m tall written in centimetres would be taken for inches. The
 * inferred unit is recorded in the provenance ({@code units}).
 *
 * <p><b>Writing</b> ({@link BvhWriter}): any 3D sequence becomes a skeleton with H36M-17's joint
 * names and per-joint rotations, Y-up, in centimetres or metres, which this reader reads back as
 * {@link Layout#H36M17}.
 *
 * <p><b>Frame rate.</b> {@code 1 / Frame Time}, snapped to a whole rate within 0.1%;
 * {@link ReadOptions#fps()} is not used, since the file states its rate.
 */
public final class BvhFormat implements PoseFormat {
    /** Unit thresholds on the rest span (file units) and the metres per unit they imply. */
    private static final double[] SPAN_LIMITS = {6, 125, 600, Double.POSITIVE_INFINITY};
    private static final double[] METRES_PER_UNIT = {1, 0.0254, 0.01, 0.001};
    private static final String[] UNIT_NAMES = {"metres", "inches", "centimetres", "millimetres"};

    @Override
    public String id() {
        return "bvh";
    }

    @Override
    public String description() {
        return "Biovision Hierarchy motion capture (3D, forward kinematics; e.g. Bandai-Namco)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".bvh") || new String(head, StandardCharsets.ISO_8859_1).stripLeading().startsWith("HIERARCHY");
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) throws IOException {
        BvhClip clip = BvhClip.read(path);
        List<BvhClip.Joint> nodes = clip.joints();
        Layout layout = options.layout().orElseGet(() -> matchLayout(path, nodes));
        int[] nodeOf = nodeIndices(path, nodes, layout);

        double span = clip.restSpan();
        int unit = 0;
        while (span >= SPAN_LIMITS[unit]) {
            unit++;
        }
        double scale = METRES_PER_UNIT[unit];

        int frames = clip.frames();
        int joints = layout.size();
        float[] xyz = new float[frames * joints * 3];
        for (int f = 0; f < frames; f++) {
            double[] p = clip.positions(f);
            for (int j = 0; j < joints; j++) {
                for (int c = 0; c < 3; c++) {
                    xyz[(f * joints + j) * 3 + c] = (float) (p[3 * nodeOf[j] + c] * scale);
                }
            }
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("source", path.toString());
        prov.put("format", id());
        prov.put("units", UNIT_NAMES[unit]);
        Motion3d motion = new Motion3d(layout, FrameRate.ofFrameTime(clip.frameTime()), CoordinateFrame.WORLD, xyz, null,
                Provenance.of(prov));
        return PoseFile.of(id(), FileNames.stem(path), motion);
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public void write(PoseFile data, Path out) throws IOException {
        write(data, out, WriteOptions.DEFAULTS);
    }

    /**
     * Writes the file's one 3D sequence with {@link BvhWriter}: centimetres unless
     * {@code options} say {@code m}, with per-joint translations when they ask for exact output.
     */
    @Override
    public void write(PoseFile data, Path out, WriteOptions options) throws IOException {
        double unitsPerMetre = options.unitsPerMetre(id(), "cm", "cm", "m");
        if (data.motions().size() != 1) {
            throw new PosettaException("A BVH file holds one 3D sequence, but there are " + data.motions().size()
                    + (data.keypoints().isEmpty() ? "" : " (and " + data.keypoints().size() + " 2D)")
                    + ": lift 2D keypoints to 3D first, or write several sequences as JSON, CSV or npz.");
        }
        Map.Entry<String, Motion3d> only = data.motions().entrySet().iterator().next();
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
            new BvhWriter(unitsPerMetre, options.exact()).write(only.getValue(), w, only.getKey());
        }
    }

    private static Layout matchLayout(Path path, List<BvhClip.Joint> nodes) {
        List<String> names = jointNames(nodes);
        for (Layout l : Layout.all()) {
            if (names.containsAll(l.joints())) {
                return l;
            }
        }
        throw new PosettaException(path + " has a skeleton (" + abbreviate(names) + ") that contains no known layout:"
                + " posetta reads BVH files whose joint names include those of one layout, e.g. bandai22 ("
                + String.join(", ", Layout.BANDAI22.joints()) + ") or h36m17 (" + String.join(", ", Layout.H36M17.joints())
                + ").");
    }

    private static int[] nodeIndices(Path path, List<BvhClip.Joint> nodes, Layout layout) {
        List<String> names = jointNames(nodes);
        int[] nodeOf = new int[layout.size()];
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < nodeOf.length; j++) {
            nodeOf[j] = indexOfJoint(nodes, layout.joint(j));
            if (nodeOf[j] < 0) {
                missing.add(layout.joint(j));
            }
        }
        if (!missing.isEmpty()) {
            throw new PosettaException(path + " lacks the joints " + String.join(", ", missing) + " of layout " + layout.id()
                    + " (it has " + abbreviate(names) + "): give the layout its joints match, or none to detect it.");
        }
        return nodeOf;
    }

    private static int indexOfJoint(List<BvhClip.Joint> nodes, String name) {
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.get(i).endSite() && nodes.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> jointNames(List<BvhClip.Joint> nodes) {
        return nodes.stream().filter(j -> !j.endSite()).map(BvhClip.Joint::name).collect(Collectors.toList());
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 8 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 8)) + ", … " + names.size() + " joints";
    }
}
