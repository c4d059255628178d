package org.posetta.adapt.lift;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.posetta.data.Human36m;
import org.posetta.nn.AdamW;
import org.posetta.nn.LrSchedule;
import org.posetta.nn.TrainingLoop;

/**
 * Supervised training of the diffusion lifter on source data (D3DP's objective, PoSynDA's source
 * model): per clip one step t ~ U{0..T−1} and noise ε, y_t = √ᾱ_t y0 + √(1 − ᾱ_t) ε clamped to
 * ±1.1 m, and the loss is the MPJPE between the predicted and the true clean pose (metres, the
 * unsquared distance). Half of the clips are mirrored. AdamW with linear warm-up and cosine decay to 5 % of the peak.
 */
public final class SourceTraining {
    /**
     * @param steps        optimiser steps
     * @param batch        clips per step
     * @param learningRate peak learning rate
     * @param weightDecay  AdamW decoupled weight decay
     * @param warmup       warm-up steps
     * @param seed         clip order, noise and mirroring
     */
    public record Settings(int steps, int batch, double learningRate, double weightDecay, int warmup, long seed) {
    }

    private SourceTraining() {
    }

    /**
     * Trains {@code lifter}'s denoiser in place.
     *
     * @param checkpoint called every 500 steps and at the end with the step count
     * @return the mean loss (metres) over the last 100 steps
     */
    public static double train(DiffusionLifter lifter, List<PoseSequence> data, Settings s, Consumer<String> log,
            Consumer<Integer> checkpoint) {
        Denoiser d = lifter.denoiser();
        ClipSampler sampler = new ClipSampler(data, lifter.frames(), s.seed());
        Random rnd = sampler.random();
        CosineSchedule schedule = lifter.schedule();
        LrSchedule lr = LrSchedule.warmupCosine(s.learningRate(), s.warmup(), Math.max(s.warmup() + 1, s.steps()),
                0.05 * s.learningRate());
        double recent = 0;
        int recentCount = 0;
        long started = System.nanoTime();
        try (AdamW optimiser = new AdamW(d.parameters().trainable(), lr, AdamW.Settings.DEFAULTS.withWeightDecay(s.weightDecay()))) {
            TrainingLoop loop = new TrainingLoop(lifter.manager(), optimiser);
            for (int step = 0; step < s.steps(); step++) {
                List<PoseSequence.Clip> clips = sampler.next(s.batch());
                int n = clips.size();
                int size = lifter.frames() * PoseSequence.JOINTS * 3;
                int[] t = new int[n];
                float[] noisy = new float[n * size];
                float[] eps = new float[size];
                float[] yt = new float[size];
                for (int i = 0; i < n; i++) {
                    t[i] = rnd.nextInt(schedule.steps());
                    for (int k = 0; k < size; k++) {
                        eps[k] = (float) rnd.nextGaussian();
                    }
                    schedule.noise(clips.get(i).positions(), eps, t[i], yt);
                    System.arraycopy(yt, 0, noisy, i * size, size);
                }
                DiffusionLifter.clamp(noisy);
                boolean[] mirror = new boolean[n];
                for (int i = 0; i < n; i++) {
                    mirror[i] = rnd.nextBoolean();
                }
                TrainingLoop.StepResult r = loop.step((m, index) -> {
                    NDArray x2d = mirrored(ClipTensors.inputs(m, clips, 1), mirror);
                    NDArray y0 = mirrored(ClipTensors.targets(m, clips), mirror);
                    NDArray noisyIn = mirrored(m.create(noisy, new Shape(n, lifter.frames(), PoseSequence.JOINTS, 3)), mirror);
                    NDArray pred = d.forward(x2d, noisyIn, t).clip(-DiffusionLifter.CLAMP, DiffusionLifter.CLAMP);
                    return mpjpe(pred, y0);
                });
                if (step >= s.steps() - 100) {
                    recent += r.loss();
                    recentCount++;
                }
                if (step % 50 == 0 || step == s.steps() - 1) {
                    log.accept(String.format("step %d/%d  loss %.1f mm  lr %.2e  %.0f s", step + 1, s.steps(), r.loss() * 1000,
                            r.learningRate(), (System.nanoTime() - started) / 1e9));
                }
                if ((step + 1) % 500 == 0 || step == s.steps() - 1) {
                    checkpoint.accept(step + 1);
                }
            }
        }
        return recent / Math.max(1, recentCount);
    }

    /**
     * Trains a new lifter on Human3.6M and writes it ({@code NAME.safetensors} + card) to
     * {@code out} every 500 steps and at the end: every camera of {@code subjects}, ground-truth 2D
     * (the 3D projected with distortion), every {@code stride}-th frame.
     *
     * @return the trained lifter (the caller closes it)
     */
    public static DiffusionLifter trainOnHuman36m(Human36m data, List<String> subjects, int stride, Denoiser.Config config,
            Settings s, Path out, String name, String command, int threads, Consumer<String> log) {
        List<PoseSequence> sequences = PoseSequence.fromHuman36m(data, subjects, List.of(), stride, false);
        long frames = sequences.stream().mapToLong(PoseSequence::frames).sum();
        log.accept(String.format("%d sequences, %d frames at %.0f fps", sequences.size(), frames, 50.0 / stride));
        DiffusionLifter lifter = DiffusionLifter.create(config, 50.0 / stride, s.seed());
        long started = System.nanoTime();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("data", "Human3.6M " + String.join(" ", subjects) + ", all 4 cameras, ground-truth 2D (3D projected with"
                + " distortion), every " + stride + "th frame (" + (50 / stride) + " fps), " + frames + " frames");
        card.put("command", command);
        card.put("seed", s.seed());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("steps", s.steps());
        training.put("batch_clips", s.batch());
        training.put("learning_rate", s.learningRate());
        training.put("weight_decay", s.weightDecay());
        training.put("warmup", s.warmup());
        training.put("objective", "MPJPE of the predicted x0, t ~ U{0..999}, half the clips mirrored; AdamW, warm-up + cosine");
        card.put("training", training);
        card.put("threads", threads);
        card.put("licence", "Trained on Human3.6M: for non-commercial research use only (Human3.6M licence).");
        double[] loss = new double[1];
        loss[0] = train(lifter, sequences, s, log, step -> {
            Map<String, Object> c = new LinkedHashMap<>(card);
            c.put("steps_done", step);
            c.put("wall_seconds", Math.round((System.nanoTime() - started) / 1e9));
            lifter.save(out, name, c);
        });
        card.put("steps_done", s.steps());
        card.put("wall_seconds", Math.round((System.nanoTime() - started) / 1e9));
        card.put("final_training_loss_mm", Math.round(loss[0] * 10000) / 10.0);
        lifter.save(out, name, card);
        return lifter;
    }

    /** Mirrors the samples where {@code which} is true. */
    static NDArray mirrored(NDArray x, boolean[] which) {
        float[] w = new float[which.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = which[i] ? 1 : 0;
        }
        NDArray mask = x.getManager().create(w, new Shape(w.length, 1, 1, 1));
        return ClipTensors.mirror(x).mul(mask).add(x.mul(mask.neg().add(1)));
    }

    /** Mean over samples, frames and joints of the Euclidean distance, in the inputs' unit. */
    static NDArray mpjpe(NDArray pred, NDArray truth) {
        return pred.sub(truth).square().sum(new int[] {-1}).add(1e-12f).sqrt().mean();
    }
}
