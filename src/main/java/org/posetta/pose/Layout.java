package org.posetta.pose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A skeleton layout: joint names in storage order, each joint's parent, and the left/right pairs
 * that a horizontal flip swaps. H36M-17 is canonical; every other layout maps to it through a
 * {@link JointMap}.
 *
 * <p>Left/right pairs are found from the names: a joint whose name starts with {@code left_} or
 * ends with {@code _L} pairs with the joint of the same name on the right.
 */
public final class Layout {
    /** Human3.6M's 17 joints as used by the lifting literature (pelvis is the root). */
    public static final Layout H36M17 = new Layout("h36m17", "Human3.6M-17",
            names("pelvis right_hip right_knee right_ankle left_hip left_knee left_ankle spine thorax neck head"
                    + " left_shoulder left_elbow left_wrist right_shoulder right_elbow right_wrist"),
            new int[] {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 9, 8, 11, 12, 8, 14, 15});

    /** MPII's 16 joints, the layout of the Stacked Hourglass detections. */
    public static final Layout MPII16 = new Layout("mpii16", "MPII-16",
            names("right_ankle right_knee right_hip left_hip left_knee left_ankle pelvis thorax upper_neck head_top"
                    + " right_wrist right_elbow right_shoulder left_shoulder left_elbow left_wrist"),
            new int[] {1, 2, 6, 6, 3, 4, -1, 6, 7, 8, 11, 12, 7, 7, 13, 14});

    /** MS-COCO's 17 keypoints. */
    public static final Layout COCO17 = new Layout("coco17", "COCO-17",
            names("nose left_eye right_eye left_ear right_ear left_shoulder right_shoulder left_elbow right_elbow"
                    + " left_wrist right_wrist left_hip right_hip left_knee right_knee left_ankle right_ankle"),
            new int[] {-1, 0, 0, 1, 2, 0, 0, 5, 6, 7, 8, 5, 6, 11, 12, 13, 14});

    /** OpenPose's COCO-18 output (COCO-17 plus a neck, in OpenPose's order). */
    public static final Layout COCO18 = new Layout("coco18", "COCO-18 (OpenPose)",
            names("nose neck right_shoulder right_elbow right_wrist left_shoulder left_elbow left_wrist right_hip"
                    + " right_knee right_ankle left_hip left_knee left_ankle right_eye left_eye right_ear left_ear"),
            new int[] {1, -1, 1, 2, 3, 1, 5, 6, 1, 8, 9, 1, 11, 12, 0, 0, 14, 15});

    /** OpenPose's BODY-25. */
    public static final Layout BODY25 = new Layout("body25", "OpenPose BODY-25",
            names("nose neck right_shoulder right_elbow right_wrist left_shoulder left_elbow left_wrist mid_hip"
                    + " right_hip right_knee right_ankle left_hip left_knee left_ankle right_eye left_eye right_ear"
                    + " left_ear left_big_toe left_small_toe left_heel right_big_toe right_small_toe right_heel"),
            new int[] {1, 8, 1, 2, 3, 1, 5, 6, -1, 8, 9, 10, 8, 12, 13, 0, 0, 15, 16, 14, 14, 14, 11, 11, 11});

    /** AlphaPose's Halpe-26 (COCO-17 plus head, neck, hip and feet). */
    public static final Layout HALPE26 = new Layout("halpe26", "Halpe-26 (AlphaPose)",
            names("nose left_eye right_eye left_ear right_ear left_shoulder right_shoulder left_elbow right_elbow"
                    + " left_wrist right_wrist left_hip right_hip left_knee right_knee left_ankle right_ankle head neck"
                    + " hip left_big_toe right_big_toe left_small_toe right_small_toe left_heel right_heel"),
            new int[] {18, 0, 0, 1, 2, 18, 18, 5, 6, 7, 8, 19, 19, 11, 12, 13, 14, 18, 19, -1, 15, 16, 15, 16, 15, 16});

    /** MediaPipe BlazePose's 33 landmarks. */
    public static final Layout BLAZEPOSE33 = new Layout("blazepose33", "BlazePose-33",
            names("nose left_eye_inner left_eye left_eye_outer right_eye_inner right_eye right_eye_outer left_ear"
                    + " right_ear mouth_left mouth_right left_shoulder right_shoulder left_elbow right_elbow left_wrist"
                    + " right_wrist left_pinky right_pinky left_index right_index left_thumb right_thumb left_hip"
                    + " right_hip left_knee right_knee left_ankle right_ankle left_heel right_heel left_foot_index"
                    + " right_foot_index"),
            new int[] {-1, 0, 1, 2, 0, 4, 5, 3, 6, 0, 0, 0, 0, 11, 12, 13, 14, 15, 16, 15, 16, 15, 16, 11, 12, 23,
                24, 25, 26, 27, 28, 27, 28});

    /** The Bandai-Namco motion dataset's BVH skeleton (names as in the files). */
    public static final Layout BANDAI22 = new Layout("bandai22", "Bandai-Namco-22",
            names("joint_Root Hips Spine Chest Neck Head Shoulder_L UpperArm_L LowerArm_L Hand_L Shoulder_R"
                    + " UpperArm_R LowerArm_R Hand_R UpperLeg_L LowerLeg_L Foot_L Toes_L UpperLeg_R LowerLeg_R Foot_R"
                    + " Toes_R"),
            new int[] {-1, 0, 1, 2, 3, 4, 3, 6, 7, 8, 3, 10, 11, 12, 1, 14, 15, 16, 1, 18, 19, 20});

    /** DeepMimic's humanoid3d character (names as in its character file). */
    public static final Layout DEEPMIMIC15 = new Layout("deepmimic15", "DeepMimic-15",
            names("root chest neck right_hip right_knee right_ankle right_shoulder right_elbow right_wrist left_hip"
                    + " left_knee left_ankle left_shoulder left_elbow left_wrist"),
            new int[] {-1, 0, 1, 0, 3, 4, 1, 6, 7, 0, 9, 10, 1, 12, 13});

    /** HumanEva-I's 15 joints in the order of the lifting literature. */
    public static final Layout HUMANEVA15 = new Layout("humaneva15", "HumanEva-15",
            names("pelvis thorax left_shoulder left_elbow left_wrist right_shoulder right_elbow right_wrist left_hip"
                    + " left_knee left_ankle right_hip right_knee right_ankle head"),
            new int[] {-1, 0, 1, 2, 3, 1, 5, 6, 0, 8, 9, 0, 11, 12, 1});

    private static final Map<String, Layout> BY_ID = new LinkedHashMap<>();

    static {
        for (Layout l : List.of(H36M17, MPII16, COCO17, COCO18, BODY25, HALPE26, BLAZEPOSE33, BANDAI22,
                DEEPMIMIC15, HUMANEVA15)) {
            BY_ID.put(l.id, l);
        }
    }

    private final String id;
    private final String displayName;
    private final List<String> joints;
    private final int[] parents;
    private final int[][] symmetricPairs;

    private Layout(String id, String displayName, List<String> joints, int[] parents) {
        if (joints.size() != parents.length) {
            throw new IllegalArgumentException(id + ": " + joints.size() + " names but " + parents.length + " parents");
        }
        this.id = id;
        this.displayName = displayName;
        this.joints = List.copyOf(joints);
        this.parents = parents.clone();
        this.symmetricPairs = findPairs(this.joints);
    }

    /** All built-in layouts, canonical first. */
    public static List<Layout> all() {
        return List.copyOf(BY_ID.values());
    }

    /**
     * The layout with this id ({@code h36m17}, {@code mpii16}, ...); case, dashes and
     * underscores are ignored, and {@code h36m} alone means {@code h36m17}.
     */
    public static Layout byId(String id) {
        String key = id.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (key.equals("h36m")) {
            key = "h36m17";
        }
        Layout l = BY_ID.get(key);
        if (l == null) {
            throw new PosettaException("Unknown joint layout '" + id + "': use one of " + String.join(", ", BY_ID.keySet()) + ".");
        }
        return l;
    }

    /** The layout with exactly {@code n} joints, if there is a single one (used for bare arrays). */
    public static Layout byJointCount(int n, String file) {
        List<Layout> matches = new ArrayList<>();
        for (Layout l : BY_ID.values()) {
            if (l.size() == n) {
                matches.add(l);
            }
        }
        if (matches.size() != 1) {
            throw new PosettaException(file + " has " + n + " joints per frame, which matches "
                    + (matches.isEmpty() ? "no known layout" : "several layouts") + ": give the layout with --layout.");
        }
        return matches.get(0);
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public int size() {
        return joints.size();
    }

    public List<String> joints() {
        return joints;
    }

    public String joint(int j) {
        return joints.get(j);
    }

    /** Index of the joint with this name, or -1. */
    public int indexOf(String name) {
        return joints.indexOf(name);
    }

    /** Parent of joint {@code j}, -1 for the root. */
    public int parent(int j) {
        return parents[j];
    }

    public int[] parents() {
        return parents.clone();
    }

    /** The root joint (the one without a parent). */
    public int root() {
        for (int j = 0; j < parents.length; j++) {
            if (parents[j] < 0) {
                return j;
            }
        }
        throw new IllegalStateException("layout without root");
    }

    /** Bones as (child, parent) pairs, one per non-root joint. */
    public int[][] bones() {
        int[][] bones = new int[size() - 1][];
        int k = 0;
        for (int j = 0; j < parents.length; j++) {
            if (parents[j] >= 0) {
                bones[k++] = new int[] {j, parents[j]};
            }
        }
        return bones;
    }

    /** Left/right joint pairs as (left, right). */
    public int[][] symmetricPairs() {
        int[][] copy = new int[symmetricPairs.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = symmetricPairs[i].clone();
        }
        return copy;
    }

    /** For each joint, the joint it becomes under a horizontal flip (itself if unpaired). */
    public int[] flipPermutation() {
        int[] perm = new int[size()];
        for (int j = 0; j < perm.length; j++) {
            perm[j] = j;
        }
        for (int[] p : symmetricPairs) {
            perm[p[0]] = p[1];
            perm[p[1]] = p[0];
        }
        return perm;
    }

    @Override
    public String toString() {
        return id;
    }

    private static List<String> names(String spaceSeparated) {
        return Arrays.asList(spaceSeparated.trim().split("\\s+"));
    }

    private static int[][] findPairs(List<String> joints) {
        List<int[]> pairs = new ArrayList<>();
        for (int l = 0; l < joints.size(); l++) {
            String name = joints.get(l);
            String right = null;
            if (name.startsWith("left_")) {
                right = "right_" + name.substring(5);
            } else if (name.endsWith("_L")) {
                right = name.substring(0, name.length() - 2) + "_R";
            } else if (name.endsWith("_left")) {
                right = name.substring(0, name.length() - 5) + "_right";
            }
            int r = right == null ? -1 : joints.indexOf(right);
            if (r >= 0) {
                pairs.add(new int[] {l, r});
            }
        }
        return pairs.toArray(new int[0][]);
    }
}
