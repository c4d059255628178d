package org.posetta.adapt.lift;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.posetta.geometry.Camera;
import org.posetta.nn.AdamW;
import org.posetta.nn.CameraTensors;
import org.posetta.nn.LrSchedule;
import org.posetta.nn.Scalars;
import org.posetta.nn.TrainingLoop;

/**
 * PoSynDA's adaptation of a source-trained {@link DiffusionLifter} to a target domain of which
 * only 2D is known (paper Algorithm 1 with the fixes of methods §6.3). Source and target batches
 * alternate, one optimiser step each:
 * <ul>
 *   <li>source: source clips with their 3D; with {@code gpa}, each clip is re-placed frame by
 *       frame so that the target camera sees it at a random target clip's size and root
 *       ({@link Gpa}) and its 2D input is that projection; loss w3D·MPJPE + w2D·reprojection;</li>
 *   <li>target: a pseudo-label per target clip — the teacher samples H hypotheses (K = 1,
 *       flip-averaged, no gradient) and, per frame, the one with the smallest 2D reprojection
 *       error at a root solved from the 2D is kept ({@link Hypotheses#selectPerFrame}; per joint
 *       as an option), detached; loss w3D·MPJPE to the label + w2D·reprojection of the student's
 *       pose at the label's root.</li>
 * </ul>
 * The student's pose is the one-step map used at inference (pure noise at t = T − 1,
 * flip-averaged). The teacher is the student itself (PoSynDA's synchronised teacher) or an
 * exponential moving average of the adapted tensors. What is trained: every weight, or only
 * the LoRA factors and/or the J×3 bias ({@link Denoiser#enableAdaptation}), base frozen.
 * Target ground truth is never read.
 */
public final class Adaptation {
    /**
     * @param steps           optimiser steps, alternating source and target (source first)
     * @param batch           clips per step
     * @param learningRate    constant Adam learning rate
     * @param gpa             re-place source clips for the target camera (else source 2D as is)
     * @param lora            train rank-{@code rank} LoRA factors, base frozen
     * @param bias            train the J×3 cross-dataset bias, base frozen
     * @param hypotheses      H for the pseudo-labels (1: the teacher's single sample)
     * @param perJointLabels  select per joint instead of per frame (the public code's choice)
     * @param teacherMomentum μ of the EMA teacher; 0 for the synchronised teacher (the student's weights)
     * @param target2d        w2D of target batches (reprojection, screen-normalised units)
     * @param target3d        w3D of target batches (MPJPE to the pseudo-label, metres)
     * @param source2d        w2D of source batches
     * @param source3d        w3D of source batches (MPJPE to the source 3D)
     * @param seed            batches, noise, GPA pairing
     */
    public record Settings(int steps, int batch, double learningRate, boolean gpa, boolean lora, int rank, boolean bias,
            int hypotheses, boolean perJointLabels, double teacherMomentum, double target2d, double target3d, double source2d,
            double source3d, long seed) {
        /** The full method: GPA, LoRA rank 4, bias, H = 3 pseudo-labels, EMA teacher μ = 0.99. */
        public static Settings full(int steps, int batch, double learningRate, long seed) {
            return new Settings(steps, batch, learningRate, true, true, Adapter.DEFAULT_RANK, true, 3, false, 0.99, 0.5, 1, 0.1, 1,
                    seed);
        }

        /** Whether only adaptation tensors are trained (else every weight). */
        public boolean adaptsTensorsOnly() {
            return lora || bias;
        }
    }

    private Adaptation() {
    }

    /**
     * Adapts {@code lifter} in place (with LoRA or bias: enables adaptation on its denoiser).
     *
     * @param source sequences with 3D; empty to adapt with target batches only
     * @param target sequences whose 2D is adapted to; their 3D, if any, is dropped first
     * @return the mean target loss over the last quarter of the steps
     */
    public static double adapt(DiffusionLifter lifter, List<PoseSequence> source, List<PoseSequence> target, Settings s,
            Consumer<String> log) {
        Denoiser d = lifter.denoiser();
        if (s.adaptsTensorsOnly()) {
            d.enableAdaptation(s.rank(), s.lora(), s.bias(), s.seed());
        }
        List<PoseSequence> targetOnly2d = new ArrayList<>();
        for (PoseSequence t : target) {
            targetOnly2d.add(new PoseSequence(t.name(), t.actionClass(), t.camera(), t.fps(), t.pixels(), t.confidence(), null));
        }
        int f = lifter.frames();
        ClipSampler sourceClips = source.isEmpty() ? null : new ClipSampler(source, f, s.seed());
        ClipSampler targetClips = new ClipSampler(targetOnly2d, f, s.seed() + 1);
        Random rnd = new Random(s.seed() + 2);
        Map<String, NDArray> trainable = d.parameters().trainable();
        Adapter teacher = s.teacherMomentum() > 0 && s.adaptsTensorsOnly() ? Adapter.capture(d, s.rank()) : null;
        double recent = 0;
        int recentCount = 0;
        long started = System.nanoTime();
        try (AdamW optimiser = new AdamW(trainable, LrSchedule.constant(s.learningRate()),
                AdamW.Settings.DEFAULTS.withWeightDecay(0))) {
            TrainingLoop loop = new TrainingLoop(lifter.manager(), optimiser);
            for (int step = 0; step < s.steps(); step++) {
                boolean sourceStep = sourceClips != null && step % 2 == 0;
                List<PoseSequence.Clip> clips;
                float[] labels;
                double[] roots;
                double w2d;
                double w3d;
                if (sourceStep) {
                    clips = new ArrayList<>();
                    roots = new double[s.batch() * f * 3];
                    for (int i = 0; i < s.batch(); i++) {
                        PoseSequence.Clip src = sourceClips.next();
                        clips.add(s.gpa() ? placed(src, targetClips.next(), roots, i * f * 3) : withRoots(src, roots, i * f * 3));
                    }
                    labels = concat(clips);
                    w2d = s.source2d();
                    w3d = s.source3d();
                } else {
                    clips = targetClips.next(s.batch());
                    if (teacher != null) {
                        teacher.exchange(d);
                    }
                    labels = pseudoLabels(lifter, clips, s, rnd.nextLong());
                    if (teacher != null) {
                        teacher.exchange(d);
                    }
                    roots = fittedRoots(clips, labels);
                    w2d = s.target2d();
                    w3d = s.target3d();
                }
                List<Camera> cameras = clips.stream().map(c -> c.sequence().camera()).toList();
                float[] noise = new float[labels.length];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (float) rnd.nextGaussian();
                }
                DiffusionLifter.clamp(noise);
                int n = clips.size();
                int last = lifter.schedule().steps() - 1;
                final List<PoseSequence.Clip> batch = clips;
                final float[] y = labels;
                final double[] r = roots;
                final double a2 = w2d;
                final double a3 = w3d;
                TrainingLoop.StepResult result = loop.step((m, index) -> {
                    Shape shape = new Shape(n, f, PoseSequence.JOINTS, 3);
                    NDArray x2d = ClipTensors.inputs(m, batch, 1);
                    int[] steps = new int[n];
                    Arrays.fill(steps, last);
                    NDArray pred = lifter.predict(x2d, m.create(noise, shape), steps);
                    NDArray loss = Scalars.times(SourceTraining.mpjpe(pred, m.create(y, shape)), a3);
                    if (a2 > 0) {
                        NDArray rootTensor = m.create(toFloat(r), new Shape(n, f, 1, 3));
                        NDArray projected = CameraTensors.project(pred.add(rootTensor), cameras);
                        // capped at one screen half-width, so that a wild pose cannot dominate the step
                        NDArray err = Scalars.atMost(projected.sub(x2d).square().sum(new int[] {-1}).add(1e-12f).sqrt(), 1);
                        NDArray present = m.create(confidence(batch), new Shape(n, f, PoseSequence.JOINTS)).gt(0).toType(
                                ai.djl.ndarray.types.DataType.FLOAT32, false);
                        loss = loss.add(Scalars.times(err.mul(present).sum().div(present.sum().add(1e-6f)), a2));
                    }
                    return loss;
                });
                if (teacher != null) {
                    teacher.blendTowards(d, s.teacherMomentum());
                }
                if (!sourceStep && step >= s.steps() * 3 / 4) {
                    recent += result.loss();
                    recentCount++;
                }
                if (step % 20 == 0 || step == s.steps() - 1) {
                    log.accept(String.format("adapt %d/%d  %s loss %.4f  %.0f s", step + 1, s.steps(), sourceStep ? "source" : "target",
                            result.loss(), (System.nanoTime() - started) / 1e9));
                }
            }
        } finally {
            if (teacher != null) {
                teacher.close();
            }
        }
        return recent / Math.max(1, recentCount);
    }

    /**
     * The teacher's pseudo-labels: per clip, H samples and the per-frame (or per-joint) selection by
     * reprojection with an estimated root. No gradient flows through them.
     *
     * @return B·F·J·3
     */
    static float[] pseudoLabels(DiffusionLifter lifter, List<PoseSequence.Clip> clips, Settings s, long seed) {
        float[][][] hyp = lifter.sample(clips, new DiffusionLifter.Sampling(s.hypotheses(), 1, 1.0,
                DiffusionLifter.Aggregation.JOINT, seed));
        int size = clips.get(0).length() * PoseSequence.JOINTS * 3;
        float[] out = new float[clips.size() * size];
        for (int i = 0; i < clips.size(); i++) {
            PoseSequence.Clip c = clips.get(i);
            Hypotheses h = new Hypotheses(hyp[i], PoseSequence.JOINTS);
            float[] chosen = s.perJointLabels() ? h.selectPerJoint(c.pixels(), c.confidence(), c.sequence().camera())
                    : h.selectPerFrame(c.pixels(), c.confidence(), c.sequence().camera());
            System.arraycopy(chosen, 0, out, i * size, size);
        }
        return out;
    }

    /** A source clip re-placed for the target clip's camera, size and root; its roots written to {@code roots}. */
    private static PoseSequence.Clip placed(PoseSequence.Clip src, PoseSequence.Clip tgt, double[] roots, int at) {
        Camera cam = tgt.sequence().camera();
        float[] place = Gpa.place(src.positions(), tgt.pixels(), tgt.confidence(), PoseSequence.JOINTS, 0, cam);
        if (place == null) {
            return withRoots(src, roots, at);
        }
        float[] pixels = new float[place.length / 3 * 2];
        cam.project(place, pixels);
        float[] conf = new float[src.length() * PoseSequence.JOINTS];
        Arrays.fill(conf, 1f);
        for (int fr = 0; fr < src.length(); fr++) {
            for (int c = 0; c < 3; c++) {
                roots[at + fr * 3 + c] = place[fr * PoseSequence.JOINTS * 3 + c];
            }
        }
        PoseSequence seq = new PoseSequence(src.sequence().name() + " as seen by " + cam.id(), src.sequence().actionClass(), cam,
                src.sequence().fps(), pixels, conf, src.positions());
        return seq.clip(0, src.length());
    }

    /** A source clip as it is; its roots, solved from its 2D, written to {@code roots}. */
    private static PoseSequence.Clip withRoots(PoseSequence.Clip src, double[] roots, int at) {
        double[] t = src.sequence().camera().fitTranslations(src.positions(), src.pixels(), src.confidence(), PoseSequence.JOINTS);
        copyRoots(t, roots, at);
        return src;
    }

    /** Per clip and frame, the root translation that places the label on the clip's 2D. */
    private static double[] fittedRoots(List<PoseSequence.Clip> clips, float[] labels) {
        int f = clips.get(0).length();
        int size = f * PoseSequence.JOINTS * 3;
        double[] out = new double[clips.size() * f * 3];
        for (int i = 0; i < clips.size(); i++) {
            PoseSequence.Clip c = clips.get(i);
            double[] t = c.sequence().camera().fitTranslations(Arrays.copyOfRange(labels, i * size, (i + 1) * size), c.pixels(),
                    c.confidence(), PoseSequence.JOINTS);
            copyRoots(t, out, i * f * 3);
        }
        return out;
    }

    /** Fitted roots, a frame that could not be fitted (or lands behind the camera) put 5 m ahead on the axis. */
    private static void copyRoots(double[] t, double[] out, int at) {
        for (int fr = 0; fr < t.length / 3; fr++) {
            boolean ok = Double.isFinite(t[fr * 3]) && Double.isFinite(t[fr * 3 + 1]) && t[fr * 3 + 2] >= Gpa.MIN_DEPTH
                    && t[fr * 3 + 2] <= Gpa.MAX_DEPTH;
            for (int c = 0; c < 3; c++) {
                out[at + fr * 3 + c] = ok ? t[fr * 3 + c] : (c == 2 ? 5 : 0);
            }
        }
    }

    private static float[] concat(List<PoseSequence.Clip> clips) {
        int size = clips.get(0).positions().length;
        float[] out = new float[clips.size() * size];
        for (int i = 0; i < clips.size(); i++) {
            System.arraycopy(clips.get(i).positions(), 0, out, i * size, size);
        }
        return out;
    }

    private static float[] confidence(List<PoseSequence.Clip> clips) {
        int size = clips.get(0).confidence().length;
        float[] out = new float[clips.size() * size];
        for (int i = 0; i < clips.size(); i++) {
            System.arraycopy(clips.get(i).confidence(), 0, out, i * size, size);
        }
        return out;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
