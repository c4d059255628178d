package org.posetta.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * posetta's own file: an {@code .npz} of plain named arrays (no pickles), readable with
 * {@code np.load(path)} alone.
 *
 * <p>A 3D sequence is
 * <ul>
 *   <li>{@code joints_3d}: float32 (T, J, 3), metres; invalid entries are stored as 0;</li>
 *   <li>{@code valid}: bool (T, J);</li>
 *   <li>{@code filled}: bool (T, J), true where a valid value was filled in (only when some was);</li>
 *   <li>{@code uncertainty}: float32 (T, J), metres (only when the sequence has one);</li>
 *   <li>{@code frame}: {@code 'world'} or {@code 'camera'}.</li>
 * </ul>
 * A 2D sequence is
 * <ul>
 *   <li>{@code keypoints_2d}: float32 (T, J, 2), pixels; missing entries are stored as 0;</li>
 *   <li>{@code confidence}: float32 (T, J) in [0, 1], 0 where missing;</li>
 *   <li>{@code image_size}: int32 (2,), width and height in pixels.</li>
 * </ul>
 * Both carry {@code fps} (float64, 0-d), {@code layout} (the layout id, e.g. {@code 'h36m17'})
 * and {@code meta}: JSON describing the sequence ({@link FileMeta}: coordinate frame and axes,
 * units, layout and joint order, fps, and the {@link Provenance} under {@code provenance}; a
 * file whose {@code meta} is the provenance alone is read too); text is a 0-d NumPy unicode array, so
 * {@code str(d['layout'])} gives it back (a 1-d uint8 array of UTF-8 bytes is read too).
 *
 * <p>A file with one sequence uses these names as they are, and reads back as one sequence named
 * after the file. A file with several prefixes each sequence's arrays with its name and a
 * slash ({@code S9/Walking/joints_3d}, {@code S9/Walking/fps}, ...); a 2D sequence that shares
 * its name with a 3D one is stored under {@code NAME/2d/}. Files are written deflated, as
 * {@code np.savez_compressed} does.
 *
 * <p>Reading: only {@code joints_3d} or {@code keypoints_2d} is required. Without {@code valid}
 * or {@code confidence}, entries with a non-finite coordinate are missing; with them, a
 * non-finite value in a valid or present entry is an error. Missing {@code fps}, {@code layout}
 * and {@code image_size} follow {@link PoseArrays}; a missing {@code frame} means the camera
 * frame. Values in {@link ReadOptions} override the file's.
 */
public final class NpzFormat implements PoseFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOINTS_3D = "joints_3d";
    private static final String KEYPOINTS_2D = "keypoints_2d";

    @Override
    public String id() {
        return "npz";
    }

    @Override
    public String description() {
        return "posetta's NumPy .npz (joints_3d or keypoints_2d with validity, fps, layout, provenance)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        if (!Npz.isZip(head) || !path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            return false;
        }
        return Npz.names(path).stream().anyMatch(n -> isMain(n, JOINTS_3D) || isMain(n, KEYPOINTS_2D));
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) {
        Map<String, NdArray> arrays = Npz.read(path, options);
        Map<String, Motion3d> motions = new LinkedHashMap<>();
        Map<String, Keypoints2d> keypoints = new LinkedHashMap<>();
        for (String key : arrays.keySet()) {
            if (isMain(key, JOINTS_3D)) {
                String prefix = key.substring(0, key.length() - JOINTS_3D.length());
                motions.put(sequenceName(path, prefix), readMotion(path, arrays, prefix, options));
            } else if (isMain(key, KEYPOINTS_2D)) {
                String prefix = key.substring(0, key.length() - KEYPOINTS_2D.length());
                keypoints.put(sequenceName(path, prefix), readKeypoints(path, arrays, prefix, options));
            }
        }
        if (motions.isEmpty() && keypoints.isEmpty()) {
            throw new PosettaException(path + " has neither a joints_3d nor a keypoints_2d array: give a posetta .npz"
                    + " or name the format with --in-format.");
        }
        return new PoseFile(id(), motions, keypoints);
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public void write(PoseFile data, Path out) throws IOException {
        boolean single = data.motions().size() + data.keypoints().size() == 1;
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        data.motions().forEach((name, m) -> {
            String p = single ? "" : name + "/";
            arrays.put(p + JOINTS_3D, NdArray.of(m.positions(), m.frames(), m.joints(), 3));
            arrays.put(p + "valid", NdArray.of(m.validity(), m.frames(), m.joints()));
            arrays.put(p + "fps", NdArray.scalar(m.fps()));
            arrays.put(p + "layout", NdArray.string(m.layout().id()));
            arrays.put(p + "frame", NdArray.string(m.coordinateFrame().id()));
            if (m.filledCount() > 0) {
                arrays.put(p + "filled", NdArray.of(m.filledFlags(), m.frames(), m.joints()));
            }
            if (m.hasUncertainty()) {
                arrays.put(p + "uncertainty", NdArray.of(m.uncertainties(), m.frames(), m.joints()));
            }
            arrays.put(p + "meta", NdArray.string(json(FileMeta.of(m))));
        });
        data.keypoints().forEach((name, k) -> {
            String p = single ? "" : data.motions().containsKey(name) ? name + "/2d/" : name + "/";
            arrays.put(p + KEYPOINTS_2D, NdArray.of(k.pixels(), k.frames(), k.joints(), 2));
            arrays.put(p + "confidence", NdArray.of(k.confidences(), k.frames(), k.joints()));
            arrays.put(p + "fps", NdArray.scalar(k.fps()));
            arrays.put(p + "layout", NdArray.string(k.layout().id()));
            arrays.put(p + "image_size", NdArray.of(new int[] {k.width(), k.height()}, 2));
            arrays.put(p + "meta", NdArray.string(json(FileMeta.of(k))));
        });
        Npz.write(out, arrays, true);
    }

    private static boolean isMain(String key, String main) {
        return key.equals(main) || key.endsWith("/" + main);
    }

    private static String sequenceName(Path path, String prefix) {
        if (prefix.isEmpty()) {
            String file = path.getFileName().toString();
            int dot = file.lastIndexOf('.');
            return dot > 0 ? file.substring(0, dot) : file;
        }
        return prefix.substring(0, prefix.length() - 1);
    }

    private static Motion3d readMotion(Path path, Map<String, NdArray> arrays, String prefix, ReadOptions options) {
        String what = path + " (" + prefix + JOINTS_3D + ")";
        NdArray xyz = arrays.get(prefix + JOINTS_3D);
        Layout fileLayout = layoutOf(path, arrays, prefix);
        double fps = PoseArrays.fps(options, number(path, arrays, prefix + "fps"), what);
        NdArray frameText = arrays.get(prefix + "frame");
        CoordinateFrame frame = CoordinateFrame.CAMERA;
        if (frameText != null) {
            String name = text(path, frameText, prefix + "frame");
            try {
                frame = CoordinateFrame.parse(name);
            } catch (PosettaException e) {
                throw new PosettaException(path + " has the coordinate frame '" + name + "': save 'world' or 'camera'.", e);
            }
        }
        Provenance provenance = provenance(path, arrays, prefix);
        NdArray valid = arrays.get(prefix + "valid");
        if (valid == null) {
            return PoseArrays.motion(xyz, options, fileLayout, fps, frame, provenance, what);
        }
        PoseArrays.requireShape(xyz, 3, what, "(frames, joints, 3)");
        Layout layout = PoseArrays.layout(options, fileLayout, xyz.dim(1), what);
        if (!valid.hasShape(xyz.dim(0), xyz.dim(1))) {
            throw new PosettaException(path + " has valid of shape " + valid.shapeString() + " for joints_3d of shape "
                    + xyz.shapeString() + ": save a (frames, joints) validity mask.");
        }
        float[] p = xyz.toFloats();
        boolean[] v = valid.toBooleans();
        for (int i = 0; i < v.length; i++) {
            if (v[i] && !(Float.isFinite(p[i * 3]) && Float.isFinite(p[i * 3 + 1]) && Float.isFinite(p[i * 3 + 2]))) {
                throw new PosettaException(what + " has a non-finite value at frame " + i / layout.size() + ", joint "
                        + layout.joint(i % layout.size()) + " that valid marks valid: mark it invalid or fix the value.");
            }
        }
        return new Motion3d(layout, fps, frame, p, v, annotation(path, arrays, prefix + "filled", xyz).map(NdArray::toBooleans)
                .orElse(null), annotation(path, arrays, prefix + "uncertainty", xyz).map(NdArray::toFloats).orElse(null), provenance);
    }

    /** An optional (frames, joints) array beside {@code xyz}. */
    private static Optional<NdArray> annotation(Path path, Map<String, NdArray> arrays, String name, NdArray xyz) {
        NdArray a = arrays.get(name);
        if (a != null && !a.hasShape(xyz.dim(0), xyz.dim(1))) {
            throw new PosettaException(path + " has " + name + " of shape " + a.shapeString() + " for joints_3d of shape "
                    + xyz.shapeString() + ": save a (frames, joints) array.");
        }
        return Optional.ofNullable(a);
    }

    private static Keypoints2d readKeypoints(Path path, Map<String, NdArray> arrays, String prefix, ReadOptions options) {
        String what = path + " (" + prefix + KEYPOINTS_2D + ")";
        NdArray uv = arrays.get(prefix + KEYPOINTS_2D);
        Layout fileLayout = layoutOf(path, arrays, prefix);
        double fps = PoseArrays.fps(options, number(path, arrays, prefix + "fps"), what);
        Provenance provenance = provenance(path, arrays, prefix);
        NdArray sizeArray = arrays.get(prefix + "image_size");
        int[] fileSize = null;
        if (sizeArray != null) {
            if (sizeArray.size() != 2 || sizeArray.dtype() == NdArray.DType.OBJECT || sizeArray.dtype() == NdArray.DType.UNICODE
                    || sizeArray.dtype() == NdArray.DType.BYTES) {
                throw new PosettaException(path + " has an image_size that is not two numbers: save (width, height).");
            }
            long[] wh = sizeArray.toLongs();
            fileSize = new int[] {(int) wh[0], (int) wh[1]};
        }
        NdArray confidence = arrays.get(prefix + "confidence");
        if (confidence == null) {
            return PoseArrays.keypoints(uv, options, fileLayout, fps, fileSize, provenance, what);
        }
        PoseArrays.requireShape(uv, 2, what, "(frames, joints, 2)");
        Layout layout = PoseArrays.layout(options, fileLayout, uv.dim(1), what);
        if (!confidence.hasShape(uv.dim(0), uv.dim(1))) {
            throw new PosettaException(path + " has confidence of shape " + confidence.shapeString() + " for keypoints_2d of shape "
                    + uv.shapeString() + ": save a (frames, joints) confidence array.");
        }
        float[] p = uv.toFloats();
        float[] c = confidence.toFloats();
        for (int i = 0; i < c.length; i++) {
            String where = " at frame " + i / layout.size() + ", joint " + layout.joint(i % layout.size());
            if (!(c[i] >= 0 && c[i] <= 1)) {
                throw new PosettaException(what + " has confidence " + c[i] + where + ": save confidences in [0, 1].");
            }
            if (c[i] > 0 && !(Float.isFinite(p[i * 2]) && Float.isFinite(p[i * 2 + 1]))) {
                throw new PosettaException(what + " has a non-finite pixel" + where
                        + " whose confidence is above 0: set its confidence to 0 or fix the value.");
            }
        }
        int[] size = PoseArrays.imageSize(options, fileSize, p, c, what);
        return new Keypoints2d(layout, fps, size[0], size[1], p, c, provenance);
    }

    private static Layout layoutOf(Path path, Map<String, NdArray> arrays, String prefix) {
        NdArray a = arrays.get(prefix + "layout");
        if (a == null) {
            return null;
        }
        String id = text(path, a, prefix + "layout");
        try {
            return Layout.byId(id);
        } catch (PosettaException e) {
            throw new PosettaException(path + " has the layout '" + id + "', which posetta does not know: save one of "
                    + Layout.all().stream().map(Layout::id).collect(Collectors.joining(", ")) + ".", e);
        }
    }

    private static Double number(Path path, Map<String, NdArray> arrays, String key) {
        NdArray a = arrays.get(key);
        if (a == null) {
            return null;
        }
        if (a.size() != 1 || a.dtype() == NdArray.DType.OBJECT || a.dtype() == NdArray.DType.UNICODE
                || a.dtype() == NdArray.DType.BYTES) {
            throw new PosettaException(path + " has a " + key + " that is not one number: save it as a scalar.");
        }
        return a.toDoubles()[0];
    }

    private static String text(Path path, NdArray a, String key) {
        try {
            return a.toText();
        } catch (IllegalStateException e) {
            throw new PosettaException(path + " has a " + key + " that is not text: save it as a string.", e);
        }
    }

    private static Provenance provenance(Path path, Map<String, NdArray> arrays, String prefix) {
        NdArray meta = arrays.get(prefix + "meta");
        if (meta == null) {
            return Provenance.of(Map.of("source", path.toString()));
        }
        try {
            Map<?, ?> map = JSON.readValue(text(path, meta, prefix + "meta"), Map.class);
            if (map.get("provenance") instanceof Map<?, ?> inner && map.containsKey("units")) {
                // a file description (FileMeta) around the provenance
                map = inner;
            }
            Map<String, Object> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), v));
            return Provenance.of(entries);
        } catch (JsonProcessingException e) {
            throw new PosettaException(path + " has a " + prefix + "meta that is not a JSON object: save the provenance as JSON.", e);
        }
    }

    private static String json(Map<String, Object> meta) {
        try {
            return JSON.writeValueAsString(meta);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("provenance is not serialisable to JSON: " + meta, e);
        }
    }
}
