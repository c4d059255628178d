package org.posetta.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.posetta.pose.Layout;
import org.posetta.pose.PosettaException;

/**
 * DeepLabCut's CSV of predictions or labels: header rows {@code scorer}, optionally
 * {@code individuals} (multi-animal projects), {@code bodyparts} and {@code coords} ({@code x, y}
 * and, for predictions, {@code likelihood}), then one row per frame whose leading cells index the
 * frame (a number or an image path). Pixels; the likelihood is the confidence (1 for labels),
 * an empty cell a missing body part.
 *
 * <p>DeepLabCut's body parts are named by the user, so the layout is found by name: each name is
 * compared with the joints of posetta's layouts regardless of case, separators and the side
 * written as prefix or suffix ({@code LShoulder}, {@code shoulder_l} and {@code left_shoulder} are
 * one joint), and the layout with most joints named wins (the smaller one on a tie); it must name
 * both shoulders, elbows, wrists, hips, knees and ankles. Its joints the file lacks are missing,
 * and body parts outside it are ignored. {@code --in-layout} chooses the layout instead. With
 * several individuals one person is followed ({@link PersonTrack}). The image size is the
 * options', else the extent of the keypoints; the frame rate the options', else 30 fps.
 */
public final class DeepLabCutFormat implements PoseFormat {
    private static final List<String> LIMBS = List.of("shoulder", "elbow", "wrist", "hip", "knee", "ankle");

    @Override
    public String id() {
        return "deeplabcut";
    }

    @Override
    public String description() {
        return "DeepLabCut CSV of predictions or labels (2D, layout found from the body-part names)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                && CsvRows.firstLine(head).startsWith("scorer,");
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) throws IOException {
        List<CsvRows.Row> rows = CsvRows.read(path, "DeepLabCut");
        int bodypartsRow = headerRow(rows, "bodyparts");
        int coordsRow = headerRow(rows, "coords");
        int individualsRow = headerRow(rows, "individuals");
        if (bodypartsRow < 0 || coordsRow < 0) {
            throw new PosettaException(path + " lacks DeepLabCut's 'bodyparts' and 'coords' header rows: give the CSV that"
                    + " DeepLabCut wrote (analyze_videos with save_as_csv=True), unchanged.");
        }
        List<String> parts = rows.get(bodypartsRow).fields();
        List<String> coords = rows.get(coordsRow).fields();
        int start = 1;
        while (start < coords.size() && !coordinate(coords.get(start))) {
            start++;
        }
        // the columns of each (individual, body part): x, y and the likelihood where there is one
        Map<String, Map<String, int[]>> columns = new LinkedHashMap<>();
        for (int i = start; i < coords.size(); i++) {
            String who = individualsRow >= 0 ? rows.get(individualsRow).get(i) : "";
            if (who.equals("single")) {
                continue;
            }
            int[] c = columns.computeIfAbsent(who, k -> new LinkedHashMap<>()).computeIfAbsent(parts.get(i), k -> new int[] {-1, -1, -1});
            switch (coords.get(i).toLowerCase(Locale.ROOT)) {
                case "x" -> c[0] = i;
                case "y" -> c[1] = i;
                case "likelihood" -> c[2] = i;
                default -> throw new PosettaException(path + " has the coordinate '" + coords.get(i) + "' in column " + (i + 1)
                        + ": DeepLabCut writes x, y and likelihood; give the file as DeepLabCut wrote it.");
            }
        }
        if (columns.isEmpty()) {
            throw new PosettaException(path + " names no body parts: give the CSV that DeepLabCut wrote.");
        }
        Set<String> named = new LinkedHashSet<>(columns.values().iterator().next().keySet());
        Layout layout = options.layout().orElseGet(() -> layoutOf(path, named));
        Map<Integer, String> partOf = new LinkedHashMap<>();
        for (String part : named) {
            for (int j = 0; j < layout.size(); j++) {
                if (key(layout.joint(j)).equals(key(part))) {
                    partOf.putIfAbsent(j, part);
                }
            }
        }
        if (partOf.size() * 2 < layout.size()) {
            throw new PosettaException(path + " names " + partOf.size() + " of the " + layout.size() + " joints of " + layout.id()
                    + " (body parts: " + String.join(", ", named) + "): give the layout the body parts were labelled with.");
        }
        int firstData = Math.max(Math.max(bodypartsRow, coordsRow), individualsRow) + 1;
        List<List<double[]>> people = new ArrayList<>();
        for (CsvRows.Row r : rows.subList(firstData, rows.size())) {
            List<double[]> frame = new ArrayList<>();
            for (Map<String, int[]> individual : columns.values()) {
                double[] kp = new double[layout.size() * 3];
                for (Map.Entry<Integer, String> e : partOf.entrySet()) {
                    int[] c = individual.get(e.getValue());
                    int j = e.getKey();
                    kp[3 * j] = c == null || c[0] < 0 ? Double.NaN : CsvRows.number(path, r.line(), "x", r.get(c[0]));
                    kp[3 * j + 1] = c == null || c[1] < 0 ? Double.NaN : CsvRows.number(path, r.line(), "y", r.get(c[1]));
                    double likelihood = c == null || c[2] < 0 ? 1 : CsvRows.number(path, r.line(), "likelihood", r.get(c[2]));
                    kp[3 * j + 2] = Double.isFinite(kp[3 * j]) && Double.isFinite(kp[3 * j + 1]) && Double.isFinite(likelihood)
                            ? Math.max(0, likelihood) : 0;
                }
                frame.add(kp);
            }
            people.add(frame);
        }
        if (people.isEmpty()) {
            throw new PosettaException(path + " has no frame rows below its header: give the CSV with at least one frame.");
        }
        double fps = PoseArrays.fps(options, DetectorJson.DEFAULT_FPS, path.toString());
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("source", path.toString());
        prov.put("format", id());
        prov.put("scorer", rows.get(0).get(start));
        Map<String, String> used = new LinkedHashMap<>();
        partOf.forEach((j, part) -> used.put(layout.joint(j), part));
        prov.put("body_parts", used);
        return PoseFile.of(id(), FileNames.stem(path), PersonTrack.keypoints(people, layout, options, fps, null, prov));
    }

    /** The layout the body-part names spell, by the rule in the class comment. */
    private static Layout layoutOf(Path path, Set<String> parts) {
        Set<String> keys = new LinkedHashSet<>();
        parts.forEach(p -> keys.add(key(p)));
        Layout best = null;
        int bestCount = 0;
        for (Layout l : Layout.all()) {
            int n = (int) l.joints().stream().filter(j -> keys.contains(key(j))).count();
            if (n > bestCount || (n == bestCount && best != null && l.size() < best.size())) {
                best = l;
                bestCount = n;
            }
        }
        boolean limbs = LIMBS.stream().allMatch(limb -> keys.contains("left" + limb) && keys.contains("right" + limb));
        if (best == null || !limbs) {
            throw new PosettaException(path + " has the body parts " + String.join(", ", parts) + ", which name no human"
                    + " skeleton posetta knows (both shoulders, elbows, wrists, hips, knees and ankles are needed): label them"
                    + " with the joint names of a layout such as coco17 (nose, left_eye, ..., left_shoulder, ...), or give it"
                    + " with --in-layout.");
        }
        return best;
    }

    /**
     * A joint or body-part name reduced to letters and digits with the side first:
     * {@code LShoulder}, {@code shoulder_l}, {@code Left-Shoulder} → {@code leftshoulder}.
     */
    static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String[] words = n.split("[^a-z0-9]+");
        String side = "";
        List<String> rest = new ArrayList<>();
        for (String w : words) {
            if (w.equals("l") || w.equals("left")) {
                side = "left";
            } else if (w.equals("r") || w.equals("right")) {
                side = "right";
            } else if (!w.isEmpty()) {
                rest.add(w);
            }
        }
        String body = String.join("", rest);
        if (side.isEmpty() && rest.size() == 1) {
            // one word: leftshoulder, shoulderleft, LShoulder, lshoulder, shoulderL
            for (String s : new String[] {"left", "right"}) {
                if (body.length() > s.length() && body.startsWith(s)) {
                    return s + body.substring(s.length());
                }
                if (body.length() > s.length() && body.endsWith(s)) {
                    return s + body.substring(0, body.length() - s.length());
                }
            }
            String word = name.trim();
            char first = word.charAt(0);
            char last = word.charAt(word.length() - 1);
            if (body.length() >= 4 && "LRlr".indexOf(first) >= 0) {
                return (Character.toLowerCase(first) == 'l' ? "left" : "right") + body.substring(1);
            }
            if (body.length() >= 4 && "LR".indexOf(last) >= 0 && Character.isLowerCase(word.charAt(word.length() - 2))) {
                return (last == 'L' ? "left" : "right") + body.substring(0, body.length() - 1);
            }
        }
        return side + body;
    }

    private static boolean coordinate(String c) {
        String s = c.toLowerCase(Locale.ROOT);
        return s.equals("x") || s.equals("y") || s.equals("likelihood");
    }

    private static int headerRow(List<CsvRows.Row> rows, String name) {
        for (int i = 0; i < Math.min(rows.size(), 6); i++) {
            if (rows.get(i).get(0).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
