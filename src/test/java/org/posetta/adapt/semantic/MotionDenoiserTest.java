package org.posetta.adapt.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;
import org.posetta.nn.AdamW;
import org.posetta.nn.LrSchedule;
import org.posetta.nn.TrainingLoop;
import org.posetta.pose.PosettaException;

class MotionDenoiserTest {
    private static final int W = MotionDenoiser.WINDOW;
    /** Masked-frame MPJPE bound (mm) for the shipped model on the held-out S8 window of the data test, where it measured 41.0 mm. */
    private static final double BOUND_MM = 50;

    @Test
    void maskHasTwentyFiveOnesWithTheMiddleFrameAlways() {
        Random rng = new Random(3);
        float[] first = MotionDenoiser.randomMask(rng);
        for (int draw = 0; draw < 200; draw++) {
            float[] mask = draw == 0 ? first : MotionDenoiser.randomMask(rng);
            assertThat(mask).hasSize(W);
            int ones = 0;
            for (float v : mask) {
                assertThat(v).isIn(0f, 1f);
                ones += (int) v;
            }
            assertThat(ones).isEqualTo(25);
            assertThat(mask[24]).isEqualTo(1f);
        }
        assertThat(MotionDenoiser.randomMask(rng)).isNotEqualTo(first);
    }

    @Test
    void everyOtherFrameIsMaskedAboutHalfTheTime() {
        Random rng = new Random(5);
        int[] counts = new int[W];
        int draws = 4000;
        for (int d = 0; d < draws; d++) {
            float[] mask = MotionDenoiser.randomMask(rng);
            for (int t = 0; t < W; t++) {
                counts[t] += (int) mask[t];
            }
        }
        for (int t = 0; t < W; t++) {
            // 24 of 48: p = 1/2, binomial σ ≈ 32 over 4000 draws
            assertThat(counts[t]).isBetween(t == 24 ? draws : 1800, t == 24 ? draws : 2200);
        }
    }

    @Test
    void outputHasTheWindowShapeWithTheRootAtTheOrigin() {
        try (MotionDenoiser net = MotionDenoiser.create(32, 1); NDManager m = NDManager.newBaseManager()) {
            float[] x = constantVelocityWindows(3, new Random(2));
            float[] masks = masks(3, new Random(4));
            float[] y = net.forward(m.create(x, new Shape(3, W, 17, 3)), m.create(masks, new Shape(3, W)), false).toFloatArray();
            assertThat(y).hasSize(3 * W * 17 * 3);
            for (int f = 0; f < 3 * W; f++) {
                assertThat(Arrays.copyOfRange(y, f * 51, f * 51 + 3)).containsOnly(0f);
            }
            assertThatThrownBy(() -> net.forward(m.create(x, new Shape(3, W, 51)), m.create(masks, new Shape(3, W)), false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void savedWeightsLoadToIdenticalOutputs(@TempDir Path dir) {
        Path file = dir.resolve("d.safetensors");
        float[] x = constantVelocityWindows(2, new Random(7));
        float[] masks = masks(2, new Random(8));
        try (MotionDenoiser net = MotionDenoiser.create(16, 9); NDManager m = NDManager.newBaseManager()) {
            trainOnConstantVelocity(net, 5);
            net.save(file, Map.of("note", "round trip"));
            float[] before = net.forward(m.create(x, new Shape(2, W, 17, 3)), m.create(masks, new Shape(2, W)), false).toFloatArray();
            try (MotionDenoiser again = MotionDenoiser.load(file)) {
                float[] after = again.forward(m.create(x, new Shape(2, W, 17, 3)), m.create(masks, new Shape(2, W)), false).toFloatArray();
                assertThat(after).containsExactly(before);
                assertThat(again.card()).containsEntry("note", "round trip").containsKey("architecture");
            }
        }
    }

    @Test
    void badCheckpointsAreRejectedWithAClearMessage(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("none.safetensors");
        assertThatThrownBy(() -> MotionDenoiser.load(missing)).isInstanceOf(PosettaException.class).hasMessageContaining("does not exist");
        Path junk = dir.resolve("junk.safetensors");
        Files.writeString(junk, "not weights");
        Files.writeString(dir.resolve("junk.json"), "{\"architecture\": {\"window\": 49, \"blocks\": 4, \"width\": 16}}");
        assertThatThrownBy(() -> MotionDenoiser.load(junk)).isInstanceOf(PosettaException.class).hasMessageContaining("junk.safetensors");
        Path wrong = dir.resolve("wrong.safetensors");
        try (MotionDenoiser net = MotionDenoiser.create(16, 1)) {
            net.save(wrong, Map.of());
        }
        Files.writeString(dir.resolve("wrong.json"), "{\"architecture\": {\"window\": 49, \"blocks\": 4, \"width\": 32}}");
        assertThatThrownBy(() -> MotionDenoiser.load(wrong)).isInstanceOf(PosettaException.class)
                .hasMessageContaining("does not fit this network");
        Files.writeString(dir.resolve("wrong.json"), "{\"name\": \"x\"}");
        assertThatThrownBy(() -> MotionDenoiser.load(wrong)).isInstanceOf(PosettaException.class)
                .hasMessageContaining("architecture");
    }

    @Test
    void aFewStepsLowerTheMaskedFrameLossOnConstantVelocityMotion() {
        try (MotionDenoiser net = MotionDenoiser.create(32, 11)) {
            double[] losses = trainOnConstantVelocity(net, 25);
            double first = (losses[0] + losses[1]) / 2;
            double last = (losses[losses.length - 1] + losses[losses.length - 2]) / 2;
            assertThat(last).isLessThan(0.5 * first);
        }
    }

    @Test
    void eachShippedInstanceHasItsOwnWeights() {
        try (MotionDenoiser a = MotionDenoiser.shipped(); MotionDenoiser b = MotionDenoiser.shipped()) {
            float[] original = b.parameters().get("out.bias").toFloatArray();
            a.parameters().get("out.bias").set(new float[original.length]);
            assertThat(b.parameters().get("out.bias").toFloatArray()).containsExactly(original);
            assertThat(b.card()).containsKeys("command", "data", "validation", "licence");
        }
    }

    @Test
    void trainingNoiseKeepsTheRootAndLeavesMaskedFramesEmpty() {
        Random r = new Random(12);
        float[] clean = constantVelocityWindows(1, r);
        float[] mask = MotionDenoiser.randomMask(r);
        float[] noisy = MotionDenoiserTraining.corrupt(clean, mask, r);
        for (int t = 0; t < W; t++) {
            assertThat(Arrays.copyOfRange(noisy, t * 51, t * 51 + 3)).containsOnly(0f);
            if (mask[t] == 1) {
                assertThat(Arrays.copyOfRange(noisy, t * 51, t * 51 + 51)).containsOnly(0f);
            }
        }
        float[] unmasked = new float[W];
        for (int t = 0; t < W; t++) {
            unmasked[t] = 1 - mask[t];
        }
        // jitter of 1–3 cm per coordinate plus a few degrees and per cent of whole-pose noise
        assertThat(MotionDenoiserTraining.mpjpe(noisy, clean, unmasked, true)).isBetween(15.0, 90.0);
    }

    @Test
    void theShippedModelInPaintsAHeldOutS8Window() {
        Path folder = Human36m.find().orElse(null);
        Assumptions.assumeTrue(folder != null, "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        Human36m data = Human36m.load(folder, List.of("S8"));
        float[] world = data.worldPositions("S8", "Walking").positions();
        int frames = world.length / 51;
        // a 10 fps window from the held-out end of the sequence
        float[] clean = MotionDenoiserTraining.window(world, data.camera("S8", data.cameraIds("S8").get(1)), frames - 5 * 48 - 1, 5);
        Random rng = new Random(1);
        double network = 0;
        double zero = 0;
        double linear = 0;
        int draws = 8;
        try (MotionDenoiser net = MotionDenoiser.shipped()) {
            assertThat((String) net.card().get("licence")).contains("non-commercial research");
            for (int d = 0; d < draws; d++) {
                float[] mask = MotionDenoiser.randomMask(rng);
                float[] noisy = MotionDenoiserTraining.corrupt(clean, mask, rng);
                network += MotionDenoiserTraining.mpjpe(MotionDenoiserTraining.inPaint(net, noisy, mask), clean, mask, true) / draws;
                linear += MotionDenoiserTraining.mpjpe(MotionDenoiserTraining.interpolate(noisy, mask), clean, mask, true) / draws;
                zero += MotionDenoiserTraining.mpjpe(new float[clean.length], clean, mask, true) / draws;
            }
        }
        // measured with the shipped weights: network 41.0 mm, linear interpolation 49.5 mm, zero 451 mm
        assertThat(network).isLessThan(0.2 * zero).isLessThan(linear).isLessThan(BOUND_MM);
    }

    private static double[] trainOnConstantVelocity(MotionDenoiser net, int steps) {
        double[] losses = new double[steps];
        int batch = 8;
        // the same window every step, under new masks
        float[] x = constantVelocityWindows(batch, new Random(100));
        try (AdamW adam = new AdamW(net.parameters().trainable(), LrSchedule.constant(3e-3), AdamW.Settings.DEFAULTS)) {
            TrainingLoop loop = new TrainingLoop(net.parameters().manager(), adam);
            for (int k = 0; k < steps; k++) {
                float[] masks = masks(batch, new Random(200 + k));
                losses[k] = loop.step((m, i) -> {
                    NDArray mask = m.create(masks, new Shape(batch, W));
                    NDArray target = m.create(x, new Shape(batch, W, 17, 3));
                    return MotionDenoiser.maskedL1(net.forward(target, mask, true), target, mask);
                }).loss();
            }
        }
        return losses;
    }

    /** {@code n} copies of a window whose 16 non-root joints move at constant velocity from a random pose; the root stays at 0. */
    private static float[] constantVelocityWindows(int n, Random r) {
        float[] window = new float[W * 51];
        for (int j = 1; j < 17; j++) {
            for (int c = 0; c < 3; c++) {
                double p = 0.4 * r.nextGaussian();
                double v = 0.01 * r.nextGaussian();
                for (int t = 0; t < W; t++) {
                    window[(t * 17 + j) * 3 + c] = (float) (p + v * (t - 24));
                }
            }
        }
        float[] x = new float[n * window.length];
        for (int b = 0; b < n; b++) {
            System.arraycopy(window, 0, x, b * window.length, window.length);
        }
        return x;
    }

    private static float[] masks(int n, Random r) {
        float[] out = new float[n * W];
        for (int b = 0; b < n; b++) {
            System.arraycopy(MotionDenoiser.randomMask(r), 0, out, b * W, W);
        }
        return out;
    }
}
