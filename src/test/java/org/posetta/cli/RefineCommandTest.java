package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.adapt.refine.MotionPrior;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.ReadOptions;
import org.posetta.nn.DstFormerConfig;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.Provenance;

class RefineCommandTest {
    @TempDir
    Path dir;

    private Path prior() {
        Path p = dir.resolve("prior.safetensors");
        try (MotionPrior prior = MotionPrior.create(new DstFormerConfig(4, 3, 17, 27, 16, 1, 2, 2, 32), 10, 1)) {
            prior.save(p, Map.of("name", "test-prior"));
        }
        return p;
    }

    private Path motionWithGap() {
        int frames = 40;
        float[] xyz = new float[frames * 51];
        boolean[] valid = new boolean[frames * 17];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < 17; j++) {
                xyz[(t * 17 + j) * 3] = 0.01f * t + 0.02f * j;
                xyz[(t * 17 + j) * 3 + 1] = 0.1f * j - 0.8f;
                xyz[(t * 17 + j) * 3 + 2] = 4f;
                valid[t * 17 + j] = t < 10 || t >= 26;
            }
        }
        Path in = dir.resolve("in.npz");
        Formats.write(PoseFile.of("npz", "clip", new Motion3d(Layout.H36M17, 10, CoordinateFrame.CAMERA, xyz, valid, Provenance.EMPTY)),
                in, null);
        return in;
    }

    @Test
    void refinesEverySequenceFillsTheGapAndPrintsTheLosses() {
        Path out = dir.resolve("out.npz");
        Cli r = Cli.run("refine", motionWithGap().toString(), "-o", out.toString(), "--epochs", "2", "--prior", prior().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("test-time loss").contains("(epoch 2)").contains("wrote");
        Motion3d refined = Formats.read(out, ReadOptions.DEFAULTS).motions().values().iterator().next();
        assertThat(refined.frames()).isEqualTo(40);
        assertThat(refined.invalidCount()).isZero();
    }

    @Test
    void withoutTestTimeTrainingThePriorIsApplied() {
        Path out = dir.resolve("plain.npz");
        Cli r = Cli.run("refine", motionWithGap().toString(), "-o", out.toString(), "--no-ttt", "--prior", prior().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("without test-time training");
    }

    @Test
    void lossWeightsReachTheTestTimeLoss() {
        Path in = motionWithGap();
        Path weights = prior();
        double single = firstEpochLoss(Cli.run("refine", in.toString(), "-o", dir.resolve("a.npz").toString(), "--epochs", "1",
                "--prior", weights.toString(), "--loss-weights", "1,0,0,0"));
        double twice = firstEpochLoss(Cli.run("refine", in.toString(), "-o", dir.resolve("b.npz").toString(), "--epochs", "1",
                "--prior", weights.toString(), "--loss-weights", "2,0,0,0"));
        // One gradient step per epoch here, so the first epoch's loss is that of the pretrained weights.
        assertThat(twice).isCloseTo(2 * single, within(3e-4));
        Cli bad = Cli.run("refine", in.toString(), "-o", dir.resolve("c.npz").toString(), "--loss-weights", "1,0.5,20");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--loss-weights").contains("four numbers");
        assertThat(dir.resolve("c.npz")).doesNotExist();
    }

    private static double firstEpochLoss(Cli r) {
        assertThat(r.exit()).as(r.err()).isZero();
        Matcher m = Pattern.compile("test-time loss ([0-9.]+) \\(epoch 1\\)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aFolderOf3dFilesIsABatchThatReportsTheBadFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("lifted"));
        Files.move(motionWithGap(), folder.resolve("walk.npz"));
        Files.writeString(folder.resolve("broken.bvh"), "HIERARCHY\nROOT");
        Path out = dir.resolve("refined");
        Cli r = Cli.run("refine", folder.toString(), "-o", out.toString(), "--epochs", "1", "--prior", prior().toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        Motion3d refined = Formats.read(out.resolve("walk").resolve("refined.npz"), ReadOptions.DEFAULTS).motions().values()
                .iterator().next();
        assertThat(refined.invalidCount()).isZero();
        assertThat(Files.readString(out.resolve("summary.csv"))).contains("broken").contains("failed");
    }

    @Test
    void badInputFailsWithOneSentenceAndNoOutput() throws Exception {
        Path out = dir.resolve("never.npz");
        Cli missing = Cli.run("refine", dir.resolve("absent.npz").toString(), "-o", out.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("posetta: ").doesNotContain("Exception");
        Path junk = dir.resolve("junk.npz");
        Files.writeString(junk, "not a pose file");
        assertThat(Cli.run("refine", junk.toString(), "-o", out.toString()).exit()).isEqualTo(1);
        Path badPrior = dir.resolve("bad.safetensors");
        Files.writeString(badPrior, "junk");
        Files.writeString(dir.resolve("bad.json"), "{}");
        Cli prior = Cli.run("refine", motionWithGap().toString(), "-o", out.toString(), "--prior", badPrior.toString());
        assertThat(prior.exit()).isEqualTo(1);
        assertThat(prior.err()).contains("bad.safetensors");
        assertThat(Cli.run("refine", motionWithGap().toString(), "-o", out.toString(), "--epochs", "-1").exit()).isEqualTo(1);
        assertThat(out).doesNotExist();
    }
}
