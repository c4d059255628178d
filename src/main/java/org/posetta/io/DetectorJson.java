package org.posetta.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.posetta.pose.Layout;
import org.posetta.pose.PosettaException;

/** What the readers of detector JSON files share: parsing with a clear error, the layout by joint count, frame numbers. */
final class DetectorJson {
    /** The rate assumed when neither the file nor the options give one: that of most videos. */
    static final double DEFAULT_FPS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)\\D*$");

    private DetectorJson() {
    }

    static JsonNode read(Path file, String tool) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new PosettaException(file + " line " + e.getLocation().getLineNr() + " is not valid JSON ("
                    + e.getOriginalMessage() + "): give the complete file " + tool + " wrote.", e);
        }
    }

    /**
     * The layout of {@code joints} keypoints per person among {@code known} (count → layout), checked
     * against a layout given in the options.
     */
    static Layout layout(Path file, int joints, Map<Integer, Layout> known, ReadOptions options, String advice) {
        Layout layout = known.get(joints);
        if (layout == null) {
            StringBuilder s = new StringBuilder();
            known.forEach((n, l) -> s.append(s.length() == 0 ? "" : " or ").append(n).append(" (").append(l.displayName()).append(')'));
            throw new PosettaException(file + " has " + joints + " keypoints per person, not " + s + ": " + advice);
        }
        if (options.layout().isPresent() && options.layout().get() != layout) {
            throw new PosettaException(file + " holds " + joints + "-joint " + layout.id() + " keypoints, not "
                    + options.layout().get().id() + ": leave the layout out or give " + layout.id() + ".");
        }
        return layout;
    }

    static Map<Integer, Layout> counts(Object... countsAndLayouts) {
        Map<Integer, Layout> m = new LinkedHashMap<>();
        for (int i = 0; i < countsAndLayouts.length; i += 2) {
            m.put((Integer) countsAndLayouts[i], (Layout) countsAndLayouts[i + 1]);
        }
        return m;
    }

    /** The last number in an image name ({@code frame_000012.jpg} → 12), or -1. */
    static long frameNumber(String name) {
        Matcher m = LAST_NUMBER.matcher(name);
        if (!m.find()) {
            return -1;
        }
        String digits = m.group(1);
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    /** The head of a file as text, for recognising it by content. */
    static String text(byte[] head) {
        return new String(head, StandardCharsets.UTF_8);
    }
}
