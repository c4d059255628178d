package org.posetta.metrics;

import org.posetta.pose.Layout;

/**
 * How poses are compared: over which joints, and relative to which root joint.
 *
 * @param jointSet  the joints averaged over
 * @param rootJoint the joint subtracted from every joint of its own pose before comparing (so a
 *                  global translation costs nothing), {@link #LAYOUT_ROOT} for the layout's root
 *                  (pelvis in H36M-17), or {@link #ABSOLUTE} to compare positions as they are
 */
public record EvalOptions(JointSet jointSet, int rootJoint) {
    /** {@link #rootJoint} value: the layout's root joint. */
    public static final int LAYOUT_ROOT = -1;
    /** {@link #rootJoint} value: no root alignment. */
    public static final int ABSOLUTE = -2;
    /** The Human3.6M protocol: all joints, relative to the layout's root (pelvis). */
    public static final EvalOptions DEFAULT = new EvalOptions(JointSet.ALL, LAYOUT_ROOT);

    public EvalOptions {
        if (jointSet == null) {
            throw new IllegalArgumentException("joint set is required");
        }
        if (rootJoint < ABSOLUTE) {
            throw new IllegalArgumentException("root joint must be a joint index, LAYOUT_ROOT or ABSOLUTE, got " + rootJoint);
        }
    }

    public EvalOptions withJointSet(JointSet set) {
        return new EvalOptions(set, rootJoint);
    }

    public EvalOptions withRootJoint(int joint) {
        return new EvalOptions(jointSet, joint);
    }

    /** The root joint's index in {@code layout}, or -1 where positions are compared as they are. */
    int rootIndex(Layout layout) {
        if (rootJoint >= layout.size()) {
            throw new IllegalArgumentException("root joint " + rootJoint + " outside the " + layout.size() + " joints of " + layout.id());
        }
        return switch (rootJoint) {
            case LAYOUT_ROOT -> layout.root();
            case ABSOLUTE -> -1;
            default -> rootJoint;
        };
    }
}
