package org.posetta.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.PosettaException;

/**
 * COCO keypoint-format JSON, 17 keypoints ({@link Layout#COCO17}), pixels, in either form:
 * <ul>
 *   <li>a dataset file {@code {"images": [{"id", "width", "height", ...}], "annotations":
 *       [{"image_id", "keypoints": [x, y, v, ...]}], "categories": [...]}}: frames are the images
 *       by id; the visibility flag {@code v} gives confidence 1 where it is 1 or 2 (labelled) and
 *       0 where it is 0; the image size is that of the first image;</li>
 *   <li>a results file {@code [{"image_id": 42, "category_id": 1, "keypoints": [x, y, s, ...],
 *       "score"}]}: one frame per image id from the first to the last; the third values are
 *       the confidences (clamped to [0, 1]).</li>
 * </ul>
 * One person is followed through the frames ({@link PersonTrack}). The frame rate is
 * {@link ReadOptions#fps()}, else 30 fps.
 */
public final class CocoKeypointsFormat implements PoseFormat {
    private static final Pattern RESULTS = Pattern.compile("^\\s*\\[\\s*\\{[^}]*\"image_id\"\\s*:\\s*\\d");
    private static final Pattern DATASET = Pattern.compile("^\\s*\\{\\s*\"(info|licenses|images|annotations|categories)\"");
    private static final Map<Integer, Layout> LAYOUTS = DetectorJson.counts(17, Layout.COCO17);

    @Override
    public String id() {
        return "coco";
    }

    @Override
    public String description() {
        return "COCO keypoint JSON, dataset or results file (2D, COCO-17)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        String text = DetectorJson.text(head);
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                && (RESULTS.matcher(text).find() || DATASET.matcher(text).find());
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) throws IOException {
        JsonNode root = DetectorJson.read(path, "the COCO tool");
        boolean dataset = root.isObject() && root.path("annotations").isArray();
        if (!dataset && !root.isArray()) {
            throw new PosettaException(path + " is neither a COCO dataset file (with \"annotations\") nor a results list:"
                    + " give a COCO keypoint JSON, or name the format with --in-format.");
        }
        TreeMap<Long, List<double[]>> byImage = new TreeMap<>();
        int[] size = null;
        if (dataset) {
            for (JsonNode image : root.path("images")) {
                byImage.put(image.path("id").asLong(), new ArrayList<>());
                if (size == null && image.path("width").asInt() > 0 && image.path("height").asInt() > 0) {
                    size = new int[] {image.path("width").asInt(), image.path("height").asInt()};
                }
            }
        }
        for (JsonNode a : dataset ? root.path("annotations") : root) {
            JsonNode kp = a.path("keypoints");
            if (!kp.isArray() || kp.size() % 3 != 0 || !a.path("image_id").canConvertToLong()) {
                throw new PosettaException(path + " has an entry without a numeric image_id or with keypoints that are not"
                        + " (x, y, v) triples: give a COCO keypoint JSON.");
            }
            DetectorJson.layout(path, kp.size() / 3, LAYOUTS, options, "give COCO-17 keypoints (body only).");
            double[] values = new double[kp.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = kp.get(i).asDouble(Double.NaN);
                if (dataset && i % 3 == 2) {
                    values[i] = values[i] > 0 ? 1 : 0;
                }
            }
            byImage.computeIfAbsent(a.path("image_id").asLong(), k -> new ArrayList<>()).add(values);
        }
        if (byImage.values().stream().allMatch(List::isEmpty)) {
            throw new PosettaException(path + " holds no keypoint annotation: give a file with at least one person.");
        }
        List<List<double[]>> people = new ArrayList<>();
        if (dataset) {
            people.addAll(byImage.values());
        } else {
            for (long f = byImage.firstKey(); f <= byImage.lastKey(); f++) {
                people.add(byImage.getOrDefault(f, List.of()));
            }
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("source", path.toString());
        prov.put("format", id());
        prov.put("kind", dataset ? "dataset annotations (visibility as confidence 1 or 0)" : "results");
        prov.put("fps", options.fps().isPresent() ? "given" : "assumed " + DetectorJson.DEFAULT_FPS);
        Keypoints2d k = PersonTrack.keypoints(people, Layout.COCO17, options, options.fps().orElse(DetectorJson.DEFAULT_FPS),
                size, prov);
        return PoseFile.of(id(), FileNames.stem(path), k);
    }
}
