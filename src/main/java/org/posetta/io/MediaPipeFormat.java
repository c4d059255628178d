package org.posetta.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * MediaPipe pose landmarks saved as JSON, 33 per person ({@link Layout#BLAZEPOSE33}): either a
 * list of frames or {@code {"image_width": W, "image_height": H, "fps": F, "frames": [...]}}.
 * Each frame is an object holding {@code landmarks} (or {@code pose_landmarks}) and/or
 * {@code world_landmarks} (or {@code pose_world_landmarks}, {@code worldLandmarks}), each a list
 * of 33 {@code {"x", "y", "z", "visibility"}} or a list of such lists, one per person (the first
 * person is read), as MediaPipe's Pose Landmarker returns them.
 *
 * <ul>
 *   <li>Image landmarks are normalised to the image: pixels are {@code (x · W, y · H)}, with the
 *       size from the options or the file (required); the confidence is {@code visibility}
 *       (1 where absent), 0 making the joint missing. A frame without landmarks has none.</li>
 *   <li>World landmarks are metres with the origin between the hips, axes those of the camera
 *       (x right, y down, z away): a root-relative camera-frame {@link Motion3d}; a joint is
 *       valid where its visibility is positive.</li>
 * </ul>
 * The frame rate is the options', else the file's {@code fps}, else 30 fps.
 */
public final class MediaPipeFormat implements PoseFormat {
    private static final Map<Integer, Layout> LAYOUTS = DetectorJson.counts(33, Layout.BLAZEPOSE33);

    @Override
    public String id() {
        return "mediapipe";
    }

    @Override
    public String description() {
        return "MediaPipe pose landmark JSON (2D image and/or 3D world landmarks, BlazePose-33)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        String text = DetectorJson.text(head);
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                && (text.contains("landmarks\"") || text.contains("Landmarks\""));
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) throws IOException {
        JsonNode root = DetectorJson.read(path, "MediaPipe");
        JsonNode frames = root.isArray() ? root : root.path("frames");
        if (!frames.isArray() || frames.isEmpty()) {
            throw new PosettaException(path + " has no list of frames with landmarks: give a list of per-frame objects with"
                    + " landmarks and/or world_landmarks.");
        }
        int t = frames.size();
        int j = Layout.BLAZEPOSE33.size();
        float[] uv = new float[t * j * 2];
        float[] conf = new float[t * j];
        float[] xyz = new float[t * j * 3];
        boolean[] valid = new boolean[t * j];
        boolean anyImage = false;
        boolean anyWorld = false;
        int[] size = options.imageSize().orElse(root.path("image_width").asInt() > 0 && root.path("image_height").asInt() > 0
                ? new int[] {root.path("image_width").asInt(), root.path("image_height").asInt()} : null);
        for (int f = 0; f < t; f++) {
            JsonNode frame = frames.get(f);
            JsonNode image = firstPerson(path, frame, options, "landmarks", "pose_landmarks");
            JsonNode world = firstPerson(path, frame, options, "world_landmarks", "pose_world_landmarks", "worldLandmarks");
            if (image != null) {
                anyImage = true;
                if (size == null) {
                    throw new PosettaException(path + " holds normalised image landmarks but no image size: give it with"
                            + " --image-size WIDTHxHEIGHT, or image_width and image_height in the file.");
                }
                for (int q = 0; q < j; q++) {
                    JsonNode l = image.get(q);
                    float c = (float) Math.max(0, Math.min(1, l.path("visibility").asDouble(1)));
                    double x = l.path("x").asDouble(Double.NaN);
                    double y = l.path("y").asDouble(Double.NaN);
                    if (c > 0 && Double.isFinite(x) && Double.isFinite(y)) {
                        uv[(f * j + q) * 2] = (float) (x * size[0]);
                        uv[(f * j + q) * 2 + 1] = (float) (y * size[1]);
                        conf[f * j + q] = c;
                    }
                }
            }
            if (world != null) {
                anyWorld = true;
                for (int q = 0; q < j; q++) {
                    JsonNode l = world.get(q);
                    double[] p = {l.path("x").asDouble(Double.NaN), l.path("y").asDouble(Double.NaN), l.path("z").asDouble(Double.NaN)};
                    boolean ok = l.path("visibility").asDouble(1) > 0 && Double.isFinite(p[0]) && Double.isFinite(p[1])
                            && Double.isFinite(p[2]);
                    valid[f * j + q] = ok;
                    for (int c = 0; c < 3 && ok; c++) {
                        xyz[(f * j + q) * 3 + c] = (float) p[c];
                    }
                }
            }
        }
        if (!anyImage && !anyWorld) {
            throw new PosettaException(path + " has no landmarks in any of its " + t + " frames: check that MediaPipe found a person.");
        }
        double fps = PoseArrays.fps(options, root.path("fps").isNumber() ? root.get("fps").asDouble() : DetectorJson.DEFAULT_FPS,
                path.toString());
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("source", path.toString());
        prov.put("format", id());
        Map<String, Motion3d> motions = new LinkedHashMap<>();
        Map<String, Keypoints2d> keypoints = new LinkedHashMap<>();
        String name = FileNames.stem(path);
        if (anyImage) {
            keypoints.put(name, new Keypoints2d(Layout.BLAZEPOSE33, fps, size[0], size[1], uv, conf, Provenance.of(prov)));
        }
        if (anyWorld) {
            prov.put("origin", "between the hips (MediaPipe world landmarks)");
            motions.put(name, new Motion3d(Layout.BLAZEPOSE33, fps, CoordinateFrame.CAMERA, xyz, valid, Provenance.of(prov)));
        }
        return new PoseFile(id(), motions, keypoints);
    }

    /** The first person's 33 landmarks under one of {@code keys}, or null where the frame has none. */
    private static JsonNode firstPerson(Path path, JsonNode frame, ReadOptions options, String... keys) {
        for (String key : keys) {
            JsonNode l = frame.path(key);
            if (l.isArray() && !l.isEmpty() && l.get(0).isArray()) {
                l = l.get(0);
            }
            if (l.isArray() && !l.isEmpty()) {
                DetectorJson.layout(path, l.size(), LAYOUTS, options,
                        "give MediaPipe Pose landmarks (33), not hand (21) or face landmarks.");
                return l;
            }
        }
        return null;
    }
}
