package org.posetta.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.PosettaException;

/**
 * MMPose's prediction JSON ({@code --save-predictions}):
 * {@code {"meta_info": {...}, "instance_info": [{"frame_id": 1, "instances": [{"keypoints":
 * [[x, y], ...], "keypoint_scores": [s, ...], "bbox": ...}]}]}} for a video, or
 * {@code "instance_info": [{"keypoints": ..., "keypoint_scores": ...}]} (the instances of one
 * image). Pixels; 17 keypoints are {@link Layout#COCO17}, 26 {@link Layout#HALPE26}, and 133
 * (COCO-WholeBody) give their first 17, which are COCO-17's body joints.
 *
 * <p>Frames are the entries of {@code instance_info} in {@code frame_id} order; one person is
 * followed ({@link PersonTrack}); {@code keypoint_scores} are the confidences (1 where absent).
 * The frame rate is {@link ReadOptions#fps()}, else 30 fps.
 */
public final class MmposeFormat implements PoseFormat {
    private static final Map<Integer, Layout> LAYOUTS = DetectorJson.counts(17, Layout.COCO17, 26, Layout.HALPE26, 133,
            Layout.COCO17);

    @Override
    public String id() {
        return "mmpose";
    }

    @Override
    public String description() {
        return "MMPose prediction JSON (2D, COCO-17, Halpe-26 or the body of COCO-WholeBody)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        String text = DetectorJson.text(head);
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                && (text.contains("\"instance_info\"") || text.contains("\"meta_info\""));
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) throws IOException {
        JsonNode root = DetectorJson.read(path, "MMPose");
        JsonNode info = root.path("instance_info");
        if (!info.isArray()) {
            throw new PosettaException(path + " has no \"instance_info\" list: give the JSON that MMPose wrote with --save-predictions.");
        }
        boolean video = info.size() > 0 && info.get(0).has("instances");
        List<JsonNode> frames = new ArrayList<>();
        info.forEach(frames::add);
        if (video) {
            frames.sort((a, b) -> Long.compare(a.path("frame_id").asLong(), b.path("frame_id").asLong()));
        }
        Layout layout = null;
        int stored = 0;
        List<List<double[]>> people = new ArrayList<>();
        for (JsonNode frame : video ? frames : List.of(info)) {
            List<double[]> found = new ArrayList<>();
            for (JsonNode instance : video ? frame.path("instances") : frame) {
                JsonNode kp = instance.path("keypoints");
                JsonNode scores = instance.path("keypoint_scores");
                if (!kp.isArray() || kp.isEmpty()) {
                    continue;
                }
                Layout l = DetectorJson.layout(path, kp.size(), LAYOUTS, options,
                        "run MMPose with a body model (COCO, Halpe or COCO-WholeBody), not a hand, face or animal model.");
                if (layout != null && kp.size() != stored) {
                    throw new PosettaException(path + " mixes " + stored + " and " + kp.size()
                            + " keypoints per person: give the output of one MMPose model.");
                }
                layout = l;
                stored = kp.size();
                double[] values = new double[l.size() * 3];
                for (int j = 0; j < l.size(); j++) {
                    JsonNode p = kp.get(j);
                    values[3 * j] = p.path(0).asDouble(Double.NaN);
                    values[3 * j + 1] = p.path(1).asDouble(Double.NaN);
                    values[3 * j + 2] = scores.isArray() ? scores.path(j).asDouble(0) : 1;
                }
                found.add(values);
            }
            people.add(found);
        }
        if (layout == null) {
            throw new PosettaException(path + " holds no person: check that MMPose found someone in the input.");
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("source", path.toString());
        prov.put("format", id());
        prov.put("keypoints_per_person", stored);
        prov.put("fps", options.fps().isPresent() ? "given" : "assumed " + DetectorJson.DEFAULT_FPS);
        Keypoints2d k = PersonTrack.keypoints(people, layout, options, options.fps().orElse(DetectorJson.DEFAULT_FPS), null, prov);
        return PoseFile.of(id(), FileNames.stem(path), k);
    }
}
