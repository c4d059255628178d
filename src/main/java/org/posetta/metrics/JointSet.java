package org.posetta.metrics;

import java.util.List;
import java.util.Locale;
import org.posetta.pose.Layout;
import org.posetta.pose.PosettaException;

/** Which joints a metric averages over. */
public enum JointSet {
    /** Every joint of the layout: the 17 of H36M-17 (Human3.6M protocols #1 and #2). */
    ALL,
    /**
     * H36M-17 without pelvis, spine and neck/nose: 14 joints, the LSP-14 set used on 3DPW and
     * MPI-INF-3DHP (thorax stands for the neck, head for the head top).
     */
    LSP14;

    private static final List<String> LSP14_LEFT_OUT = List.of("pelvis", "spine", "neck");

    /** The joint indices of this set in {@code layout}, ascending. */
    public int[] indices(Layout layout) {
        if (this == ALL) {
            int[] all = new int[layout.size()];
            for (int j = 0; j < all.length; j++) {
                all[j] = j;
            }
            return all;
        }
        if (layout != Layout.H36M17) {
            throw new PosettaException("The 14-joint set is defined on the h36m17 layout, not " + layout.id()
                    + ": convert the poses to h36m17 or evaluate on all joints.");
        }
        int[] kept = new int[layout.size() - LSP14_LEFT_OUT.size()];
        int k = 0;
        for (int j = 0; j < layout.size(); j++) {
            if (!LSP14_LEFT_OUT.contains(layout.joint(j))) {
                kept[k++] = j;
            }
        }
        return kept;
    }

    /** The set named {@code 17} or {@code all}, or {@code 14} or {@code lsp14}. */
    public static JointSet parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "17", "all" -> ALL;
            case "14", "lsp14" -> LSP14;
            default -> throw new PosettaException("Unknown joint set '" + name + "': use 17 (all joints) or 14.");
        };
    }
}
