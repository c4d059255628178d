package org.posetta.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * The dataset files of the 2D→3D lifting literature (VideoPose3D's layout), read-only:
 * <ul>
 *   <li>{@code positions_3d}: a pickled dict subject → action → float (T, 17 or 32, 3), metres,
 *       world frame, 50 fps; 32-joint mocap arrays are reduced to H36M-17 by the joints
 *       0 1 2 3 6 7 8 12 13 14 15 17 18 19 25 26 27. Sequences are named {@code S9/Walking}.</li>
 *   <li>{@code positions_2d}: a pickled dict subject → action → list of per-camera (T, J, 2)
 *       pixel arrays, with an optional {@code metadata} dict whose {@code layout_name} names the
 *       layout and {@code cameras} the camera ids. Sequences are named
 *       {@code S9/Walking/54138969} (the camera id, else its index).</li>
 * </ul>
 * Recognised by content: an {@code .npz} with a {@code positions_3d} or {@code positions_2d}
 * array. Frame rate, layout and image size follow {@link PoseArrays}; the frame rate defaults
 * to 50 fps, Human3.6M's.
 */
public final class H36mNpzFormat implements PoseFormat {
    /** Human3.6M's mocap and video rate. */
    public static final double FPS = 50.0;

    private static final String POSITIONS_3D = "positions_3d";
    private static final String POSITIONS_2D = "positions_2d";
    private static final String METADATA = "metadata";
    /** H36M-17 joints within the 32-joint mocap skeleton. */
    private static final int[] FROM_32 = {0, 1, 2, 3, 6, 7, 8, 12, 13, 14, 15, 17, 18, 19, 25, 26, 27};

    /**
     * The 2D part of a dataset file.
     *
     * @param layoutName {@code metadata['layout_name']}, or null
     * @param cameras    {@code metadata['cameras']} as strings, or empty
     * @param arrays     subject → action → per-camera arrays, in file order
     */
    public record Positions2d(String layoutName, List<String> cameras, Map<String, Map<String, List<NdArray>>> arrays) {
    }

    @Override
    public String id() {
        return "h36m-npz";
    }

    @Override
    public String description() {
        return "Human3.6M/VideoPose3D dataset .npz (positions_3d, positions_2d), read-only";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        if (!Npz.isZip(head) || !path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            return false;
        }
        List<String> names = Npz.names(path);
        return names.contains(POSITIONS_3D) || names.contains(POSITIONS_2D);
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) {
        List<String> names = Npz.names(path);
        if (!names.contains(POSITIONS_3D) && !names.contains(POSITIONS_2D)) {
            throw new PosettaException(path + " has neither positions_3d nor positions_2d: give a Human3.6M dataset file.");
        }
        Provenance provenance = Provenance.of(Map.of("source", path.toString()));
        double fps = PoseArrays.fps(options, FPS, path.toString());
        Map<String, Motion3d> motions = new LinkedHashMap<>();
        if (names.contains(POSITIONS_3D)) {
            readPositions3d(path, s -> true).forEach((subject, actions) -> actions.forEach((action, xyz) -> {
                String name = subject + "/" + action;
                motions.put(name, PoseArrays.motion(xyz, options, Layout.H36M17, fps, CoordinateFrame.WORLD, provenance,
                        path + " (" + name + ")"));
            }));
        }
        Map<String, Keypoints2d> keypoints = new LinkedHashMap<>();
        if (names.contains(POSITIONS_2D)) {
            Positions2d p = readPositions2d(path, s -> true);
            p.arrays().forEach((subject, actions) -> actions.forEach((action, cams) -> {
                for (int c = 0; c < cams.size(); c++) {
                    NdArray uv = cams.get(c);
                    String name = subject + "/" + action + "/" + (c < p.cameras().size() ? p.cameras().get(c) : Integer.toString(c));
                    Layout named = p.layoutName() == null || uv.rank() != 3 ? null : layoutNamed(p.layoutName(), uv.dim(1));
                    keypoints.put(name, PoseArrays.keypoints(uv, options, named, fps, null, provenance, path + " (" + name + ")"));
                }
            }));
        }
        return new PoseFile(id(), motions, keypoints);
    }

    /**
     * The 3D positions of the subjects that {@code subjects} accepts: subject → action →
     * float (T, 17, 3), metres, world frame, in file order.
     */
    public static Map<String, Map<String, NdArray>> readPositions3d(Path file, Predicate<String> subjects) {
        Map<String, Map<String, NdArray>> out = new LinkedHashMap<>();
        nested(file, POSITIONS_3D, Npz.read(file, List.of(POSITIONS_3D)).get(POSITIONS_3D)).forEach((subject, actions) -> {
            if (!subjects.test(subject)) {
                return;
            }
            Map<String, NdArray> byAction = new LinkedHashMap<>();
            actions.forEach((action, value) -> {
                String what = file + " (" + POSITIONS_3D + " " + subject + "/" + action + ")";
                if (!(value instanceof NdArray a) || a.rank() != 3 || a.dim(2) != 3 || (a.dim(1) != 17 && a.dim(1) != 32)) {
                    throw new PosettaException(what + " is not a (frames, 17 or 32, 3) array: give a Human3.6M dataset file.");
                }
                byAction.put(action, a.dim(1) == 32 ? reduce32(a) : a);
            });
            out.put(subject, Collections.unmodifiableMap(byAction));
        });
        return Collections.unmodifiableMap(out);
    }

    /** The 2D positions of the subjects that {@code subjects} accepts, with the file's metadata. */
    public static Positions2d readPositions2d(Path file, Predicate<String> subjects) {
        boolean hasMetadata = Npz.names(file).contains(METADATA);
        Map<String, NdArray> arrays = Npz.read(file, hasMetadata ? List.of(POSITIONS_2D, METADATA) : List.of(POSITIONS_2D));
        String layoutName = null;
        List<String> cameras = List.of();
        if (hasMetadata && arrays.get(METADATA).dtype() == NdArray.DType.OBJECT
                && arrays.get(METADATA).item() instanceof Map<?, ?> meta) {
            layoutName = meta.get("layout_name") instanceof String s ? s : null;
            if (meta.get("cameras") instanceof List<?> ids) {
                cameras = ids.stream().map(String::valueOf).toList();
            }
        }
        Map<String, Map<String, List<NdArray>>> out = new LinkedHashMap<>();
        nested(file, POSITIONS_2D, arrays.get(POSITIONS_2D)).forEach((subject, actions) -> {
            if (!subjects.test(subject)) {
                return;
            }
            Map<String, List<NdArray>> byAction = new LinkedHashMap<>();
            actions.forEach((action, value) -> {
                List<?> list = value instanceof List<?> l ? l
                        : value instanceof Object[] t ? Arrays.asList(t) : Collections.singletonList(value);
                List<NdArray> perCamera = new ArrayList<>();
                for (Object o : list) {
                    if (!(o instanceof NdArray a)) {
                        throw new PosettaException(file + " (" + POSITIONS_2D + " " + subject + "/" + action
                                + ") is not a list of per-camera arrays: give a Human3.6M dataset file.");
                    }
                    perCamera.add(a);
                }
                byAction.put(action, List.copyOf(perCamera));
            });
            out.put(subject, Collections.unmodifiableMap(byAction));
        });
        return new Positions2d(layoutName, cameras, Collections.unmodifiableMap(out));
    }

    /** The layout a VideoPose3D {@code layout_name} means for {@code joints} joints ({@code h36m}, {@code coco}, {@code mpii16}, ...). */
    private static Layout layoutNamed(String name, int joints) {
        for (String candidate : new String[] {name, name + joints}) {
            try {
                Layout l = Layout.byId(candidate);
                if (l.size() == joints) {
                    return l;
                }
            } catch (PosettaException unknown) {
                // try the next spelling; the joint-count rule decides if none matches
            }
        }
        return null;
    }

    private static NdArray reduce32(NdArray a) {
        float[] in = a.toFloats();
        int frames = a.dim(0);
        float[] out = new float[frames * FROM_32.length * 3];
        for (int f = 0; f < frames; f++) {
            for (int j = 0; j < FROM_32.length; j++) {
                System.arraycopy(in, (f * 32 + FROM_32[j]) * 3, out, (f * FROM_32.length + j) * 3, 3);
            }
        }
        return NdArray.of(out, frames, FROM_32.length, 3);
    }

    /** The pickled dict subject → action → value inside {@code array}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> nested(Path file, String key, NdArray array) {
        Object item = array.dtype() == NdArray.DType.OBJECT && array.size() == 1 ? array.item() : null;
        boolean ok = item instanceof Map<?, ?> m && m.keySet().stream().allMatch(String.class::isInstance)
                && m.values().stream().allMatch(v -> v instanceof Map<?, ?> inner && inner.keySet().stream().allMatch(String.class::isInstance));
        if (!ok) {
            throw new PosettaException(file + " has a " + key + " that is not a pickled dict subject -> action -> data:"
                    + " give a Human3.6M dataset file.");
        }
        return (Map<String, Map<String, Object>>) item;
    }
}
