package org.posetta.io;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.posetta.geometry.EulerOrder;
import org.posetta.geometry.Interpolation;
import org.posetta.geometry.RotationMatrix;
import org.posetta.pose.JointMap;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * Writes a 3D sequence as a BVH file with a fixed skeleton and joint rotations, the form that
 * animation tools (Blender, MotionBuilder, Maya) import.
 *
 * <p><b>Skeleton.</b> The 17 joints of H36M-17 under their posetta names, so posetta's BVH reader
 * reads the file back as {@link Layout#H36M17}; other layouts are mapped to H36M-17 first. The six
 * bones that leave the pelvis and the thorax (to the hips, the spine, the neck and the shoulders)
 * each hang from a zero-length joint of their own ({@code right_pelvis}, {@code left_pelvis},
 * {@code lumbar}, {@code lower_neck}, {@code left_clavicle}, {@code right_clavicle}), as CMU's BVH
 * files hang the hips from {@code LHipJoint}: Human3.6M's hips and shoulders move against the
 * spine, which one rotation of the pelvis or thorax could not follow. Each bone's length is the
 * median over the frames where both its joints are valid.
 *
 * <p><b>Axes and units.</b> Y up, right-handed, in centimetres (or metres), as animation tools
 * expect: the input is turned by a quarter or half turn about x (or z) so that its mean
 * pelvis→thorax direction, snapped to the nearest axis, becomes +Y ({@link Upright}). A camera
 * frame (y down, z forward) is turned half a turn about x, so a person facing the camera faces
 * +Z; Human3.6M's world (z up) a quarter turn.
 *
 * <p><b>Rest pose</b> (all rotations zero, the OFFSETs): legs straight down, spine and head
 * straight up, arms straight out to the sides (a T-pose); the hips, spine base, neck and
 * shoulders sit where they are on average in the frame of the pelvis or thorax. Each leaf joint
 * (ankles, head, wrists) ends in an End Site that continues its bone by a quarter of its length,
 * since H36M-17 has no joint beyond it. BVH has no comment syntax that readers agree on, so the
 * file holds nothing but the standard sections; this description is that of the README.
 *
 * <p><b>Rotations.</b> Every joint with a child gets the global rotation
 * {@code R = F(a, h) F(a_rest, h_rest)ᵀ}, where {@code F(a, h) = [â, ĥ⊥, â × ĥ⊥]} is the frame
 * of a bone {@code a} twisted by a hint {@code h} (its part perpendicular to {@code a}), and the
 * rest values come from the rest pose; its channels hold {@code R_parent⁻¹ R} as
 * {@code Zrotation Xrotation Yrotation} in degrees. Bones and hints:
 * <ul>
 *   <li>pelvis: pelvis→spine with the hip line (right→left); thorax: thorax→neck with the
 *       shoulder line: the pelvis–hips–spine and thorax–shoulders triangles;</li>
 *   <li>the zero-length joints: their bone, with the triangle's up bone for hips and shoulders
 *       and its right→left line for spine and neck;</li>
 *   <li>spine: spine→thorax with the sum of the unit hip and shoulder lines; neck: neck→head with
 *       the shoulder line;</li>
 *   <li>hip and knee: thigh and shin with the knee's hinge axis
 *       {@code u × v / (|u| |v|) + 0.1 û × (−forward)} from thigh {@code u} and shin {@code v};
 *       shoulder and elbow: upper arm and forearm with the elbow's hinge
 *       {@code u × v / (|u| |v|) + 0.1 û × forward}; forward is {@code left × up} of the pelvis
 *       or thorax. The second term keeps the twist defined when a limb is straight, with the
 *       sign a bend would give, so knees and elbows turn about one local axis;</li>
 *   <li>leaves: no rotation of their own.</li>
 * </ul>
 * Every bone leaves a joint with one child, so every bone direction is reproduced (to the printed
 * precision); the positions differ from the input only where a bone's length differs from its
 * median.
 *
 * <p><b>Root and exact mode.</b> The root translation is the pelvis position. In exact mode every
 * joint also has {@code Xposition Yposition Zposition} channels holding its offset from its
 * parent in the parent's frame, {@code R_parent⁻¹ (p_j − p_parent)}, so forward kinematics
 * reproduces every position (to the printed precision, 1 µm in the file's unit); the OFFSETs are
 * still the rest pose.
 *
 * <p><b>Invalid entries</b> are filled before solving, linearly between valid frames and held
 * at the ends ({@link Interpolation}); a joint with no valid frame is refused. BVH cannot mark
 * them, so a user who needs the mask writes JSON or npz as well.
 */
final class BvhWriter {
    private static final int PELVIS = 0;
    private static final int R_HIP = 1;
    private static final int R_KNEE = 2;
    private static final int R_ANKLE = 3;
    private static final int L_HIP = 4;
    private static final int L_KNEE = 5;
    private static final int L_ANKLE = 6;
    private static final int SPINE = 7;
    private static final int THORAX = 8;
    private static final int NECK = 9;
    private static final int HEAD = 10;
    private static final int L_SHOULDER = 11;
    private static final int L_ELBOW = 12;
    private static final int L_WRIST = 13;
    private static final int R_SHOULDER = 14;
    private static final int R_ELBOW = 15;
    private static final int R_WRIST = 16;
    private static final int J = 17;
    private static final int[] PARENT = Layout.H36M17.parents();
    /** Zero-length joints that carry the bones leaving the pelvis and the thorax, after the 17 joints. */
    private static final String[] CARRIERS = {"right_pelvis", "left_pelvis", "lumbar", "lower_neck", "left_clavicle",
        "right_clavicle"};
    /** The H36M-17 joint at the far end of each carrier's bone. */
    private static final int[] CARRIED = {R_HIP, L_HIP, SPINE, NECK, L_SHOULDER, R_SHOULDER};
    private static final int N = J + CARRIERS.length;
    /** Parent of every node (joints, then carriers) in the written hierarchy. */
    private static final int[] NODE_PARENT = nodeParents();
    private static final int[] LEAVES = {R_ANKLE, L_ANKLE, HEAD, L_WRIST, R_WRIST};
    private static final double[] UP = {0, 1, 0};
    private static final double[] DOWN = {0, -1, 0};
    private static final double[] LEFT = {1, 0, 0};
    private static final double[] RIGHT = {-1, 0, 0};
    /** Weight of the fallback term of a hinge hint, relative to the unit bend normal. */
    private static final double HINGE_FALLBACK = 0.1;
    private static final double END_SITE_FRACTION = 0.25;

    private final double unitsPerMetre;
    private final boolean exact;

    /**
     * @param unitsPerMetre 100 for centimetres, 1 for metres
     * @param exact         per-joint translation channels (see the class description)
     */
    BvhWriter(double unitsPerMetre, boolean exact) {
        this.unitsPerMetre = unitsPerMetre;
        this.exact = exact;
    }

    /** Writes {@code motion} (any layout with a map to H36M-17); {@code file} names it in errors. */
    void write(Motion3d motion, Writer out, String file) throws IOException {
        Motion3d h36m = motion.layout() == Layout.H36M17 ? motion : JointMap.toCanonical(motion.layout()).apply(motion);
        Motion3d filled = Interpolation.fillGaps(h36m);
        List<String> empty = new ArrayList<>();
        for (int j = 0; j < J; j++) {
            if (!filled.isValid(0, j)) {
                empty.add(Layout.H36M17.joint(j));
            }
        }
        if (!empty.isEmpty()) {
            throw new PosettaException(file + ": the joints " + String.join(", ", empty) + " have no valid frame, and a BVH"
                    + " skeleton needs every H36M-17 joint: write JSON, CSV or npz instead.");
        }
        RotationMatrix up = Upright.rotation(filled);
        int frames = filled.frames();
        double[][] p = new double[frames][];
        for (int t = 0; t < frames; t++) {
            p[t] = new double[J * 3];
            for (int j = 0; j < J; j++) {
                double[] v = up.apply(new double[] {filled.get(t, j, 0), filled.get(t, j, 1), filled.get(t, j, 2)});
                System.arraycopy(v, 0, p[t], 3 * j, 3);
            }
        }
        double[] offsets = restOffsets(p, boneLengths(p, h36m));
        RotationMatrix[] restFrames = frames(forwardKinematics(offsets));

        writeHierarchy(out, offsets);
        out.write("MOTION\nFrames: " + frames + "\nFrame Time: " + String.format(Locale.ROOT, "%.9f", 1 / motion.fps()) + "\n");
        int[] order = hierarchyOrder();
        double[][] previous = null;
        StringBuilder line = new StringBuilder();
        for (int t = 0; t < frames; t++) {
            RotationMatrix[] global = globalRotations(p[t], restFrames);
            double[][] angles = new double[N][];
            line.setLength(0);
            for (int n : order) {
                int parent = NODE_PARENT[n];
                RotationMatrix local = parent < 0 ? global[n] : global[parent].inverse().times(global[n]);
                if (parent < 0 || exact) {
                    double[] d = new double[3];
                    int at = jointAt(n);
                    for (int c = 0; c < 3; c++) {
                        d[c] = parent < 0 ? p[t][3 * at + c] : p[t][3 * at + c] - p[t][3 * jointAt(parent) + c];
                    }
                    double[] translation = parent < 0 ? d : global[parent].inverse().apply(d);
                    for (int c = 0; c < 3; c++) {
                        number(line, translation[c] * unitsPerMetre, 6);
                    }
                }
                angles[n] = EulerOrder.ZXY.angles(local);
                for (int k = 0; k < 3; k++) {
                    angles[n][k] = Math.toDegrees(angles[n][k]);
                    if (previous != null && k != 1) {
                        // the nearest equivalent angle, so that curves do not jump by 360°
                        angles[n][k] += 360 * Math.rint((previous[n][k] - angles[n][k]) / 360);
                    }
                    number(line, angles[n][k], 5);
                }
            }
            line.setCharAt(line.length() - 1, '\n');
            out.append(line);
            previous = angles;
        }
    }

    private static int[] nodeParents() {
        int[] parent = new int[N];
        for (int j = 0; j < J; j++) {
            parent[j] = PARENT[j];
        }
        for (int k = 0; k < CARRIERS.length; k++) {
            parent[J + k] = PARENT[CARRIED[k]];
            parent[CARRIED[k]] = J + k;
        }
        return parent;
    }

    /** The H36M-17 joint where node {@code n} sits (a carrier sits on its parent joint). */
    private static int jointAt(int n) {
        return n < J ? n : PARENT[CARRIED[n - J]];
    }

    private static String nodeName(int n) {
        return n < J ? Layout.H36M17.joint(n) : CARRIERS[n - J];
    }

    /** Median length of each bone (indexed by child joint) over frames where both ends were valid in the input. */
    private static double[] boneLengths(double[][] p, Motion3d original) {
        double[] lengths = new double[J];
        for (int j = 0; j < J; j++) {
            int parent = PARENT[j];
            if (parent < 0) {
                continue;
            }
            double[] both = new double[p.length];
            int n = 0;
            double[] any = new double[p.length];
            for (int t = 0; t < p.length; t++) {
                double len = norm(sub(p[t], j, parent));
                any[t] = len;
                if (original.isValid(t, j) && original.isValid(t, parent)) {
                    both[n++] = len;
                }
            }
            lengths[j] = n > 0 ? median(Arrays.copyOf(both, n)) : median(any);
        }
        return lengths;
    }

    /** Rest OFFSETs of the nodes (metres, node-major; carriers are zero): see the class description. */
    private static double[] restOffsets(double[][] p, double[] lengths) {
        double[][] directions = new double[J][];
        RotationMatrix canonical = frame(UP, LEFT);
        for (int k = 0; k < CARRIED.length; k++) {
            int child = CARRIED[k];
            int node = PARENT[child];
            double[] sum = new double[3];
            for (double[] pt : p) {
                double[] d = triangleFrame(pt, node).inverse().apply(unit(sub(pt, child, node)));
                for (int c = 0; c < 3; c++) {
                    sum[c] += d[c];
                }
            }
            directions[child] = canonical.apply(unit(sum));
        }
        directions[THORAX] = UP;
        directions[HEAD] = UP;
        for (int j : new int[] {R_KNEE, R_ANKLE, L_KNEE, L_ANKLE}) {
            directions[j] = DOWN;
        }
        directions[L_ELBOW] = LEFT;
        directions[L_WRIST] = LEFT;
        directions[R_ELBOW] = RIGHT;
        directions[R_WRIST] = RIGHT;
        double[] offsets = new double[N * 3];
        for (int j = 0; j < J; j++) {
            if (PARENT[j] >= 0) {
                for (int c = 0; c < 3; c++) {
                    offsets[3 * j + c] = directions[j][c] * lengths[j];
                }
            }
        }
        return offsets;
    }

    /** Joint positions of the rest pose (17 joints; carriers add no length). */
    private static double[] forwardKinematics(double[] offsets) {
        double[] p = new double[J * 3];
        for (int j = 0; j < J; j++) {
            int parent = PARENT[j];
            for (int c = 0; c < 3 && parent >= 0; c++) {
                p[3 * j + c] = p[3 * parent + c] + offsets[3 * j + c];
            }
        }
        return p;
    }

    /** Global rotation of every node at one frame; leaves take their parent's. */
    private static RotationMatrix[] globalRotations(double[] p, RotationMatrix[] restFrames) {
        RotationMatrix[] global = frames(p);
        for (int n = 0; n < N; n++) {
            if (global[n] != null) {
                global[n] = global[n].times(restFrames[n].inverse());
            }
        }
        for (int j : LEAVES) {
            global[j] = global[NODE_PARENT[j]];
        }
        return global;
    }

    /** The frames {@code F(a, h)} of every node with a child (null for leaves), from joint positions. */
    private static RotationMatrix[] frames(double[] p) {
        RotationMatrix[] f = new RotationMatrix[N];
        double[] pelvisUp = sub(p, SPINE, PELVIS);
        double[] thoraxUp = sub(p, NECK, THORAX);
        double[] hipLine = unit(sub(p, L_HIP, R_HIP));
        double[] shoulderLine = unit(sub(p, L_SHOULDER, R_SHOULDER));
        f[PELVIS] = triangleFrame(p, PELVIS);
        f[THORAX] = triangleFrame(p, THORAX);
        for (int k = 0; k < CARRIED.length; k++) {
            int child = CARRIED[k];
            int node = PARENT[child];
            boolean lateral = child != SPINE && child != NECK;
            double[] hint = node == PELVIS ? (lateral ? pelvisUp : hipLine) : (lateral ? thoraxUp : shoulderLine);
            f[J + k] = frame(sub(p, child, node), hint);
        }
        f[SPINE] = frame(sub(p, THORAX, SPINE), add(hipLine, shoulderLine, 1));
        f[NECK] = frame(sub(p, HEAD, NECK), shoulderLine);
        double[] pelvisForward = unit(cross(hipLine, pelvisUp));
        double[] thoraxForward = unit(cross(shoulderLine, thoraxUp));
        double[] back = scale(pelvisForward, -1);
        for (int[] leg : new int[][] {{R_HIP, R_KNEE, R_ANKLE}, {L_HIP, L_KNEE, L_ANKLE}}) {
            limb(p, leg, back, f);
        }
        for (int[] arm : new int[][] {{L_SHOULDER, L_ELBOW, L_WRIST}, {R_SHOULDER, R_ELBOW, R_WRIST}}) {
            limb(p, arm, thoraxForward, f);
        }
        return f;
    }

    /** Frames of a limb's first two joints, both twisted by the middle joint's hinge axis. */
    private static void limb(double[] p, int[] joints, double[] bendTowards, RotationMatrix[] f) {
        double[] u = sub(p, joints[1], joints[0]);
        double[] v = sub(p, joints[2], joints[1]);
        double[] hinge = add(scale(cross(u, v), 1 / (norm(u) * norm(v))), cross(unit(u), bendTowards), HINGE_FALLBACK);
        f[joints[0]] = frame(u, hinge);
        f[joints[1]] = frame(v, hinge);
    }

    /** The frame of the pelvis or thorax: its upward bone and its right→left line. */
    private static RotationMatrix triangleFrame(double[] p, int node) {
        return node == PELVIS ? frame(sub(p, SPINE, PELVIS), sub(p, L_HIP, R_HIP))
                : frame(sub(p, NECK, THORAX), sub(p, L_SHOULDER, R_SHOULDER));
    }

    /**
     * The rotation whose columns are {@code â}, the part of {@code h} perpendicular to it
     * (normalised), and their cross product; where {@code h} is parallel to {@code a}, the axis
     * least aligned with {@code a} stands in for it.
     */
    static RotationMatrix frame(double[] a, double[] h) {
        double[] e1 = unit(a);
        double[] e2 = add(h, e1, -dot(h, e1));
        if (norm(e2) < 1e-9 * Math.max(1, norm(h))) {
            int least = 0;
            for (int c = 1; c < 3; c++) {
                if (Math.abs(e1[c]) < Math.abs(e1[least])) {
                    least = c;
                }
            }
            double[] axis = new double[3];
            axis[least] = 1;
            e2 = add(axis, e1, -e1[least]);
        }
        e2 = unit(e2);
        double[] e3 = cross(e1, e2);
        return RotationMatrix.of(e1[0], e2[0], e3[0], e1[1], e2[1], e3[1], e1[2], e2[2], e3[2]);
    }

    private void writeHierarchy(Writer out, double[] offsets) throws IOException {
        StringBuilder s = new StringBuilder("HIERARCHY\n");
        node(s, PELVIS, offsets, 0);
        out.write(s.toString());
    }

    private void node(StringBuilder s, int j, double[] offsets, int depth) {
        String indent = "  ".repeat(depth);
        s.append(indent).append(j == PELVIS ? "ROOT " : "JOINT ").append(nodeName(j)).append('\n');
        s.append(indent).append("{\n");
        offset(s, indent + "  ", offsets, j, 1);
        boolean translated = j == PELVIS || exact;
        s.append(indent).append("  CHANNELS ").append(translated ? "6 Xposition Yposition Zposition " : "3 ")
                .append("Zrotation Xrotation Yrotation\n");
        boolean leaf = true;
        for (int c = 0; c < N; c++) {
            if (NODE_PARENT[c] == j) {
                node(s, c, offsets, depth + 1);
                leaf = false;
            }
        }
        if (leaf) {
            s.append(indent).append("  End Site\n").append(indent).append("  {\n");
            offset(s, indent + "    ", offsets, j, END_SITE_FRACTION);
            s.append(indent).append("  }\n");
        }
        s.append(indent).append("}\n");
    }

    private void offset(StringBuilder s, String indent, double[] offsets, int j, double fraction) {
        s.append(indent).append("OFFSET");
        for (int c = 0; c < 3; c++) {
            s.append(' ');
            number(s, offsets[3 * j + c] * fraction * unitsPerMetre, 6);
            s.setLength(s.length() - 1);
        }
        s.append('\n');
    }

    /** Nodes in the order the hierarchy lists them (depth first, children by index). */
    private static int[] hierarchyOrder() {
        int[] order = new int[N];
        int[] n = {0};
        visit(PELVIS, order, n);
        return order;
    }

    private static void visit(int j, int[] order, int[] n) {
        order[n[0]++] = j;
        for (int c = 0; c < N; c++) {
            if (NODE_PARENT[c] == j) {
                visit(c, order, n);
            }
        }
    }

    /** Appends {@code v} with {@code decimals} digits (trailing zeros dropped) and a space. */
    private static void number(StringBuilder s, double v, int decimals) {
        double r = Math.rint(v * Math.pow(10, decimals)) / Math.pow(10, decimals);
        String text = BigDecimal.valueOf(r == 0 ? 0 : r).setScale(decimals, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
        s.append(text).append(' ');
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double[] sub(double[] p, int a, int b) {
        return new double[] {p[3 * a] - p[3 * b], p[3 * a + 1] - p[3 * b + 1], p[3 * a + 2] - p[3 * b + 2]};
    }

    private static double[] add(double[] a, double[] b, double k) {
        return new double[] {a[0] + k * b[0], a[1] + k * b[1], a[2] + k * b[2]};
    }

    private static double[] scale(double[] a, double k) {
        return new double[] {a[0] * k, a[1] * k, a[2] * k};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double[] unit(double[] a) {
        double n = norm(a);
        return n > 0 ? scale(a, 1 / n) : a.clone();
    }
}
