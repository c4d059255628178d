package org.posetta.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Human3.6M aggregation: errors pooled per action class over all its sequences, subjects and
 * cameras, then the unweighted mean over the classes (each action weighs the same however many
 * frames it has), next to the frame-weighted mean over everything. An accumulator: add the
 * errors of each evaluated sequence; safe to fill from several threads.
 */
public final class ActionTable {
    private final Map<String, List<PoseErrors>> byAction = new TreeMap<>();

    /**
     * The action class of a Human3.6M sequence name: the part before the first space
     * ({@code "Walking 1"} → {@code "Walking"}).
     */
    public static String actionClass(String sequenceName) {
        int space = sequenceName.indexOf(' ');
        return space < 0 ? sequenceName : sequenceName.substring(0, space);
    }

    /** Adds one evaluated sequence's errors to {@code action}'s class. */
    public synchronized void add(String action, PoseErrors errors) {
        byAction.computeIfAbsent(action, a -> new ArrayList<>()).add(errors);
    }

    /** Each action class's pooled errors ({@link PoseErrors#pool}), by class name. */
    public synchronized Map<String, PoseErrors> perAction() {
        Map<String, PoseErrors> result = new TreeMap<>();
        byAction.forEach((action, parts) -> result.put(action, PoseErrors.pool(parts)));
        return Collections.unmodifiableMap(result);
    }

    /**
     * The unweighted mean over action classes of each class's pooled metric (classes where a
     * metric is NaN are left out of that metric's mean); the counts are the totals over all
     * classes.
     */
    public synchronized PoseErrors actionMean() {
        Map<String, PoseErrors> classes = perAction();
        double[] sum = new double[7];
        int[] n = new int[7];
        for (PoseErrors e : classes.values()) {
            double[] metrics = {e.mpjpeMm(), e.paMpjpeMm(), e.nMpjpeMm(), e.accelMm(), e.mpjveMm(), e.pck150(), e.auc()};
            for (int m = 0; m < metrics.length; m++) {
                if (!Double.isNaN(metrics[m])) {
                    sum[m] += metrics[m];
                    n[m]++;
                }
            }
        }
        PoseErrors total = frameWeighted();
        return new PoseErrors(sum[0] / n[0], sum[1] / n[1], sum[2] / n[2], sum[3] / n[3], sum[4] / n[4],
                sum[5] / n[5], sum[6] / n[6], total.frames(), total.velocityTerms(), total.accelTerms());
    }

    /** The errors of all added frames pooled together, each frame weighing the same. */
    public synchronized PoseErrors frameWeighted() {
        List<PoseErrors> all = new ArrayList<>();
        byAction.values().forEach(all::addAll);
        return PoseErrors.pool(all);
    }
}
