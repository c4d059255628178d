package org.posetta.adapt.refine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.posetta.pose.Layout;
import org.posetta.simulate.DutyCycle;
import org.posetta.simulate.LimbGroup;

/**
 * The corruption a clean clip goes through before the motion prior sees it in pretraining
 * (STRIDE §3.2, "BERT-style"), drawn per clip (not per batch, fixing MotionBERT's shared masks):
 *
 * <ol>
 * <li>Estimator-like noise: offsets N(0, σ_key²) per joint and axis at key frames every
 *     {@value #KEY_SPACING} frames, linearly interpolated between them (slow, correlated errors
 *     as a per-frame lifter makes), plus per-frame jitter N(0, σ_jit²), a per-clip scale error
 *     and, in some clips, a few outlier frames. σ_key ~ U(0, {@value #MAX_KEY_SIGMA} m) and
 *     σ_jit ~ U(0, {@value #MAX_JITTER_SIGMA} m) per clip, so the prior sees clean to badly
 *     estimated input.</li>
 * <li>Long gaps like the benchmark's occlusions (the lesson that a prior trained only on mild
 *     masks cannot in-paint 1.6 s): with probability {@value #WHOLE_BODY_P} whole-body gaps of
 *     {@value #MIN_GAP}–{@value #MAX_GAP} frames separated by visible runs of the same range, with
 *     probability {@value #BODY_PART_P} the same schedule hiding one limb group per gap.</li>
 * <li>Joint-level ({@value #JOINT_MASK_P}) and frame-level ({@value #FRAME_MASK_P}) random masks
 *     (MotionBERT's ratios).</li>
 * </ol>
 *
 * Hidden entries carry no value: they are gap-filled exactly as at test time ({@link GapFill})
 * and flagged unobserved in the {@link PriorInput}. Lengths are in frames at the prior's rate.
 */
public final class PretrainCorruption {
    static final int KEY_SPACING = 5;
    static final double MAX_KEY_SIGMA = 0.06;
    static final double MAX_JITTER_SIGMA = 0.02;
    static final double SCALE_SIGMA = 0.03;
    static final double OUTLIER_CLIP_P = 0.3;
    static final double OUTLIER_SIGMA = 0.1;
    static final double WHOLE_BODY_P = 0.5;
    static final double BODY_PART_P = 0.25;
    static final int MIN_GAP = 6;
    static final int MAX_GAP = 24;
    static final double JOINT_MASK_P = 0.05;
    static final double FRAME_MASK_P = 0.1;

    private final int joints;
    private final List<int[]> limbGroups = new ArrayList<>();

    public PretrainCorruption(Layout layout) {
        this.joints = layout.size();
        for (LimbGroup g : LimbGroup.values()) {
            limbGroups.add(g.joints(layout));
        }
    }

    /**
     * @param clean T·J·3 clean positions, metres, root-relative
     * @return the prior's input, T·J·{@value PriorInput#CHANNELS}
     */
    public float[] apply(float[] clean, int frames, SplittableRandom random) {
        return mask(addNoise(clean, frames, random), frames, random);
    }

    /**
     * The prior's input from a real estimate of the clip (e.g. the per-frame lifter's output, the
     * closest to the test-time input): the masks and gaps of step 2–3 only, no synthetic noise.
     *
     * @param estimate T·J·3 positions, metres, root-relative
     */
    public float[] mask(float[] estimate, int frames, SplittableRandom random) {
        boolean[] all = new boolean[frames * joints];
        Arrays.fill(all, true);
        return mask(estimate, all, frames, random);
    }

    /**
     * The same for a clip that is already partly unobserved: the masks and gaps hide more of the
     * entries flagged {@code observed}, and only those still observed set the filled values.
     *
     * @param estimate T·J·3 positions, metres (values at unobserved entries are ignored)
     * @param observed T·J flags
     */
    public float[] mask(float[] estimate, boolean[] observed, int frames, SplittableRandom random) {
        boolean[] kept = observedMask(frames, random);
        for (int i = 0; i < kept.length; i++) {
            kept[i] &= observed[i];
        }
        return PriorInput.encode(GapFill.fill(estimate, kept, frames, joints), kept, frames, joints);
    }

    private float[] addNoise(float[] clean, int frames, SplittableRandom random) {
        double keySigma = random.nextDouble() * MAX_KEY_SIGMA;
        double jitterSigma = random.nextDouble() * MAX_JITTER_SIGMA;
        double scale = 1 + SCALE_SIGMA * gaussian(random);
        int keys = (frames - 1) / KEY_SPACING + 2;
        float[] key = new float[keys * joints * 3];
        for (int i = 0; i < key.length; i++) {
            key[i] = (float) (keySigma * gaussian(random));
        }
        float[] out = new float[clean.length];
        for (int t = 0; t < frames; t++) {
            int k = t / KEY_SPACING;
            double f = (double) (t % KEY_SPACING) / KEY_SPACING;
            for (int i = 0; i < joints * 3; i++) {
                double offset = key[k * joints * 3 + i] * (1 - f) + key[(k + 1) * joints * 3 + i] * f;
                out[t * joints * 3 + i] = (float) (scale * clean[t * joints * 3 + i] + offset + jitterSigma * gaussian(random));
            }
        }
        if (random.nextDouble() < OUTLIER_CLIP_P) {
            int n = 1 + random.nextInt(3);
            for (int o = 0; o < n; o++) {
                int t = random.nextInt(frames);
                for (int i = 0; i < joints * 3; i++) {
                    out[t * joints * 3 + i] += (float) (OUTLIER_SIGMA * gaussian(random));
                }
            }
        }
        return out;
    }

    private boolean[] observedMask(int frames, SplittableRandom random) {
        boolean[] hidden = new boolean[frames * joints];
        double kind = random.nextDouble();
        if (kind < WHOLE_BODY_P + BODY_PART_P) {
            int gap = MIN_GAP + random.nextInt(MAX_GAP - MIN_GAP + 1);
            int visible = MIN_GAP + random.nextInt(MAX_GAP - MIN_GAP + 1);
            // Frame units: a cycle of `gap` frames on in every `gap + visible`, at 1 frame per second.
            DutyCycle cycle = new DutyCycle(gap, gap + visible);
            for (int[] e : cycle.episodes(frames, 1, cycle.randomPhase(random))) {
                int[] part = kind < WHOLE_BODY_P ? null : limbGroups.get(random.nextInt(limbGroups.size()));
                for (int t = e[0]; t < e[1]; t++) {
                    if (part == null) {
                        Arrays.fill(hidden, t * joints, (t + 1) * joints, true);
                    } else {
                        for (int j : part) {
                            hidden[t * joints + j] = true;
                        }
                    }
                }
            }
        }
        for (int t = 0; t < frames; t++) {
            boolean frameMasked = random.nextDouble() < FRAME_MASK_P;
            for (int j = 0; j < joints; j++) {
                hidden[t * joints + j] |= frameMasked || random.nextDouble() < JOINT_MASK_P;
            }
        }
        boolean[] observed = new boolean[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
            observed[i] = !hidden[i];
        }
        return observed;
    }

    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
