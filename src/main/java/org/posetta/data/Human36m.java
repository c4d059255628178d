package org.posetta.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.posetta.geometry.Camera;
import org.posetta.io.H36mNpzFormat;
import org.posetta.io.NdArray;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * Human3.6M (Ionescu et al., TPAMI 2014) as the 2D→3D lifting literature uses it, from a folder
 * with {@code data_3d_h36m.npz} (world-frame 3D, H36M-17, 50 fps), {@code data_2d_h36m_sh.npz}
 * (Stacked Hourglass detections, MPII-16, one array per camera in the order of
 * {@code metadata['cameras']}) and {@code cameras.json} (per subject and camera: R, T_mm, f, c,
 * k, p, width, height). Kept are the sequences with 3D and detections for every camera of the
 * subject, all of the 3D's length; others are left out.
 *
 * <p>Loading keeps the world-frame 3D and the detections of the chosen subjects (about 350 MB
 * for all seven); a {@link Sequence}, one (subject, action, camera), is computed when asked for:
 * camera-frame 3D, its projection with distortion and the detections. Iterate {@link #sequences()}
 * to visit them one at a time, or load fewer subjects to use less memory.
 *
 * <p>Non-commercial research use only (Human3.6M licence).
 */
public final class Human36m {
    /** The literature's training subjects (protocols #1 and #2). */
    public static final List<String> TRAIN_SUBJECTS = List.of("S1", "S5", "S6", "S7", "S8");
    /** The literature's test subjects. */
    public static final List<String> TEST_SUBJECTS = List.of("S9", "S11");
    /** The 15 action classes, spelled as in the files' action names. */
    public static final List<String> ACTION_CLASSES = List.of("Directions", "Discussion", "Eating", "Greeting", "Phoning",
            "Photo", "Posing", "Purchases", "Sitting", "SittingDown", "Smoking", "Waiting", "WalkDog", "Walking", "WalkTogether");
    public static final String FILE_3D = "data_3d_h36m.npz";
    public static final String FILE_2D = "data_2d_h36m_sh.npz";
    public static final String FILE_CAMERAS = "cameras.json";

    /**
     * One sequence seen by one camera.
     *
     * @param positions3d   camera frame, metres, absolute (not root-relative), H36M-17, 50 fps
     * @param groundTruth2d {@code positions3d} projected with the camera's distortion, H36M-17
     * @param detections    Stacked Hourglass detections, MPII-16, confidence 1
     */
    public record Sequence(String subject, String action, Camera camera, Motion3d positions3d, Keypoints2d groundTruth2d,
            Keypoints2d detections) {
        /** The action class, e.g. {@code Walking} for {@code Walking 1}. */
        public String actionClass() {
            return Human36m.actionClass(action);
        }

        /** {@code subject/action/camera}, e.g. {@code S9/Walking 1/54138969}. */
        public String name() {
            return subject + "/" + action + "/" + camera.id();
        }

        public int frames() {
            return positions3d.frames();
        }

        /** Frames {@code [from, to)} of the 3D, the ground-truth 2D and the detections. */
        public Sequence slice(int from, int to) {
            return new Sequence(subject, action, camera, positions3d.slice(from, to), groundTruth2d.slice(from, to),
                    detections.slice(from, to));
        }
    }

    private final Path folder;
    /** subject → camera id → camera, cameras in the order of the detections. */
    private final Map<String, Map<String, Camera>> cameras;
    /** subject → action → world-frame positions, T·17·3. */
    private final Map<String, Map<String, float[]>> world;
    /** subject → action → per camera detections, T·16·2. */
    private final Map<String, Map<String, List<float[]>>> detections;

    private Human36m(Path folder, Map<String, Map<String, Camera>> cameras, Map<String, Map<String, float[]>> world,
            Map<String, Map<String, List<float[]>>> detections) {
        this.folder = folder;
        this.cameras = cameras;
        this.world = world;
        this.detections = detections;
    }

    /** The {@code h36m} folder of the data location ({@link DataLocation}), if it holds the three files. */
    public static Optional<Path> find() {
        return DataLocation.find("h36m").filter(
                p -> Files.isRegularFile(p.resolve(FILE_3D)) && Files.isRegularFile(p.resolve(FILE_2D))
                        && Files.isRegularFile(p.resolve(FILE_CAMERAS)));
    }

    /** Loads every subject in the files. */
    public static Human36m load(Path folder) {
        return load(folder, null);
    }

    /**
     * Loads the given subjects ({@code S1}, ..., {@code S11}); null for all in the files.
     *
     * @throws PosettaException when a file is missing or damaged, or a subject is not in the files
     */
    public static Human36m load(Path folder, Collection<String> subjects) {
        Path file3d = require(folder, FILE_3D);
        Path file2d = require(folder, FILE_2D);
        Path fileCameras = require(folder, FILE_CAMERAS);
        Set<String> wanted = subjects == null ? null : new LinkedHashSet<>(subjects);
        Map<String, Map<String, NdArray>> positions = H36mNpzFormat.readPositions3d(file3d, s -> wanted == null || wanted.contains(s));
        if (wanted != null && !positions.keySet().containsAll(wanted)) {
            Set<String> missing = new LinkedHashSet<>(wanted);
            missing.removeAll(positions.keySet());
            throw new PosettaException(file3d + " has no subject " + String.join(", ", missing) + ": choose from "
                    + String.join(", ", TRAIN_SUBJECTS) + ", " + String.join(", ", TEST_SUBJECTS) + ".");
        }
        H36mNpzFormat.Positions2d sh = H36mNpzFormat.readPositions2d(file2d, positions::containsKey);
        if (sh.layoutName() != null && !sh.layoutName().equals(Layout.MPII16.id())) {
            throw new PosettaException(file2d + " holds " + sh.layoutName() + " keypoints but Stacked Hourglass detections are "
                    + Layout.MPII16.id() + ": give the data_2d_h36m_sh.npz of the data folder.");
        }
        Map<String, Map<String, Camera>> allCameras = readCameras(fileCameras);

        Map<String, Map<String, Camera>> cams = new LinkedHashMap<>();
        Map<String, Map<String, float[]>> world = new LinkedHashMap<>();
        Map<String, Map<String, List<float[]>>> det = new LinkedHashMap<>();
        for (String subject : positions.keySet()) {
            Map<String, Camera> byId = allCameras.get(subject);
            if (byId == null) {
                throw new PosettaException(fileCameras + " has no cameras for " + subject + ": give the cameras.json of the data folder.");
            }
            Map<String, Camera> ordered = orderCameras(byId, sh.cameras(), fileCameras, subject);
            Map<String, float[]> w = new LinkedHashMap<>();
            Map<String, List<float[]>> d = new LinkedHashMap<>();
            Map<String, List<NdArray>> shSubject = sh.arrays().getOrDefault(subject, Map.of());
            positions.get(subject).forEach((action, xyz) -> {
                List<NdArray> perCamera = shSubject.get(action);
                if (perCamera == null || perCamera.size() != ordered.size()) {
                    return;
                }
                List<float[]> uv = new ArrayList<>();
                for (NdArray a : perCamera) {
                    if (!a.hasShape(xyz.dim(0), Layout.MPII16.size(), 2)) {
                        return;
                    }
                    uv.add(a.toFloats());
                }
                w.put(action, xyz.toFloats());
                d.put(action, List.copyOf(uv));
            });
            cams.put(subject, Collections.unmodifiableMap(ordered));
            world.put(subject, Collections.unmodifiableMap(w));
            det.put(subject, Collections.unmodifiableMap(d));
        }
        return new Human36m(folder, Collections.unmodifiableMap(cams), Collections.unmodifiableMap(world),
                Collections.unmodifiableMap(det));
    }

    /** The action class of an action name: the part before the space ({@code Walking 1} → {@code Walking}). */
    public static String actionClass(String action) {
        int space = action.indexOf(' ');
        return space < 0 ? action : action.substring(0, space);
    }

    /** The loaded subjects, in file order. */
    public List<String> subjects() {
        return List.copyOf(world.keySet());
    }

    /** The kept actions of a subject, in file order. */
    public List<String> actions(String subject) {
        return List.copyOf(subjectMap(world, subject).keySet());
    }

    /** The subject's camera ids, in the order of the detections. */
    public List<String> cameraIds(String subject) {
        return List.copyOf(subjectMap(cameras, subject).keySet());
    }

    public Camera camera(String subject, String cameraId) {
        Camera c = subjectMap(cameras, subject).get(cameraId);
        if (c == null) {
            throw new PosettaException("Human3.6M subject " + subject + " has no camera " + cameraId + ": use one of "
                    + String.join(", ", cameraIds(subject)) + ".");
        }
        return c;
    }

    /** Frames of one sequence (the same for 3D and every camera's detections). */
    public int frames(String subject, String action) {
        return worldArray(subject, action).length / (Layout.H36M17.size() * 3);
    }

    /** Frames of 3D over all loaded sequences (each camera sees the same frames). */
    public long totalFrames() {
        long n = 0;
        for (Map<String, float[]> actions : world.values()) {
            for (float[] xyz : actions.values()) {
                n += xyz.length / (Layout.H36M17.size() * 3);
            }
        }
        return n;
    }

    /** The world-frame 3D of one sequence, metres, H36M-17, 50 fps. */
    public Motion3d worldPositions(String subject, String action) {
        return new Motion3d(Layout.H36M17, H36mNpzFormat.FPS, CoordinateFrame.WORLD, worldArray(subject, action), null,
                provenance(FILE_3D, subject, action, null));
    }

    /** One sequence seen by one camera, computed now. */
    public Sequence sequence(String subject, String action, String cameraId) {
        Camera camera = camera(subject, cameraId);
        float[] xyz = worldArray(subject, action).clone();
        camera.worldToCamera(xyz, xyz);
        Motion3d positions = new Motion3d(Layout.H36M17, H36mNpzFormat.FPS, CoordinateFrame.CAMERA, xyz, null,
                provenance(FILE_3D, subject, action, cameraId));
        Keypoints2d groundTruth = camera.project(positions);
        int index = cameraIds(subject).indexOf(cameraId);
        float[] uv = detections.get(subject).get(action).get(index);
        Keypoints2d detected = new Keypoints2d(Layout.MPII16, H36mNpzFormat.FPS, camera.width(), camera.height(), uv, null,
                provenance(FILE_2D, subject, action, cameraId));
        return new Sequence(subject, action, camera, positions, groundTruth, detected);
    }

    /** Every (subject, action, camera) in file order, each computed when the stream reaches it. */
    public Stream<Sequence> sequences() {
        return world.keySet().stream().flatMap(subject -> world.get(subject).keySet().stream()
                .flatMap(action -> cameras.get(subject).keySet().stream().map(camera -> sequence(subject, action, camera))));
    }

    private float[] worldArray(String subject, String action) {
        float[] xyz = subjectMap(world, subject).get(action);
        if (xyz == null) {
            throw new PosettaException("Human3.6M subject " + subject + " has no sequence '" + action + "': use one of "
                    + String.join(", ", actions(subject)) + ".");
        }
        return xyz;
    }

    private <V> Map<String, V> subjectMap(Map<String, Map<String, V>> bySubject, String subject) {
        Map<String, V> m = bySubject.get(subject);
        if (m == null) {
            throw new PosettaException("Human3.6M subject " + subject + " is not loaded from " + folder + ": use one of "
                    + String.join(", ", world.keySet()) + ".");
        }
        return m;
    }

    private Provenance provenance(String file, String subject, String action, String camera) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", folder.resolve(file).toString());
        p.put("dataset", "Human3.6M");
        p.put("subject", subject);
        p.put("action", action);
        if (camera != null) {
            p.put("camera", camera);
        }
        return Provenance.of(p);
    }

    private static Path require(Path folder, String name) {
        Path p = folder.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new PosettaException(p + " does not exist: point posetta.data (or POSETTA_DATA) at the folder that holds h36m/.");
        }
        return p;
    }

    /** Cameras in the order of the detection arrays, or of cameras.json where the detections name none. */
    private static Map<String, Camera> orderCameras(Map<String, Camera> byId, List<String> order, Path file, String subject) {
        if (order.isEmpty()) {
            return byId;
        }
        Map<String, Camera> ordered = new LinkedHashMap<>();
        for (String id : order) {
            Camera c = byId.get(id);
            if (c == null) {
                throw new PosettaException(file + " has no camera " + id + " for " + subject + ": give the cameras.json of the data folder.");
            }
            ordered.put(id, c);
        }
        return ordered;
    }

    /** cameras.json: subjects → subject → camera id → {R, T_mm, f, c, k, p, width, height}. */
    static Map<String, Map<String, Camera>> readCameras(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new PosettaException(file + " is not valid JSON (" + e.getMessage() + "): give the cameras.json of the data folder.", e);
        }
        JsonNode subjects = root.path("subjects");
        if (!subjects.isObject()) {
            throw new PosettaException(file + " has no 'subjects' object: give the cameras.json of the data folder.");
        }
        Map<String, Map<String, Camera>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> subject : subjects.properties()) {
            Map<String, Camera> byId = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> cam : subject.getValue().properties()) {
                byId.put(cam.getKey(), camera(cam.getKey(), cam.getValue(), file, subject.getKey()));
            }
            out.put(subject.getKey(), byId);
        }
        return out;
    }

    private static Camera camera(String id, JsonNode n, Path file, String subject) {
        try {
            double[] centre = numbers(n.get("T_mm"), 3);
            for (int i = 0; i < 3; i++) {
                centre[i] /= 1000;
            }
            JsonNode r = n.get("R");
            double[][] rotation = {numbers(r.get(0), 3), numbers(r.get(1), 3), numbers(r.get(2), 3)};
            return new Camera(id, size(n, "width"), size(n, "height"), numbers(n.get("f"), 2), numbers(n.get("c"), 2),
                    numbers(n.get("k"), 3), numbers(n.get("p"), 2), rotation, centre);
        } catch (RuntimeException e) {
            throw new PosettaException(file + " has an unreadable camera " + subject + "/" + id + " (" + e.getMessage()
                    + "): give the cameras.json of the data folder.", e);
        }
    }

    private static int size(JsonNode camera, String key) {
        JsonNode v = camera.get(key);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException("no integer " + key);
        }
        return v.asInt();
    }

    private static double[] numbers(JsonNode array, int n) {
        if (array == null || !array.isArray() || array.size() != n) {
            throw new IllegalArgumentException("expected " + n + " numbers, got " + array);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (!array.get(i).isNumber()) {
                throw new IllegalArgumentException("expected a number, got " + array.get(i));
            }
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
