package org.posetta.pose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps joints of one layout to another. Each target joint is a weighted sum of source joints (a
 * copy, a midpoint, or an extrapolation along a bone), or is absent. A derived joint is valid
 * only where all its sources are, and carries the lowest confidence of its sources; an absent
 * joint is invalid, never zero. A 3D joint is filled where any of its sources is; uncertainties
 * do not carry over, since a weighted sum's spread depends on how its sources co-vary.
 *
 * <p>Maps into H36M-17 are defined per layout. Derivations (documented conventions of the field):
 * <ul>
 *   <li>pelvis = mid-hips where a layout has no pelvis;</li>
 *   <li>thorax = mid-shoulders, or the layout's neck base (OpenPose, Halpe, DeepMimic, Bandai);</li>
 *   <li>spine = midpoint of pelvis and thorax (MPII, COCO, OpenPose, Halpe, BlazePose, HumanEva);</li>
 *   <li>neck/nose = the nose where present, MPII's upper neck, the midpoint of thorax and head
 *       (HumanEva), or, for DeepMimic (no head joint), the neck extrapolated by half the
 *       chest→neck vector;</li>
 *   <li>head = MPII's head top, Halpe's head, the mean of eyes and ears (COCO, OpenPose,
 *       BlazePose) or the neck extrapolated by the chest→neck vector (DeepMimic);</li>
 *   <li>Bandai's Head joint is the base of the skull, only 6.5 cm above its Neck, and its End
 *       Site has zero length, so neck/nose and head are extrapolated along Neck→Head by 1.6 and
 *       3.2 times: 0.10 and 0.21 m above the thorax, Human3.6M's 0.12 and 0.24 m scaled to the
 *       Bandai actor (thigh 0.39 m against 0.44 m). They follow the neck's direction, not the
 *       head's own tilt.</li>
 * </ul>
 * Maps out of H36M-17 copy the joints that correspond one to one and leave the rest absent; other
 * pairs go through H36M-17.
 */
public final class JointMap {
    private final Layout from;
    private final Layout to;
    /** Per target joint: source indices and weights; empty when absent. */
    private final int[][] sources;
    private final double[][] weights;

    private JointMap(Layout from, Layout to, int[][] sources, double[][] weights) {
        this.from = from;
        this.to = to;
        this.sources = sources;
        this.weights = weights;
    }

    /** The map from {@code from} to {@code to}. */
    public static JointMap between(Layout from, Layout to) {
        if (from == to) {
            return identity(from);
        }
        if (to == Layout.H36M17) {
            return toH36m(from);
        }
        if (from == Layout.H36M17) {
            return fromH36m(to);
        }
        return toH36m(from).then(fromH36m(to));
    }

    /** The map from {@code layout} into the canonical H36M-17. */
    public static JointMap toCanonical(Layout layout) {
        return between(layout, Layout.H36M17);
    }

    public Layout from() {
        return from;
    }

    public Layout to() {
        return to;
    }

    /** True when target joint {@code j} has a source. */
    public boolean isDefined(int j) {
        return sources[j].length > 0;
    }

    /** True when target joint {@code j} is a plain copy of one source joint. */
    public boolean isDirect(int j) {
        return sources[j].length == 1 && weights[j][0] == 1.0;
    }

    /** The source joints of target joint {@code j}. */
    public int[] sourcesOf(int j) {
        return sources[j].clone();
    }

    public Motion3d apply(Motion3d m) {
        requireSource(m.layout());
        int t = m.frames();
        int jf = from.size();
        int jt = to.size();
        float[] in = m.positions();
        boolean[] vin = m.validity();
        float[] out = new float[t * jt * 3];
        boolean[] vout = new boolean[t * jt];
        for (int f = 0; f < t; f++) {
            for (int j = 0; j < jt; j++) {
                boolean ok = sources[j].length > 0;
                for (int s : sources[j]) {
                    ok &= vin[f * jf + s];
                }
                vout[f * jt + j] = ok;
                if (ok) {
                    for (int c = 0; c < 3; c++) {
                        double v = 0;
                        for (int k = 0; k < sources[j].length; k++) {
                            v += weights[j][k] * in[(f * jf + sources[j][k]) * 3 + c];
                        }
                        out[(f * jt + j) * 3 + c] = (float) v;
                    }
                }
            }
        }
        boolean[] fin = m.filledFlags();
        boolean[] fout = new boolean[t * jt];
        for (int f = 0; f < t; f++) {
            for (int j = 0; j < jt; j++) {
                for (int s : sources[j]) {
                    fout[f * jt + j] |= fin[f * jf + s];
                }
            }
        }
        return new Motion3d(to, m.fps(), m.coordinateFrame(), out, vout, fout, null, m.provenance());
    }

    public Keypoints2d apply(Keypoints2d k) {
        requireSource(k.layout());
        int t = k.frames();
        int jf = from.size();
        int jt = to.size();
        float[] in = k.pixels();
        float[] cin = k.confidences();
        float[] out = new float[t * jt * 2];
        float[] cout = new float[t * jt];
        for (int f = 0; f < t; f++) {
            for (int j = 0; j < jt; j++) {
                float conf = sources[j].length > 0 ? 1f : 0f;
                for (int s : sources[j]) {
                    conf = Math.min(conf, cin[f * jf + s]);
                }
                cout[f * jt + j] = conf;
                if (conf > 0f) {
                    for (int c = 0; c < 2; c++) {
                        double v = 0;
                        for (int q = 0; q < sources[j].length; q++) {
                            v += weights[j][q] * in[(f * jf + sources[j][q]) * 2 + c];
                        }
                        out[(f * jt + j) * 2 + c] = (float) v;
                    }
                }
            }
        }
        return new Keypoints2d(to, k.fps(), k.width(), k.height(), out, cout, k.provenance());
    }

    private void requireSource(Layout l) {
        if (l != from) {
            throw new IllegalArgumentException("joint map from " + from + " applied to " + l);
        }
    }

    private JointMap then(JointMap next) {
        int[][] s = new int[next.to.size()][];
        double[][] w = new double[next.to.size()][];
        for (int j = 0; j < s.length; j++) {
            Map<Integer, Double> acc = new HashMap<>();
            for (int q = 0; q < next.sources[j].length; q++) {
                int mid = next.sources[j][q];
                for (int r = 0; r < sources[mid].length; r++) {
                    acc.merge(sources[mid][r], next.weights[j][q] * weights[mid][r], Double::sum);
                }
            }
            boolean complete = next.sources[j].length > 0;
            for (int mid : next.sources[j]) {
                complete &= sources[mid].length > 0;
            }
            List<Integer> keys = complete ? new ArrayList<>(acc.keySet()) : List.of();
            s[j] = keys.stream().mapToInt(Integer::intValue).toArray();
            w[j] = keys.stream().mapToDouble(acc::get).toArray();
        }
        return new JointMap(from, next.to, s, w);
    }

    private static JointMap identity(Layout l) {
        int[][] s = new int[l.size()][];
        double[][] w = new double[l.size()][];
        for (int j = 0; j < s.length; j++) {
            s[j] = new int[] {j};
            w[j] = new double[] {1};
        }
        return new JointMap(l, l, s, w);
    }

    private static JointMap fromH36m(Layout to) {
        JointMap in = toH36m(to);
        int[][] s = new int[to.size()][0];
        double[][] w = new double[to.size()][0];
        for (int h = 0; h < Layout.H36M17.size(); h++) {
            if (in.isDirect(h)) {
                int j = in.sources[h][0];
                s[j] = new int[] {h};
                w[j] = new double[] {1};
            }
        }
        return new JointMap(Layout.H36M17, to, s, w);
    }

    /** Recipes into H36M-17, by source joint names; see the class comment for the conventions. */
    private static JointMap toH36m(Layout l) {
        Recipe r = new Recipe(l);
        String[] limbs = {"hip", "knee", "ankle", "shoulder", "elbow", "wrist"};
        switch (l.id()) {
            case "mpii16" -> {
                r.limbsByName(limbs);
                r.copy("pelvis", "pelvis").copy("thorax", "thorax").copy("neck", "upper_neck").copy("head", "head_top");
                r.mix("spine", "pelvis", 0.5, "thorax", 0.5);
            }
            case "coco17", "blazepose33" -> {
                r.limbsByName(limbs).midHipsPelvis().midShouldersThorax().quarterSpine().copy("neck", "nose");
                r.mix("head", "left_eye", 0.25, "right_eye", 0.25, "left_ear", 0.25, "right_ear", 0.25);
            }
            case "coco18" -> {
                r.limbsByName(limbs).midHipsPelvis().copy("thorax", "neck").copy("neck", "nose");
                r.mix("spine", "left_hip", 0.25, "right_hip", 0.25, "neck", 0.5);
                r.mix("head", "left_eye", 0.25, "right_eye", 0.25, "left_ear", 0.25, "right_ear", 0.25);
            }
            case "body25" -> {
                r.limbsByName(limbs).copy("pelvis", "mid_hip").copy("thorax", "neck").copy("neck", "nose");
                r.mix("spine", "mid_hip", 0.5, "neck", 0.5);
                r.mix("head", "left_eye", 0.25, "right_eye", 0.25, "left_ear", 0.25, "right_ear", 0.25);
            }
            case "halpe26" -> {
                r.limbsByName(limbs).copy("pelvis", "hip").copy("thorax", "neck").copy("neck", "nose").copy("head", "head");
                r.mix("spine", "hip", 0.5, "neck", 0.5);
            }
            case "humaneva15" -> {
                r.limbsByName(limbs).copy("pelvis", "pelvis").copy("thorax", "thorax").copy("head", "head");
                r.mix("spine", "pelvis", 0.5, "thorax", 0.5);
                r.mix("neck", "thorax", 0.5, "head", 0.5);
            }
            case "deepmimic15" -> {
                r.limbsByName(limbs).copy("pelvis", "root").copy("spine", "chest").copy("thorax", "neck");
                r.mix("neck", "neck", 1.5, "chest", -0.5);
                r.mix("head", "neck", 2.0, "chest", -1.0);
            }
            case "bandai22" -> {
                r.copy("pelvis", "Hips").copy("spine", "Chest").copy("thorax", "Neck");
                r.mix("neck", "Neck", -0.6, "Head", 1.6);
                r.mix("head", "Neck", -2.2, "Head", 3.2);
                for (String[] side : new String[][] {{"left", "L"}, {"right", "R"}}) {
                    r.copy(side[0] + "_hip", "UpperLeg_" + side[1]).copy(side[0] + "_knee", "LowerLeg_" + side[1])
                            .copy(side[0] + "_ankle", "Foot_" + side[1]).copy(side[0] + "_shoulder", "UpperArm_" + side[1])
                            .copy(side[0] + "_elbow", "LowerArm_" + side[1]).copy(side[0] + "_wrist", "Hand_" + side[1]);
                }
            }
            default -> throw new IllegalArgumentException("no joint map from " + l);
        }
        return r.build();
    }

    /** Collects, per H36M-17 joint, the weighted source joints named in the source layout. */
    private static final class Recipe {
        private final Layout source;
        private final int[][] s = new int[Layout.H36M17.size()][0];
        private final double[][] w = new double[Layout.H36M17.size()][0];

        Recipe(Layout source) {
            this.source = source;
        }

        Recipe copy(String target, String sourceJoint) {
            return mix(target, sourceJoint, 1.0);
        }

        Recipe mix(String target, Object... namesAndWeights) {
            int t = Layout.H36M17.indexOf(target);
            int n = namesAndWeights.length / 2;
            s[t] = new int[n];
            w[t] = new double[n];
            for (int k = 0; k < n; k++) {
                String name = (String) namesAndWeights[2 * k];
                int idx = source.indexOf(name);
                if (idx < 0) {
                    throw new IllegalStateException(source + " has no joint " + name);
                }
                s[t][k] = idx;
                w[t][k] = ((Number) namesAndWeights[2 * k + 1]).doubleValue();
            }
            return this;
        }

        Recipe limbsByName(String[] limbs) {
            for (String side : new String[] {"left_", "right_"}) {
                for (String limb : limbs) {
                    copy(side + limb, side + limb);
                }
            }
            return this;
        }

        Recipe midHipsPelvis() {
            return mix("pelvis", "left_hip", 0.5, "right_hip", 0.5);
        }

        Recipe midShouldersThorax() {
            return mix("thorax", "left_shoulder", 0.5, "right_shoulder", 0.5);
        }

        Recipe quarterSpine() {
            return mix("spine", "left_hip", 0.25, "right_hip", 0.25, "left_shoulder", 0.25, "right_shoulder", 0.25);
        }

        JointMap build() {
            return new JointMap(source, Layout.H36M17, s, w);
        }
    }
}
