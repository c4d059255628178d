package org.posetta.adapt.semantic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.posetta.pose.PosettaException;

/**
 * What the person does in each frame of one video: a sentence per frame, or none where the frame
 * is unlabelled. Immutable.
 *
 * <p>A label file is JSON: {@code {"segments": [{"start": 0, "end": 120, "text": "a person
 * walks"}, ...]}}, or the bare array of segments. {@code start} is inclusive and {@code end}
 * exclusive, both in frames of the video; segments may come in any order but must not overlap;
 * frames no segment covers are unlabelled.
 */
public final class Labels {
    /** A label file is read whole; far larger than a segment list of any video needs. */
    static final long MAX_FILE_BYTES = 16L << 20;
    private static final String EXAMPLE = "{\"segments\": [{\"start\": 0, \"end\": 120, \"text\": \"a person walks\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64)
                    .maxStringLength(1 << 20).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String[] perFrame;
    /** {@code runEnd[t]}: the first frame after t whose label differs from frame t's (or the length). */
    private final int[] runEnd;

    private Labels(String[] perFrame) {
        this.perFrame = perFrame;
        this.runEnd = new int[perFrame.length];
        for (int t = perFrame.length - 1; t >= 0; t--) {
            boolean sameAsNext = t + 1 < perFrame.length && Objects.equals(perFrame[t], perFrame[t + 1]);
            runEnd[t] = sameAsNext ? runEnd[t + 1] : t + 1;
        }
    }

    /** {@code text} for every one of {@code frames} frames (a Human3.6M action, say). */
    public static Labels constant(String text, int frames) {
        if (text == null || text.isBlank() || frames < 0) {
            throw new IllegalArgumentException("a label needs a text and frames >= 0, got '" + text + "' for " + frames);
        }
        String[] labels = new String[frames];
        Arrays.fill(labels, text);
        return new Labels(labels);
    }

    /** A copy of {@code perFrame}; {@code null} marks an unlabelled frame. */
    public static Labels of(String[] perFrame) {
        String[] copy = perFrame.clone();
        for (int t = 0; t < copy.length; t++) {
            if (copy[t] != null && copy[t].isBlank()) {
                throw new IllegalArgumentException("frame " + t + " has a blank label; use null for an unlabelled frame");
            }
        }
        return new Labels(copy);
    }

    /**
     * The label file {@code file} for a video of {@code frames} frames (see the class comment).
     *
     * @throws PosettaException naming the file (and the segment) when it is unreadable, over 16 MiB,
     *                          not JSON, not a segment list, or has a segment that is out of range,
     *                          overlaps another, has no text or has more segments than frames
     */
    public static Labels read(Path file, int frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("frames < 0: " + frames);
        }
        JsonNode root = parse(file);
        JsonNode segments = root.isArray() ? root : root.path("segments");
        if (!segments.isArray()) {
            throw new PosettaException("The label file " + file + " has no 'segments' array: write " + EXAMPLE + ".");
        }
        if (segments.size() > frames) {
            throw new PosettaException("The label file " + file + " has " + segments.size() + " segments for a video of "
                    + frames + " frames: give at most one segment per frame, for this video.");
        }
        List<Segment> list = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            list.add(segment(file, segments.get(i), i, frames));
        }
        list.sort(Comparator.comparingInt(Segment::start));
        String[] labels = new String[frames];
        for (int k = 0; k < list.size(); k++) {
            Segment s = list.get(k);
            if (k > 0 && list.get(k - 1).end() > s.start()) {
                Segment p = list.get(k - 1);
                throw new PosettaException("In the label file " + file + ", segment " + s.index() + " (frames " + s.start()
                        + " to " + s.end() + ") overlaps segment " + p.index() + " (frames " + p.start() + " to " + p.end()
                        + "): give each frame at most one segment.");
            }
            Arrays.fill(labels, s.start(), s.end(), s.text());
        }
        return new Labels(labels);
    }

    /** The number of frames of the video. */
    public int frames() {
        return perFrame.length;
    }

    /** The sentence of frame {@code frame}, or {@code null} where it is unlabelled. */
    public String at(int frame) {
        return perFrame[frame];
    }

    /** The different sentences, in order of first appearance; unlabelled frames add none. */
    public List<String> distinct() {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String s : perFrame) {
            if (s != null) {
                seen.add(s);
            }
        }
        return List.copyOf(seen);
    }

    /**
     * Whether every frame of {@code [from, to)} carries the same sentence (none unlabelled): the
     * segments on which SA-TTA aligns motion and text. Constant time.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from < to <= frames()}
     */
    public boolean uniform(int from, int to) {
        if (from < 0 || from >= to || to > perFrame.length) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + perFrame.length + " frames");
        }
        return perFrame[from] != null && runEnd[from] >= to;
    }

    /** One segment as the file gives it; {@code index} is its place in the file, from 0. */
    private record Segment(int index, int start, int end, String text) {
    }

    private static JsonNode parse(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new PosettaException("The label file " + file
                        + " is larger than 16 MiB: give one segment per run of frames with the same action.");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PosettaException("Cannot read the label file " + file + " (" + e.getMessage()
                    + "): give a readable JSON file such as " + EXAMPLE + ".", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            String where = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() : "";
            throw new PosettaException("The label file " + file + " is not valid JSON" + where + ": write " + EXAMPLE + ".", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new PosettaException("The label file " + file + " is empty: write " + EXAMPLE + ".");
        }
        return root;
    }

    private static Segment segment(Path file, JsonNode node, int index, int frames) {
        String which = "Segment " + index + " of the label file " + file;
        if (!node.isObject()) {
            throw new PosettaException(which + " is not an object: write it as {\"start\": 0, \"end\": 120, "
                    + "\"text\": \"a person walks\"}.");
        }
        int start = frame(node.get("start"), "start", which, frames);
        int end = frame(node.get("end"), "end", which, frames);
        if (start >= end) {
            throw new PosettaException(which + " starts at frame " + start + " but ends at " + end
                    + ": 'end' is exclusive and must be greater than 'start'.");
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new PosettaException(which + " has no 'text': give a sentence such as \"a person walks\".");
        }
        return new Segment(index, start, end, text.asText().strip());
    }

    private static int frame(JsonNode value, String name, String which, int frames) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()
                || value.intValue() < 0 || value.intValue() > frames) {
            String given = value == null ? "has no '" + name + "'" : "has '" + name + "' = " + shown(value);
            throw new PosettaException(which + " " + given + ": give a whole number of frames from 0 to " + frames
                    + " (the video's length).");
        }
        return value.intValue();
    }

    /** A value as the message quotes it, cut short: a fuzzed file may hold megabytes in one string. */
    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
