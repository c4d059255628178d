package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.Posetta;
import org.posetta.adapt.lift.Denoiser;
import org.posetta.adapt.lift.DiffusionLifter;
import org.posetta.data.Human36m;
import org.posetta.geometry.Camera;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

class DiffusionLiftCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path input;

    @BeforeAll
    static void tinyModelAndInput() {
        try (DiffusionLifter lifter = DiffusionLifter.create(new Denoiser.Config(16, 1, 2, 9, 17), 10, 1)) {
            lifter.save(dir, "tiny", Map.of());
        }
        model = dir.resolve("tiny.safetensors");
        Camera camera = Camera.defaultFor(1000, 1000);
        int frames = 20;
        float[] pixels = new float[frames * 17 * 2];
        float[] placed = new float[17 * 3];
        float[] uv = new float[17 * 2];
        for (int f = 0; f < frames; f++) {
            for (int j = 0; j < 17; j++) {
                placed[j * 3] = (float) (0.1 * Math.sin(j + f * 0.3));
                placed[j * 3 + 1] = (float) (-0.8 + 0.1 * j);
                placed[j * 3 + 2] = 5f + 0.05f * j;
            }
            camera.project(placed, uv);
            System.arraycopy(uv, 0, pixels, f * 34, 34);
        }
        input = dir.resolve("walk-2d.json");
        Posetta.write(new Keypoints2d(Layout.H36M17, 10, 1000, 1000, pixels, null, null), input);
    }

    @Test
    void liftsWithUncertaintyAndAdaptersRoundTrip() {
        Path out = dir.resolve("walk-3d.json");
        Cli plain = Cli.run("lift", input.toString(), "-o", out.toString(), "--model", "diffusion", "--weights", model.toString(), "--hypotheses", "3");
        assertThat(plain.exit()).as(plain.err()).isZero();
        Motion3d m = Posetta.readMotion(out);
        assertThat(m.frames()).isEqualTo(20);
        assertThat(m.hasUncertainty()).isTrue();

        Path adapter = dir.resolve("domain.safetensors");
        Path adaptedOut = dir.resolve("adapted.json");
        Cli adapt = Cli.run("lift", input.toString(), "-o", adaptedOut.toString(), "--model", "diffusion", "--weights", model.toString(), "--adapt",
                "--adapt-steps", "2", "--save-adapter", adapter.toString());
        assertThat(adapt.exit()).as(adapt.err()).isZero();
        assertThat(adapter).exists();
        Path reused = dir.resolve("reused.json");
        Cli again = Cli.run("lift", input.toString(), "-o", reused.toString(), "--model", "diffusion", "--weights", model.toString(), "--adapter",
                adapter.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(Posetta.readMotion(reused).positions()).containsExactly(Posetta.readMotion(adaptedOut).positions());
    }

    @Test
    void badInputFailsWithOneSentenceAndNoOutput() throws Exception {
        Path out = dir.resolve("never.json");
        Cli missingAdapter = Cli.run("lift", input.toString(), "-o", out.toString(), "--model", "diffusion", "--weights", model.toString(), "--adapter",
                dir.resolve("nope.safetensors").toString());
        assertThat(missingAdapter.exit()).isEqualTo(1);
        assertThat(missingAdapter.err()).contains("nope.safetensors").doesNotContain("Exception");
        Path motion = dir.resolve("motion.json");
        Posetta.write(Posetta.readMotion(dir.resolve("walk-3d.json").toFile().exists() ? dir.resolve("walk-3d.json") : liftOnce()),
                motion);
        Cli threeD = Cli.run("lift", motion.toString(), "-o", out.toString(), "--model", "diffusion", "--weights", model.toString());
        assertThat(threeD.exit()).isEqualTo(1);
        assertThat(threeD.err()).contains("no 2D keypoints");
        Path broken = dir.resolve("broken.safetensors");
        Files.writeString(broken, "not a model");
        Files.writeString(dir.resolve("broken.json"), "{}");
        Cli badModel = Cli.run("lift", input.toString(), "-o", out.toString(), "--model", "diffusion", "--weights", broken.toString());
        assertThat(badModel.exit()).isEqualTo(1);
        assertThat(badModel.err()).contains("broken");
        assertThat(Cli.run("lift", input.toString(), "-o", out.toString(), "--model", "diffusion", "--save-adapter", "a.safetensors").exit()).isEqualTo(2);
        assertThat(Cli.run("lift", input.toString(), "-o", out.toString(), "--model", "magic").exit()).isEqualTo(2);
        assertThat(out).doesNotExist();
    }

    @Test
    void trainAndBenchRefuseTestSubjectsAndUnknownRows() {
        Cli train = Cli.run("train", "diffusion-lifter", "--subjects", "S1,S9");
        assertThat(train.exit()).isEqualTo(1);
        assertThat(train.err()).contains("S9 is a test subject");
        assertThat(Cli.run("bench", "cross-domain", "--rows", "+magic").exit()).isEqualTo(2);
        assertThat(Cli.run("bench", "cross-domain", "--inputs", "c").exit()).isEqualTo(2);
        assertThat(Cli.run("bench", "cross-domain", "--inputs", "b-test").exit()).isEqualTo(2);
        assertThat(Cli.run("bench", "cross-domain", "--eval-frames", "-1").exit()).isEqualTo(2);
    }

    @Test
    void anUnknownEvaluationCameraIsNamedAndNothingIsWritten() {
        Assumptions.assumeTrue(Human36m.find().isPresent(), "Human3.6M files not found; skipping");
        Path out = dir.resolve("cameras");
        Cli r = Cli.run("bench", "cross-domain", "--quick", "--inputs", "b-val", "--cameras", "60457274,12345678", "--out",
                out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("'12345678'").contains("60457274");
        assertThat(out.resolve("cross-domain.json")).doesNotExist();
    }

    private static Path liftOnce() {
        Path out = dir.resolve("walk-3d.json");
        Cli.run("lift", input.toString(), "-o", out.toString(), "--model", "diffusion", "--weights", model.toString());
        return out;
    }
}
