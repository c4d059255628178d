package org.posetta.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * MediaPipe pose landmarks saved as CSV by a user's script, 33 per frame
 * ({@link Layout#BLAZEPOSE33}), in the two shapes such scripts write:
 * <ul>
 *   <li>wide, one row per frame: columns named by landmark, {@code nose_x, nose_y, nose_z,
 *       nose_visibility, left_eye_inner_x, ...} (any case, {@code _} or {@code .}), or by index,
 *       {@code x0, y0, z0, v0, ...} / {@code x_0} / {@code 0_x} / {@code landmark_0_x} (0-based, or
 *       1-based up to 33); an optional {@code frame} column numbers the frames;</li>
 *   <li>long, one row per landmark: {@code frame, landmark (or landmark_id, id), x, y, z,
 *       visibility}.</li>
 * </ul>
 * Frames are numbered by the frame column where there is one (from its smallest value; frames
 * without rows have no landmarks), else by row order. An empty cell or {@code nan} is a missing
 * landmark; {@code visibility} is the confidence (1 where the file has none), 0 making the landmark
 * missing.
 *
 * <p>What the numbers are is told by the file: world landmarks (metres, origin between the hips,
 * camera axes) where the header or file name says {@code world} or the hip centre sits at the
 * origin in every frame, giving a root-relative camera-frame {@link Motion3d}; otherwise image
 * landmarks, normalised to the image where every |x|, |y| ≤ 1.5 (the image size must then be
 * given with {@code --image-size}) and pixels where not, giving {@link Keypoints2d}. The frame
 * rate is the options', else 30 fps.
 */
public final class MediaPipeCsvFormat implements PoseFormat {
    private static final Layout LAYOUT = Layout.BLAZEPOSE33;
    private static final int J = LAYOUT.size();
    private static final List<String> FRAME_COLUMNS = List.of("frame", "frame_id", "frame_idx", "frame_index",
            "frame_number", "frame_num");
    private static final List<String> LANDMARK_COLUMNS = List.of("landmark", "landmark_id", "landmark_index", "landmark_idx",
            "id", "keypoint", "keypoint_id", "joint", "joint_id");
    /** An indexed column: {@code x12}, {@code x_12}, {@code 12_x}, {@code landmark_12_x}, {@code lm12.x}, {@code visibility_12}. */
    private static final Pattern INDEXED = Pattern.compile(
            "^(?:(x|y|z|v|vis|visibility)[_.]?(\\d+)|(?:landmark|lm|kp|keypoint|point)?[_.]?(\\d+)[_.](x|y|z|v|vis|visibility))$");
    private static final int X = 0;
    private static final int Y = 1;
    private static final int Z = 2;
    private static final int V = 3;

    @Override
    public String id() {
        return "mediapipe-csv";
    }

    @Override
    public String description() {
        return "MediaPipe pose landmark CSV, a row per frame or per landmark (2D image or 3D world landmarks, BlazePose-33)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return false;
        }
        List<String> header = CsvRows.split(CsvRows.firstLine(head));
        int named = 0;
        int indexed = 0;
        boolean landmark = false;
        for (String h : header) {
            String c = column(h);
            named += c.endsWith("_x") && LAYOUT.indexOf(c.substring(0, c.length() - 2)) >= 0 ? 1 : 0;
            indexed += INDEXED.matcher(c).matches() ? 1 : 0;
            landmark |= LANDMARK_COLUMNS.contains(c);
        }
        return named >= 3 || indexed >= 9 || (landmark && header.stream().map(MediaPipeCsvFormat::column).anyMatch("x"::equals)
                && header.stream().map(MediaPipeCsvFormat::column).anyMatch("visibility"::equals));
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) throws IOException {
        List<CsvRows.Row> rows = CsvRows.read(path, "MediaPipe");
        if (rows.size() < 2) {
            throw new PosettaException(path + " has no landmark rows below its header: give the CSV with at least one frame.");
        }
        List<String> header = rows.get(0).fields().stream().map(MediaPipeCsvFormat::column).toList();
        List<CsvRows.Row> data = rows.subList(1, rows.size());
        int frameColumn = firstOf(header, FRAME_COLUMNS);
        int landmarkColumn = firstOf(header, LANDMARK_COLUMNS);
        boolean world = path.getFileName().toString().toLowerCase(Locale.ROOT).contains("world")
                || header.stream().anyMatch(h -> h.contains("world"));
        // per frame number, the 33 landmarks as [x, y, z, visibility] (NaN where absent)
        TreeMap<Long, double[][]> frames = new TreeMap<>();
        if (landmarkColumn >= 0 && header.contains("x") && header.contains("y")) {
            readLong(path, header, data, frameColumn, landmarkColumn, frames);
        } else {
            readWide(path, header, data, frameColumn, options, frames);
        }
        long first = frames.firstKey();
        long count = frames.lastKey() - first + 1;
        if (count > 10_000_000) {
            throw new PosettaException(path + " numbers its frames from " + first + " to " + frames.lastKey()
                    + ": give frame numbers that count the video's frames.");
        }
        int t = (int) count;
        double[][][] lm = new double[t][][];
        frames.forEach((f, v) -> lm[(int) (f - first)] = v);
        world |= hipsAtOrigin(lm);
        double fps = PoseArrays.fps(options, DetectorJson.DEFAULT_FPS, path.toString());
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("source", path.toString());
        prov.put("format", id());
        String name = FileNames.stem(path);
        if (world) {
            float[] xyz = new float[t * J * 3];
            boolean[] valid = new boolean[t * J];
            for (int f = 0; f < t; f++) {
                for (int q = 0; q < J && lm[f] != null; q++) {
                    double[] l = lm[f][q];
                    boolean ok = Double.isFinite(l[X]) && Double.isFinite(l[Y]) && Double.isFinite(l[Z]) && !(l[V] <= 0);
                    valid[f * J + q] = ok;
                    for (int c = 0; c < 3 && ok; c++) {
                        xyz[(f * J + q) * 3 + c] = (float) l[c];
                    }
                }
            }
            prov.put("origin", "between the hips (MediaPipe world landmarks)");
            return PoseFile.of(id(), name, new Motion3d(LAYOUT, fps, CoordinateFrame.CAMERA, xyz, valid, Provenance.of(prov)));
        }
        boolean normalised = true;
        for (double[][] frame : lm) {
            for (int q = 0; q < J && frame != null; q++) {
                normalised &= !(Math.abs(frame[q][X]) > 1.5 || Math.abs(frame[q][Y]) > 1.5);
            }
        }
        int[] size = options.imageSize().orElse(null);
        if (normalised && size == null) {
            throw new PosettaException(path + " holds normalised image landmarks but no image size: give it with"
                    + " --image-size WIDTHxHEIGHT.");
        }
        float[] uv = new float[t * J * 2];
        float[] conf = new float[t * J];
        for (int f = 0; f < t; f++) {
            for (int q = 0; q < J && lm[f] != null; q++) {
                double[] l = lm[f][q];
                double c = Double.isNaN(l[V]) ? 1 : Math.max(0, Math.min(1, l[V]));
                if (c > 0 && Double.isFinite(l[X]) && Double.isFinite(l[Y])) {
                    uv[(f * J + q) * 2] = (float) (normalised ? l[X] * size[0] : l[X]);
                    uv[(f * J + q) * 2 + 1] = (float) (normalised ? l[Y] * size[1] : l[Y]);
                    conf[f * J + q] = (float) c;
                }
            }
        }
        int[] imageSize = PoseArrays.imageSize(options, null, uv, conf, path.toString());
        return PoseFile.of(id(), name, new Keypoints2d(LAYOUT, fps, imageSize[0], imageSize[1], uv, conf, Provenance.of(prov)));
    }

    private static void readLong(Path path, List<String> header, List<CsvRows.Row> data, int frameColumn, int landmarkColumn,
            TreeMap<Long, double[][]> frames) {
        int[] at = {header.indexOf("x"), header.indexOf("y"), header.indexOf("z"), firstOf(header, List.of("visibility", "v", "vis"))};
        if (frameColumn < 0) {
            throw new PosettaException(path + " has a row per landmark but no frame column: add a 'frame' column that numbers"
                    + " the frames.");
        }
        for (CsvRows.Row r : data) {
            long f = (long) CsvRows.number(path, r.line(), header.get(frameColumn), r.get(frameColumn));
            String id = r.get(landmarkColumn);
            int q = LAYOUT.indexOf(column(id));
            if (q < 0) {
                double n = CsvRows.number(path, r.line(), header.get(landmarkColumn), id);
                q = Double.isFinite(n) && n == Math.rint(n) ? (int) n : -1;
            }
            if (q < 0 || q >= J) {
                throw new PosettaException(path + " line " + r.line() + " names landmark '" + id + "', but MediaPipe Pose has 33"
                        + " (0 to 32, nose to right_foot_index): give pose landmarks, not hand or face landmarks.");
            }
            double[] l = frames.computeIfAbsent(f, k -> emptyFrame())[q];
            for (int c = 0; c < 4; c++) {
                l[c] = at[c] < 0 ? Double.NaN : CsvRows.number(path, r.line(), header.get(at[c]), r.get(at[c]));
            }
        }
    }

    private static void readWide(Path path, List<String> header, List<CsvRows.Row> data, int frameColumn, ReadOptions options,
            TreeMap<Long, double[][]> frames) {
        Map<Integer, int[]> byIndex = new HashMap<>();
        Map<Integer, int[]> byName = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            Matcher m = INDEXED.matcher(h);
            if (m.matches()) {
                int q = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
                int c = coordinate(m.group(1) != null ? m.group(1) : m.group(4));
                byIndex.computeIfAbsent(q, k -> new int[] {-1, -1, -1, -1})[c] = i;
                continue;
            }
            int sep = h.lastIndexOf('_');
            if (sep > 0) {
                int q = LAYOUT.indexOf(h.substring(0, sep));
                int c = coordinate(h.substring(sep + 1));
                if (q >= 0 && c >= 0) {
                    byName.computeIfAbsent(q, k -> new int[] {-1, -1, -1, -1})[c] = i;
                }
            }
        }
        Map<Integer, int[]> columns = byName.size() >= byIndex.size() ? byName : byIndex;
        columns.values().removeIf(c -> c[X] < 0 || c[Y] < 0);
        int lo = columns.keySet().stream().min(Integer::compare).orElse(0);
        int hi = columns.keySet().stream().max(Integer::compare).orElse(-1);
        if (columns == byIndex && lo == 1 && hi == J) {
            Map<Integer, int[]> zeroBased = new HashMap<>();
            columns.forEach((q, c) -> zeroBased.put(q - 1, c));
            columns = zeroBased;
        }
        if (columns.size() != J || !columns.keySet().stream().allMatch(q -> q >= 0 && q < J)) {
            throw new PosettaException(path + " has x and y columns for " + columns.size() + " landmarks per frame, not the 33 of"
                    + " MediaPipe Pose (BlazePose-33): give pose landmarks, not hand (21) or face landmarks, with columns"
                    + " such as nose_x, nose_y or x0, y0.");
        }
        if (options.layout().isPresent() && options.layout().get() != LAYOUT) {
            throw new PosettaException(path + " holds 33 BlazePose landmarks, not " + options.layout().get().id()
                    + " keypoints: leave the layout out or give " + LAYOUT.id() + ".");
        }
        long next = 0;
        for (CsvRows.Row r : data) {
            long f = frameColumn >= 0 ? (long) CsvRows.number(path, r.line(), header.get(frameColumn), r.get(frameColumn)) : next;
            next = f + 1;
            double[][] frame = frames.computeIfAbsent(f, k -> emptyFrame());
            for (Map.Entry<Integer, int[]> e : columns.entrySet()) {
                for (int c = 0; c < 4; c++) {
                    int col = e.getValue()[c];
                    frame[e.getKey()][c] = col < 0 ? Double.NaN : CsvRows.number(path, r.line(), header.get(col), r.get(col));
                }
            }
        }
    }

    /** True where every frame with both hips has their midpoint within 1 cm of the origin, as in world landmarks. */
    private static boolean hipsAtOrigin(double[][][] lm) {
        int left = LAYOUT.indexOf("left_hip");
        int right = LAYOUT.indexOf("right_hip");
        int seen = 0;
        for (double[][] frame : lm) {
            if (frame == null || !Double.isFinite(frame[left][X] + frame[right][X] + frame[left][Y] + frame[right][Y])) {
                continue;
            }
            double dx = (frame[left][X] + frame[right][X]) / 2;
            double dy = (frame[left][Y] + frame[right][Y]) / 2;
            if (Math.hypot(dx, dy) > 0.01) {
                return false;
            }
            seen++;
        }
        return seen > 0;
    }

    private static double[][] emptyFrame() {
        double[][] f = new double[J][4];
        for (double[] l : f) {
            Arrays.fill(l, Double.NaN);
        }
        return f;
    }

    private static int coordinate(String c) {
        return switch (c) {
            case "x" -> X;
            case "y" -> Y;
            case "z" -> Z;
            case "v", "vis", "visibility" -> V;
            default -> -1;
        };
    }

    /** A header cell as a column name: lower case, {@code .}, {@code -} and spaces as {@code _}. */
    private static String column(String h) {
        return h.trim().toLowerCase(Locale.ROOT).replaceAll("[.\\- ]", "_");
    }

    private static int firstOf(List<String> header, List<String> names) {
        for (String n : names) {
            int i = header.indexOf(n);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }
}
