package org.posetta.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.regex.Pattern;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * posetta's JSON export, read back by posetta:
 * <pre>
 * {"format": "posetta", "version": 1, "sequences": [
 *   {"name": "clip", "kind": "3d", "layout": "h36m17", "joints": ["pelvis", ...], "fps": 50.0,
 *    "frame": "camera", "frames": [[[x, y, z], null, ...], ...], "filled": [[0, 0, ...], ...],
 *    "uncertainty": [[0.02, null, ...], ...], "meta": {...}, "provenance": {...}},
 *   {"name": "clip", "kind": "2d", "layout": "coco17", "joints": [...], "fps": 30.0,
 *    "image_size": [1920, 1080], "frames": [[[u, v, confidence], null, ...], ...], "meta": {...},
 *    "provenance": {...}}]}
 * </pre>
 * Metres for 3D, pixels for 2D; {@code null} is an invalid or missing joint. {@code filled} is 1
 * where a valid value was filled in rather than observed; {@code uncertainty} (metres, only when
 * the sequence has one) is each joint's spread. {@code meta} describes the sequence for readers
 * other than posetta (coordinate frame and axes, units, layout and joint order, fps, counts of
 * invalid and filled entries; see {@link FileMeta}); posetta reads the fields beside it. Numbers are written
 * as the shortest decimals that read back to the same float32, so a round trip is exact.
 */
public final class JsonFormat implements PoseFormat {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern MARKER = Pattern.compile("\"format\"\\s*:\\s*\"posetta\"");
    private static final int VERSION = 1;

    @Override
    public String id() {
        return "json";
    }

    @Override
    public String description() {
        return "posetta's JSON export (layout, fps, joint names, frames, provenance)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                && MARKER.matcher(new String(head, StandardCharsets.UTF_8)).find();
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            throw new PosettaException(path + " is not valid JSON (" + e.getOriginalMessage() + "): check that the file is complete.", e);
        }
        if (root == null || !"posetta".equals(root.path("format").asText()) || !root.path("sequences").isArray()) {
            throw new PosettaException(path + " is not a posetta JSON file (no \"format\": \"posetta\" with \"sequences\"):"
                    + " name its format with --in-format.");
        }
        if (root.path("version").asInt() > VERSION) {
            throw new PosettaException(path + " is posetta JSON version " + root.path("version").asInt()
                    + ", newer than this posetta reads: update posetta.");
        }
        Map<String, Motion3d> motions = new LinkedHashMap<>();
        Map<String, Keypoints2d> keypoints = new LinkedHashMap<>();
        for (JsonNode s : root.get("sequences")) {
            String name = s.path("name").asText("sequence");
            String what = path + " (sequence " + name + ")";
            switch (s.path("kind").asText()) {
                case "3d" -> motions.put(name, readMotion(s, options, what));
                case "2d" -> keypoints.put(name, readKeypoints(s, options, what));
                default -> throw new PosettaException(what + " has kind '" + s.path("kind").asText() + "': use 3d or 2d.");
            }
        }
        return new PoseFile(id(), motions, keypoints);
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public void write(PoseFile data, Path out) throws IOException {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8); JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("format", "posetta");
            g.writeNumberField("version", VERSION);
            g.writeArrayFieldStart("sequences");
            for (Map.Entry<String, Motion3d> e : data.motions().entrySet()) {
                Motion3d m = e.getValue();
                header(g, e.getKey(), "3d", m.layout(), m.fps());
                g.writeStringField("frame", m.coordinateFrame().id());
                g.writeArrayFieldStart("frames");
                for (int t = 0; t < m.frames(); t++) {
                    g.writeStartArray();
                    for (int j = 0; j < m.joints(); j++) {
                        if (m.isValid(t, j)) {
                            g.writeStartArray();
                            g.writeNumber(m.get(t, j, 0));
                            g.writeNumber(m.get(t, j, 1));
                            g.writeNumber(m.get(t, j, 2));
                            g.writeEndArray();
                        } else {
                            g.writeNull();
                        }
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("filled");
                for (int t = 0; t < m.frames(); t++) {
                    g.writeStartArray();
                    for (int j = 0; j < m.joints(); j++) {
                        g.writeNumber(m.isFilled(t, j) ? 1 : 0);
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                if (m.hasUncertainty()) {
                    g.writeArrayFieldStart("uncertainty");
                    for (int t = 0; t < m.frames(); t++) {
                        g.writeStartArray();
                        for (int j = 0; j < m.joints(); j++) {
                            if (m.isValid(t, j)) {
                                g.writeNumber(m.uncertainty(t, j));
                            } else {
                                g.writeNull();
                            }
                        }
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                }
                meta(g, FileMeta.of(m));
                g.writeObjectField("provenance", m.provenance().asMap());
                g.writeEndObject();
            }
            for (Map.Entry<String, Keypoints2d> e : data.keypoints().entrySet()) {
                Keypoints2d k = e.getValue();
                header(g, e.getKey(), "2d", k.layout(), k.fps());
                g.writeArrayFieldStart("image_size");
                g.writeNumber(k.width());
                g.writeNumber(k.height());
                g.writeEndArray();
                g.writeArrayFieldStart("frames");
                for (int t = 0; t < k.frames(); t++) {
                    g.writeStartArray();
                    for (int j = 0; j < k.joints(); j++) {
                        if (k.isValid(t, j)) {
                            g.writeStartArray();
                            g.writeNumber(k.get(t, j, 0));
                            g.writeNumber(k.get(t, j, 1));
                            g.writeNumber(k.confidence(t, j));
                            g.writeEndArray();
                        } else {
                            g.writeNull();
                        }
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                meta(g, FileMeta.of(k));
                g.writeObjectField("provenance", k.provenance().asMap());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            w.write('\n');
        }
    }

    /** The self-description, less the provenance that follows it as its own field. */
    private static void meta(JsonGenerator g, Map<String, Object> meta) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(meta);
        m.remove("provenance");
        g.writeObjectField("meta", m);
    }

    private static void header(JsonGenerator g, String name, String kind, Layout layout, double fps) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("kind", kind);
        g.writeStringField("layout", layout.id());
        g.writeArrayFieldStart("joints");
        for (String joint : layout.joints()) {
            g.writeString(joint);
        }
        g.writeEndArray();
        g.writeNumberField("fps", fps);
    }

    private static Motion3d readMotion(JsonNode s, ReadOptions options, String what) {
        Layout layout = layout(s, options, what);
        double fps = PoseArrays.fps(options, s.path("fps").isNumber() ? s.get("fps").asDouble() : null, what);
        CoordinateFrame frame;
        try {
            frame = CoordinateFrame.parse(s.path("frame").asText("camera"));
        } catch (PosettaException e) {
            throw new PosettaException(what + " has the coordinate frame '" + s.path("frame").asText() + "': use world or camera.", e);
        }
        List<JsonNode> frames = frames(s, what);
        int j = layout.size();
        float[] xyz = new float[frames.size() * j * 3];
        boolean[] valid = new boolean[frames.size() * j];
        for (int t = 0; t < frames.size(); t++) {
            JsonNode f = frames.get(t);
            requireJoints(f, j, t, what);
            for (int q = 0; q < j; q++) {
                JsonNode p = f.get(q);
                if (p.isNull()) {
                    continue;
                }
                requireNumbers(p, 3, t, layout.joint(q), what);
                valid[t * j + q] = true;
                for (int c = 0; c < 3; c++) {
                    xyz[(t * j + q) * 3 + c] = toFloat(p.get(c));
                }
            }
        }
        boolean[] filled = new boolean[valid.length];
        float[] uncertainty = s.has("uncertainty") ? new float[valid.length] : null;
        for (int t = 0; t < frames.size(); t++) {
            JsonNode f = s.path("filled").path(t);
            JsonNode u = s.path("uncertainty").path(t);
            for (int q = 0; q < j; q++) {
                filled[t * j + q] = f.path(q).asInt() == 1;
                if (uncertainty != null && valid[t * j + q]) {
                    if (!u.path(q).isNumber() || !(toFloat(u.get(q)) >= 0)) {
                        throw new PosettaException(what + " has uncertainty " + u.path(q) + " at frame " + t + ", joint "
                                + layout.joint(q) + ": give a non-negative number for every valid joint.");
                    }
                    uncertainty[t * j + q] = toFloat(u.get(q));
                }
            }
        }
        return new Motion3d(layout, fps, frame, xyz, valid, filled, uncertainty, provenance(s));
    }

    private static Keypoints2d readKeypoints(JsonNode s, ReadOptions options, String what) {
        Layout layout = layout(s, options, what);
        double fps = PoseArrays.fps(options, s.path("fps").isNumber() ? s.get("fps").asDouble() : null, what);
        JsonNode size = s.path("image_size");
        int[] fileSize = size.isArray() && size.size() == 2 ? new int[] {size.get(0).asInt(), size.get(1).asInt()} : null;
        List<JsonNode> frames = frames(s, what);
        int j = layout.size();
        float[] uv = new float[frames.size() * j * 2];
        float[] confidence = new float[frames.size() * j];
        for (int t = 0; t < frames.size(); t++) {
            JsonNode f = frames.get(t);
            requireJoints(f, j, t, what);
            for (int q = 0; q < j; q++) {
                JsonNode p = f.get(q);
                if (p.isNull()) {
                    continue;
                }
                requireNumbers(p, 3, t, layout.joint(q), what);
                uv[(t * j + q) * 2] = toFloat(p.get(0));
                uv[(t * j + q) * 2 + 1] = toFloat(p.get(1));
                float c = toFloat(p.get(2));
                if (!(c >= 0 && c <= 1)) {
                    throw new PosettaException(what + " has confidence " + c + " at frame " + t + ", joint " + layout.joint(q)
                            + ": use confidences in [0, 1].");
                }
                confidence[t * j + q] = c;
            }
        }
        int[] wh = PoseArrays.imageSize(options, fileSize, uv, confidence, what);
        return new Keypoints2d(layout, fps, wh[0], wh[1], uv, confidence, provenance(s));
    }

    private static Layout layout(JsonNode s, ReadOptions options, String what) {
        Layout layout;
        try {
            layout = options.layout().orElseGet(() -> Layout.byId(s.path("layout").asText()));
        } catch (PosettaException e) {
            throw new PosettaException(what + " has the layout '" + s.path("layout").asText() + "', which posetta does not know:"
                    + " give it with --layout.", e);
        }
        JsonNode names = s.path("joints");
        if (names.isArray() && options.layout().isEmpty()) {
            List<String> listed = new ArrayList<>();
            names.forEach(n -> listed.add(n.asText()));
            if (!listed.equals(layout.joints())) {
                throw new PosettaException(what + " lists joints " + listed + " that are not those of layout " + layout.id()
                        + ": fix the joint names or the layout.");
            }
        }
        return layout;
    }

    private static List<JsonNode> frames(JsonNode s, String what) {
        JsonNode frames = s.path("frames");
        if (!frames.isArray()) {
            throw new PosettaException(what + " has no \"frames\" array: give one array of joints per frame.");
        }
        List<JsonNode> out = new ArrayList<>(frames.size());
        frames.forEach(out::add);
        return out;
    }

    private static void requireJoints(JsonNode frame, int joints, int t, String what) {
        if (!frame.isArray() || frame.size() != joints) {
            throw new PosettaException(what + " has " + (frame.isArray() ? frame.size() + " joints" : "no joint array")
                    + " at frame " + t + " where its layout has " + joints + ": give one entry (or null) per joint.");
        }
    }

    private static void requireNumbers(JsonNode p, int n, int t, String joint, String what) {
        boolean ok = p.isArray() && p.size() == n;
        for (int c = 0; ok && c < n; c++) {
            ok = p.get(c).isNumber() && Float.isFinite(toFloat(p.get(c)));
        }
        if (!ok) {
            throw new PosettaException(what + " has " + p + " at frame " + t + ", joint " + joint + ": give " + n
                    + " finite numbers or null.");
        }
    }

    private static float toFloat(JsonNode n) {
        // BigDecimal → float rounds once, so the shortest float32 decimals written above read back exactly
        return n.isBigDecimal() ? n.decimalValue().floatValue() : n.floatValue();
    }

    private static Provenance provenance(JsonNode s) {
        JsonNode p = s.path("provenance");
        if (!p.isObject()) {
            return Provenance.EMPTY;
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            entries.put(e.getKey(), plain(e.getValue()));
        }
        return Provenance.of(entries);
    }

    /** A JSON value as the Java values Provenance holds (decimals as Double). */
    private static Object plain(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.properties().forEach(e -> m.put(e.getKey(), plain(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(e -> l.add(plain(e)));
            return l;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToInt() ? (Object) n.intValue() : n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.isNull() ? null : n.asText();
    }
}
