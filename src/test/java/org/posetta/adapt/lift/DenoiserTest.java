package org.posetta.adapt.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.nn.AdamW;
import org.posetta.nn.LrSchedule;
import org.posetta.nn.TrainingLoop;

class DenoiserTest {
    static final Denoiser.Config TINY = new Denoiser.Config(16, 1, 2, 9, 17);

    @Test
    void trainingLowersTheLossAndTheLifterGivesHypothesesWithASpread() {
        List<PoseSequence> data = Synthetic.set(4, 30, 5, 1);
        try (DiffusionLifter lifter = DiffusionLifter.create(TINY, 10, 1)) {
            SourceTraining.Settings s = new SourceTraining.Settings(120, 8, 3e-3, 0.01, 10, 2);
            double first = SourceTraining.train(lifter, data, new SourceTraining.Settings(1, 8, 0, 0, 1, 2), x -> { }, x -> { });
            double last = SourceTraining.train(lifter, data, s, x -> { }, x -> { });
            assertThat(last).isLessThan(0.6 * first);

            DiffusionLifter.Lifted out = lifter.lift(data.get(0), DiffusionLifter.Sampling.DEFAULT);
            assertThat(out.positions()).hasSize(30 * 17 * 3);
            assertThat(out.hypotheses().count()).isEqualTo(5);
            assertThat(out.positions()[0]).isZero();
            double spread = 0;
            for (float v : out.spread()) {
                spread += v;
            }
            assertThat(spread).isPositive();
        }
    }

    @Test
    void loraStartsAtZeroTrainsWithoutTouchingTheBaseAndRoundTrips(@TempDir Path dir) {
        List<PoseSequence> data = Synthetic.set(2, 20, 5, 3);
        List<PoseSequence.Clip> clips = List.of(data.get(0).clip(0, 9), data.get(1).clip(3, 9));
        DiffusionLifter.Sampling s = DiffusionLifter.Sampling.DEFAULT.withSeed(9);
        try (DiffusionLifter lifter = DiffusionLifter.create(TINY, 10, 4)) {
            lifter.save(dir, "base", Map.of());
            Denoiser d = lifter.denoiser();
            float[][][] before = lifter.sample(clips, s);
            Map<String, float[]> base = snapshot(d);

            d.enableAdaptation(4, true, true, 5);
            assertThat(d.parameters().trainable().keySet()).allMatch(n -> n.contains("lora_") || n.equals(Denoiser.BIAS));
            assertThat(d.parameters().trainable()).hasSize(1 + 2 * 2 * 2 * TINY.depth());
            assertThat(lifter.sample(clips, s)[1][2]).containsExactly(before[1][2], within(1e-6f));

            try (AdamW opt = new AdamW(d.parameters().trainable(), LrSchedule.constant(1e-2), AdamW.Settings.DEFAULTS)) {
                TrainingLoop loop = new TrainingLoop(lifter.manager(), opt);
                for (int i = 0; i < 5; i++) {
                    loop.step((m, k) -> {
                        NDArray x2d = ClipTensors.inputs(m, clips, 1);
                        NDArray noisy = m.randomNormal(new Shape(2, 9, 17, 3));
                        return SourceTraining.mpjpe(lifter.predict(x2d, noisy, new int[] {999, 999}), ClipTensors.targets(m, clips));
                    });
                }
            }
            float[][][] adapted = lifter.sample(clips, s);
            assertThat(adapted[0][0]).isNotEqualTo(before[0][0]);
            snapshot(d).forEach((k, v) -> {
                if (base.containsKey(k)) {
                    assertThat(v).as(k).containsExactly(base.get(k));
                }
            });

            Path file = dir.resolve("a.safetensors");
            try (Adapter a = Adapter.capture(d, 4)) {
                a.save(file, Map.of("target", "test"));
            }
            try (DiffusionLifter fresh = DiffusionLifter.load(dir.resolve("base.safetensors"))) {
                assertThat(fresh.sample(clips, s)[1][2]).containsExactly(before[1][2], within(1e-6f));
                Adapter.load(file, fresh.denoiser());
                assertThat(fresh.sample(clips, s)[0][0]).containsExactly(adapted[0][0], within(0f));
            }
        }
    }

    @Test
    void savedLifterLoadsWithTheSameOutput(@TempDir Path dir) {
        List<PoseSequence> data = Synthetic.set(1, 20, 5, 3);
        List<PoseSequence.Clip> clips = List.of(data.get(0).clip(0, 9));
        DiffusionLifter.Sampling s = DiffusionLifter.Sampling.DEFAULT;
        try (DiffusionLifter lifter = DiffusionLifter.create(TINY, 10, 4)) {
            lifter.save(dir, "m", Map.of("seed", 4));
            try (DiffusionLifter back = DiffusionLifter.load(dir.resolve("m.safetensors"))) {
                assertThat(back.sample(clips, s)[0][0]).containsExactly(lifter.sample(clips, s)[0][0], within(0f));
                assertThat(back.card()).containsEntry("seed", 4);
            }
        }
    }

    private static Map<String, float[]> snapshot(Denoiser d) {
        Map<String, float[]> out = new LinkedHashMap<>();
        d.parameters().all().forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }
}
