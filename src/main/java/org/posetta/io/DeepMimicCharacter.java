package org.posetta.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.posetta.geometry.AxisAngle;
import org.posetta.geometry.Quaternion;
import org.posetta.geometry.RotationMatrix;
import org.posetta.pose.PosettaException;

/**
 * A DeepMimic character file ({@code data/characters/humanoid3d.txt}): the kinematic tree of
 * {@code Skeleton.Joints}, each with a parent, a type and an attachment offset in its parent's
 * frame, and forward kinematics for one pose.
 *
 * <p>Degrees of freedom per joint type, in the order the motion rows store them: {@code none}
 * (the root) 7 — position (3) and quaternion (4, w first); {@code spherical} 4 — a quaternion, w
 * first; {@code revolute} 1 — an angle in radians about the z axis of the joint frame (in
 * humanoid3d the knees and elbows, whose z axis points to the character's right, so that with
 * the character facing +x the knee limits [−π, 0] bend the shank backwards); {@code fixed} 0.
 *
 * <p>Transform: {@code x_parent = attach + R_joint x_joint}; the global rotation is
 * {@code R_parent · R_joint} and the joint's position {@code p_parent + R_parent · attach}.
 */
final class DeepMimicCharacter {
    private static final List<String> TYPES = List.of("none", "spherical", "revolute", "fixed");
    private static final int[] DOFS = {7, 4, 1, 0};

    private final List<String> names;
    private final int[] parents;
    private final int[] types;
    private final double[][] attach;

    private DeepMimicCharacter(List<String> names, int[] parents, int[] types, double[][] attach) {
        this.names = List.copyOf(names);
        this.parents = parents;
        this.types = types;
        this.attach = attach;
    }

    /** Parses the {@code Skeleton.Joints} of a character file's JSON; problems name {@code file}. */
    static DeepMimicCharacter parse(JsonNode root, Path file) {
        JsonNode joints = root.path("Skeleton").path("Joints");
        if (!joints.isArray() || joints.isEmpty()) {
            throw new PosettaException(file + " has no Skeleton.Joints list: give DeepMimic's character file (e.g. humanoid3d.txt).");
        }
        int n = joints.size();
        List<String> names = new ArrayList<>();
        int[] parents = new int[n];
        int[] types = new int[n];
        double[][] attach = new double[n][];
        for (int j = 0; j < n; j++) {
            JsonNode joint = joints.get(j);
            String name = joint.path("Name").asText("");
            names.add(name);
            parents[j] = joint.path("Parent").asInt(Integer.MIN_VALUE);
            types[j] = TYPES.indexOf(joint.path("Type").asText(""));
            if (joint.path("ID").asInt(-1) != j || parents[j] < -1 || parents[j] >= j || types[j] < 0
                    || (parents[j] < 0) != (types[j] == 0)) {
                throw new PosettaException(file + " joint " + j + " ('" + name + "') needs ID " + j + ", a Parent listed before it"
                        + " and a Type of none (the root only), spherical, revolute or fixed: give an unmodified DeepMimic character file.");
            }
            attach[j] = new double[] {number(joint, "AttachX", file, j), number(joint, "AttachY", file, j),
                number(joint, "AttachZ", file, j)};
            for (String theta : new String[] {"AttachThetaX", "AttachThetaY", "AttachThetaZ"}) {
                if (joint.path(theta).asDouble(0) != 0) {
                    throw new PosettaException(file + " joint '" + name + "' has a non-zero " + theta
                            + ", a rotated joint frame that posetta does not read: use a character whose joint frames are unrotated, like humanoid3d.");
                }
            }
        }
        return new DeepMimicCharacter(names, parents, types, attach);
    }

    List<String> names() {
        return names;
    }

    int[] parents() {
        return parents.clone();
    }

    /** Values per motion row after the duration: the sum of the joints' degrees of freedom. */
    int dofs() {
        int d = 0;
        for (int t : types) {
            d += DOFS[t];
        }
        return d;
    }

    /**
     * A pose from one motion row's degrees of freedom starting at {@code offset}: the root
     * position and every joint's local rotation (identity for fixed joints).
     */
    Pose pose(double[] row, int offset) {
        double[] rootPosition = {row[offset], row[offset + 1], row[offset + 2]};
        Quaternion[] rotations = new Quaternion[names.size()];
        int k = offset + 3;
        for (int j = 0; j < rotations.length; j++) {
            switch (types[j]) {
                case 0, 1 -> {
                    rotations[j] = Quaternion.of(row[k], row[k + 1], row[k + 2], row[k + 3]);
                    k += 4;
                }
                case 2 -> rotations[j] = new AxisAngle(0, 0, 1, row[k++]).toQuaternion();
                default -> rotations[j] = Quaternion.IDENTITY;
            }
        }
        return new Pose(rootPosition, rotations);
    }

    /** Joint positions of {@code pose}, joint-major {@code (x, y, z)}, metres. */
    double[] positions(Pose pose) {
        int n = names.size();
        double[] out = new double[3 * n];
        RotationMatrix[] global = new RotationMatrix[n];
        for (int j = 0; j < n; j++) {
            RotationMatrix local = pose.rotations()[j].toMatrix();
            int p = parents[j];
            if (p < 0) {
                global[j] = local;
                System.arraycopy(pose.rootPosition(), 0, out, 3 * j, 3);
            } else {
                global[j] = global[p].times(local);
                double[] d = global[p].apply(attach[j]);
                for (int c = 0; c < 3; c++) {
                    out[3 * j + c] = out[3 * p + c] + d[c];
                }
            }
        }
        return out;
    }

    /**
     * A pose: root position (metres) and each joint's rotation relative to its parent.
     */
    record Pose(double[] rootPosition, Quaternion[] rotations) {
        /**
         * The pose a fraction {@code t} of the way to {@code to}: the root position linearly,
         * each rotation by {@link Quaternion#slerp} (for a revolute joint, the same as
         * interpolating its angle linearly).
         */
        Pose interpolate(Pose to, double t) {
            double[] p = new double[3];
            for (int c = 0; c < 3; c++) {
                p[c] = rootPosition[c] + t * (to.rootPosition[c] - rootPosition[c]);
            }
            Quaternion[] r = new Quaternion[rotations.length];
            for (int j = 0; j < r.length; j++) {
                r[j] = rotations[j].slerp(to.rotations[j], t);
            }
            return new Pose(p, r);
        }
    }

    private static double number(JsonNode joint, String field, Path file, int j) {
        JsonNode v = joint.get(field);
        if (v == null || !v.isNumber()) {
            throw new PosettaException(file + " joint " + j + " lacks a numeric " + field + ": give an unmodified DeepMimic character file.");
        }
        return v.asDouble();
    }
}
