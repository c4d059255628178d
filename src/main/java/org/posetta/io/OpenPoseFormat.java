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
 *   <li><b>Whom.</b> People with no confident joint are ignored; one person is followed through
 *       the frames as {@link PersonTrack} describes, whatever order OpenPose lists people in.</li>
 *   <li><b>Missing.</b> A frame without the person has confidence 0 for every joint; a joint is
 *       missing where OpenPose gives {@code c = 0}. Confidences are clamped to [0, 1].</li>
 *   <li><b>Rate and size.</b> The frame rate is {@link ReadOptions#fps()}, else 30 fps (the files
 *       do not say). The image size is {@link ReadOptions#imageSize()}, else as
 *       {@link PersonTrack} infers it.</li>
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
                if (PersonTrack.hasConfidentJoint(values)) {
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

        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("source", path.toString());
        prov.put("format", id());
        prov.put("fps", options.fps().isPresent() ? "given" : "assumed " + DEFAULT_FPS);
        Keypoints2d k = PersonTrack.keypoints(people, layout, options, options.fps().orElse(DEFAULT_FPS), null, prov);
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
}
