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
 * AlphaPose's {@code alphapose-results.json}: a list of detections
 * {@code {"image_id": "12.jpg", "keypoints": [x, y, score, ...], "score": ..., "box": [...]}}, one
 * per person and image, pixels; 17 keypoints are {@link Layout#COCO17}, 26 are
 * {@link Layout#HALPE26}.
 *
 * <p>Frames are the images by the last number in their name, one frame per number from the
 * first to the last, so an image where AlphaPose found nobody (and wrote nothing) is a frame
 * without the person; names without a number are frames in file order. One person is followed
 * ({@link PersonTrack}); the keypoint scores are the confidences. The frame rate is
 * {@link ReadOptions#fps()}, else 30 fps.
 */
public final class AlphaPoseFormat implements PoseFormat {
    private static final Pattern HEAD = Pattern.compile("^\\s*\\[\\s*\\{\\s*\"image_id\"\\s*:\\s*\"");
    private static final Map<Integer, Layout> LAYOUTS = DetectorJson.counts(17, Layout.COCO17, 26, Layout.HALPE26);

    @Override
    public String id() {
        return "alphapose";
    }

    @Override
    public String description() {
        return "AlphaPose results JSON (2D, COCO-17 or Halpe-26)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") && HEAD.matcher(DetectorJson.text(head)).find();
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) throws IOException {
        JsonNode root = DetectorJson.read(path, "AlphaPose");
        if (!root.isArray()) {
            throw new PosettaException(path + " is not a list of detections with image_id and keypoints: give the"
                    + " alphapose-results.json that AlphaPose wrote.");
        }
        TreeMap<Long, List<double[]>> byNumber = new TreeMap<>();
        Map<String, Long> numbers = new LinkedHashMap<>();
        Layout layout = null;
        for (JsonNode d : root) {
            JsonNode kp = d.path("keypoints");
            String image = d.path("image_id").asText();
            if (!kp.isArray() || kp.size() % 3 != 0 || image.isEmpty()) {
                throw new PosettaException(path + " has a detection without image_id or with keypoints that are not (x, y, score)"
                        + " triples: give the alphapose-results.json that AlphaPose wrote.");
            }
            Layout l = DetectorJson.layout(path, kp.size() / 3, LAYOUTS, options,
                    "run AlphaPose with a COCO or Halpe-26 model (not Halpe-136 or a whole-body model).");
            if (layout != null && l != layout) {
                throw new PosettaException(path + " mixes " + layout.id() + " and " + l.id() + " detections: give one AlphaPose run.");
            }
            layout = l;
            long n = DetectorJson.frameNumber(image);
            long number = n >= 0 ? n : numbers.computeIfAbsent(image, k -> (long) numbers.size());
            double[] values = new double[kp.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = kp.get(i).asDouble(Double.NaN);
            }
            byNumber.computeIfAbsent(number, k -> new ArrayList<>()).add(values);
        }
        if (layout == null) {
            throw new PosettaException(path + " lists no detection: check that AlphaPose found a person in the video.");
        }
        List<List<double[]>> people = new ArrayList<>();
        for (long f = byNumber.firstKey(); f <= byNumber.lastKey(); f++) {
            people.add(byNumber.getOrDefault(f, List.of()));
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("source", path.toString());
        prov.put("format", id());
        prov.put("first_image_number", byNumber.firstKey());
        prov.put("fps", options.fps().isPresent() ? "given" : "assumed " + DetectorJson.DEFAULT_FPS);
        Keypoints2d k = PersonTrack.keypoints(people, layout, options, options.fps().orElse(DetectorJson.DEFAULT_FPS), null, prov);
        return PoseFile.of(id(), FileNames.stem(path), k);
    }
}
