package org.posetta.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.posetta.pose.Layout;
import org.posetta.pose.PosettaException;

/**
 * A group of joints that one occluder hides together. Membership is read from the joint names,
 * so it works for every layout: a side is {@code left_…}/{@code …_L} or {@code right_…}/{@code
 * …_R}; a leg joint names a hip, knee, ankle, heel, foot, toe or leg; an arm joint a shoulder,
 * elbow, wrist, hand, finger or arm; a head joint a nose, eye, ear, mouth or head, plus the
 * neck in layouts that also have a thorax (there the neck sits above the shoulders, e.g.
 * H36M-17's neck/nose).
 */
public enum LimbGroup {
    LEFT_ARM, RIGHT_ARM, LEFT_LEG, RIGHT_LEG, ARMS, LEGS, HEAD;

    private static final List<String> HEAD_WORDS = List.of("nose", "eye", "ear", "mouth", "head");
    private static final List<String> LEG_WORDS = List.of("hip", "knee", "ankle", "heel", "foot", "toe", "leg");
    private static final List<String> ARM_WORDS = List.of("shoulder", "elbow", "wrist", "hand", "pinky", "index", "thumb", "arm");

    /** The name used on the command line and in provenance, e.g. {@code left_arm}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The group named {@code id} ({@code left_arm}, {@code legs}, ...; case and dashes ignored). */
    public static LimbGroup parse(String id) {
        String key = id.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (LimbGroup g : values()) {
            if (g.name().equals(key)) {
                return g;
            }
        }
        throw new PosettaException("Unknown body part '" + id + "': use one of "
                + Arrays.stream(values()).map(LimbGroup::id).collect(Collectors.joining(", ")) + ".");
    }

    /** Indices of this group's joints in {@code layout}, ascending; empty where it has none. */
    public int[] joints(Layout layout) {
        boolean neckIsHead = layout.indexOf("thorax") >= 0;
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < layout.size(); j++) {
            if (contains(layout.joint(j).toLowerCase(Locale.ROOT), neckIsHead)) {
                out.add(j);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean contains(String name, boolean neckIsHead) {
        boolean head = HEAD_WORDS.stream().anyMatch(name::contains) || neckIsHead && name.contains("neck");
        if (this == HEAD || head) {
            return this == HEAD && head;
        }
        boolean left = name.startsWith("left_") || name.endsWith("_l");
        boolean right = name.startsWith("right_") || name.endsWith("_r");
        boolean leg = (left || right) && LEG_WORDS.stream().anyMatch(name::contains);
        boolean arm = (left || right) && !leg && ARM_WORDS.stream().anyMatch(name::contains);
        return switch (this) {
            case LEFT_ARM -> arm && left;
            case RIGHT_ARM -> arm && right;
            case LEFT_LEG -> leg && left;
            case RIGHT_LEG -> leg && right;
            case ARMS -> arm;
            case LEGS -> leg;
            case HEAD -> false;
        };
    }
}
