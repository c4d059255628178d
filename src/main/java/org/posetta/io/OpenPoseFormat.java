package org.posetta.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * OpenPose's JSON output ({@code --write_json}): a folder with one {@code *_keypoints.json} per
 * frame, each holding {@code people[].pose_keypoints_2d} as flat {@code [x, y, c]} triples in
 * pixels: 25 joints are {@link Layout#BODY25}, 18 are {@link Layout#COCO18}. Read into one
 * {@link Keypoints2d} of a single person.
 *
 * <ul>
 *   <li><b>Order.</b> Frames are the files sorted by the last number in their name before
 *       {@code _keypoints.json} ({@code video_000000000012_keypoints.json} is frame 12), then by
 *       name; one file per frame, as OpenPose writes them.</li>
 *   <li><b>Whom.</b> People with no confident joint are ignored. In the first frame with anyone,
 *       the person with the largest {@code Σ c × box diagonal} (the bounding box of the joints
 *       with {@code c > 0}), i.e. large and well detected. In each later frame, the person whose
 *       box overlaps the last chosen box most (IoU); if none overlaps, the one whose box centre is
 *       nearest, if within one box diagonal per frame since the last match; else nobody. So the
 *       choice follows a person whatever order OpenPose lists people in.</li>
 *   <li><b>Missing.</b> A frame without the person has confidence 0 for every joint; a joint is
 *       missing where OpenPose gives {@code c = 0}. Confidences are clamped to [0, 1].</li>
 *   <li><b>Rate and size.</b> The frame rate is {@link ReadOptions#fps()}, else 30 fps (the files
 *       do not say). The image size is {@link ReadOptions#imageSize()}, else the smallest that
 *       contains every confident keypoint of every person: {@code floor(max x) + 1} by
 *       {@code floor(max y) + 1}.</li>
 * </ul>
 */
public final class OpenPoseFormat implements PoseFormat {
    /** The rate assumed when the options give none: that of most videos OpenPose is run on. */
    static final double DEFAULT_FPS = 30;
    private static final String SUFFIX = "_keypoints.json";
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)\\D*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "openpose";
    }

    @Override
    public String description() {
        return "OpenPose JSON folder, one *_keypoints.json per frame (2D, BODY-25 or COCO-18)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path, "*" + SUFFIX)) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) throws IOException {
        if (!Files.isDirectory(path)) {
            throw new PosettaException(path + " is not a folder: give the folder of OpenPose's per-frame *" + SUFFIX + " files.");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path, "*" + SUFFIX)) {
            dir.forEach(files::add);
        }
        if (files.isEmpty()) {
            throw new PosettaException(path + " holds no *" + SUFFIX + " files: give the folder OpenPose wrote with --write_json.");
        }
        files.sort(Comparator.comparingLong(OpenPoseFormat::frameNumber).thenComparing(p -> p.getFileName().toString()));

        int joints = -1;
        List<List<double[]>> people = new ArrayList<>();
        for (Path file : files) {
            List<double[]> frame = new ArrayList<>();
            for (JsonNode person : readJson(file).path("people")) {
                JsonNode kp = person.path("pose_keypoints_2d");
                if (!kp.isArray() || kp.isEmpty()) {
                    continue;
                }
                if (kp.size() % 3 != 0 || (kp.size() / 3 != 25 && kp.size() / 3 != 18)) {
                    throw new PosettaException(file + " has a pose_keypoints_2d of " + kp.size()
                            + " numbers, not 25 or 18 joints of (x, y, c): run OpenPose with the BODY_25 or COCO model.");
                }
                if (joints >= 0 && kp.size() / 3 != joints) {
                    throw new PosettaException(file + " has " + kp.size() / 3 + " joints per person where earlier frames have "
                            + joints + ": give a folder from a single OpenPose run.");
                }
                joints = kp.size() / 3;
                double[] values = new double[kp.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = kp.get(i).asDouble(Double.NaN);
                }
                if (hasConfidentJoint(values)) {
                    frame.add(values);
                }
            }
            people.add(frame);
        }
        if (joints < 0 || people.stream().allMatch(List::isEmpty)) {
            throw new PosettaException(path + " has no person in any of its " + files.size()
                    + " frames: check that OpenPose ran on the right video.");
        }
        Layout layout = joints == 25 ? Layout.BODY25 : Layout.COCO18;
        if (options.layout().isPresent() && options.layout().get() != layout) {
            throw new PosettaException(path + " holds " + joints + "-joint " + layout.id() + " keypoints, not "
                    + options.layout().get().id() + ": leave the layout out or give " + layout.id() + ".");
        }

        int frames = files.size();
        float[] uv = new float[frames * joints * 2];
        float[] conf = new float[frames * joints];
        double[] last = null;
        int sinceMatch = 0;
        for (int f = 0; f < frames; f++) {
            sinceMatch++;
            double[] chosen = last == null ? largest(people.get(f)) : follow(people.get(f), last, sinceMatch);
            if (chosen == null) {
                continue;
            }
            last = box(chosen);
            sinceMatch = 0;
            for (int j = 0; j < joints; j++) {
                double x = chosen[3 * j];
                double y = chosen[3 * j + 1];
                double c = chosen[3 * j + 2];
                if (c > 0 && Double.isFinite(x) && Double.isFinite(y)) {
                    uv[(f * joints + j) * 2] = (float) x;
                    uv[(f * joints + j) * 2 + 1] = (float) y;
                    conf[f * joints + j] = (float) Math.min(1, c);
                }
            }
        }

        int[] size = options.imageSize().orElseGet(() -> extent(people));
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("source", path.toString());
        prov.put("format", id());
        prov.put("person", "largest in the first frame, then followed by box overlap");
        prov.put("fps", options.fps().isPresent() ? "given" : "assumed " + DEFAULT_FPS);
        Keypoints2d k = new Keypoints2d(layout, options.fps().orElse(DEFAULT_FPS), size[0], size[1], uv, conf,
                Provenance.of(prov));
        return PoseFile.of(id(), path.toAbsolutePath().getFileName().toString(), k);
    }

    private static long frameNumber(Path file) {
        String name = file.getFileName().toString();
        Matcher m = LAST_NUMBER.matcher(name.substring(0, name.length() - SUFFIX.length()));
        if (!m.find()) {
            return -1;
        }
        String digits = m.group(1);
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new PosettaException(file + " line " + e.getLocation().getLineNr() + " is not valid JSON ("
                    + e.getOriginalMessage() + "): give the complete files OpenPose wrote.", e);
        }
    }

    private static boolean hasConfidentJoint(double[] kp) {
        for (int j = 0; j < kp.length / 3; j++) {
            if (kp[3 * j + 2] > 0 && Double.isFinite(kp[3 * j]) && Double.isFinite(kp[3 * j + 1])) {
                return true;
            }
        }
        return false;
    }

    /** Bounding box {@code (x0, y0, x1, y1)} of the confident joints. */
    private static double[] box(double[] kp) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int j = 0; j < kp.length / 3; j++) {
            double x = kp[3 * j];
            double y = kp[3 * j + 1];
            if (kp[3 * j + 2] > 0 && Double.isFinite(x) && Double.isFinite(y)) {
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.max(b[2], x);
                b[3] = Math.max(b[3], y);
            }
        }
        return b;
    }

    private static double diagonal(double[] b) {
        return Math.hypot(b[2] - b[0], b[3] - b[1]);
    }

    private static double[] largest(List<double[]> people) {
        double[] best = null;
        double bestScore = -1;
        for (double[] kp : people) {
            double sum = 0;
            for (int j = 0; j < kp.length / 3; j++) {
                sum += Math.max(0, Math.min(1, kp[3 * j + 2]));
            }
            double score = sum * diagonal(box(kp));
            if (score > bestScore) {
                bestScore = score;
                best = kp;
            }
        }
        return best;
    }

    private static double[] follow(List<double[]> people, double[] last, int framesSince) {
        double[] best = null;
        double bestIou = 0;
        double[] nearest = null;
        double nearestDistance = Double.POSITIVE_INFINITY;
        for (double[] kp : people) {
            double[] b = box(kp);
            double iou = iou(b, last);
            if (iou > bestIou) {
                bestIou = iou;
                best = kp;
            }
            double d = Math.hypot((b[0] + b[2] - last[0] - last[2]) / 2, (b[1] + b[3] - last[1] - last[3]) / 2);
            if (d < nearestDistance) {
                nearestDistance = d;
                nearest = kp;
            }
        }
        if (best != null) {
            return best;
        }
        return nearestDistance <= Math.max(diagonal(last), 1) * framesSince ? nearest : null;
    }

    private static double iou(double[] a, double[] b) {
        double w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }

    private static int[] extent(List<List<double[]>> people) {
        double maxX = 0;
        double maxY = 0;
        for (List<double[]> frame : people) {
            for (double[] kp : frame) {
                double[] b = box(kp);
                maxX = Math.max(maxX, b[2]);
                maxY = Math.max(maxY, b[3]);
            }
        }
        return new int[] {(int) Math.floor(maxX) + 1, (int) Math.floor(maxY) + 1};
    }
}
