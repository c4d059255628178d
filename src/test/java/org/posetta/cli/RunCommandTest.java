package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.io.Formats;
import org.posetta.io.ReadOptions;
import org.posetta.pipeline.MotionStats;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.video.VideoData;

class RunCommandTest {
    @Test
    void aClipBecomesKeypointsEachStagesThreeDAReportAndAVideo(@TempDir Path tmp) throws IOException {
        Path video = VideoData.require("street_walk.avi");
        Path out = tmp.resolve("out");
        // every adapter, semantic cut to 2 cycles and refine to 5 epochs to keep the test short
        Cli r = Cli.run("run", video.toString(), "-o", out.toString(), "--frames", "60", "--format", "bvh,trc", "--cycles", "2",
                "--epochs", "5");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("BlazePose: done (60)").contains("lift: done").contains("semantic: done (2)")
                .contains("refine: done").doesNotContain("not selected");
        for (String f : new String[] {"keypoints2d.npz", "keypoints2d.json", "3d-blazepose.npz", "3d-blazepose.json",
            "3d-per-frame.npz", "3d-per-frame.json", "3d-lift.npz", "3d-lift.json", "3d-adapted.npz", "3d-adapted.json",
            "3d-adapted.bvh", "3d-adapted.trc", "report.html", "skeleton.mp4", "run.json"}) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        Keypoints2d k = Formats.read(out.resolve("keypoints2d.npz"), ReadOptions.DEFAULTS).keypoints().values().iterator().next();
        assertThat(k.layout()).isEqualTo(Layout.BLAZEPOSE33);
        assertThat(k.frames()).isEqualTo(60);
        Motion3d before = Formats.read(out.resolve("3d-per-frame.npz"), ReadOptions.DEFAULTS).motions().values().iterator().next();
        Motion3d after = Formats.read(out.resolve("3d-adapted.npz"), ReadOptions.DEFAULTS).motions().values().iterator().next();
        assertThat(after.layout()).isEqualTo(Layout.H36M17);
        assertThat(after.invalidCount()).isZero();
        assertThat(MotionStats.boneLengthVariation(after)).isLessThan(0.05);
        assertThat(MotionStats.meanAcceleration(after)).isLessThan(MotionStats.meanAcceleration(before));
        // every output says which command made it, and the adapted 3D which adapters made it
        assertThat(after.provenance().toString()).contains("posetta run " + video).contains("--format bvh,trc")
                .contains("semantics-aware test-time adaptation");
        Motion3d lifted = Formats.read(out.resolve("3d-lift.npz"), ReadOptions.DEFAULTS).motions().values().iterator().next();
        assertThat(lifted.frames()).isEqualTo(60);
        assertThat(lifted.hasUncertainty()).isTrue();
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(run.path("frames").asInt()).isEqualTo(60);
        assertThat(run.path("stages_run").toString()).isEqualTo("[\"per-frame lifter\",\"lift\",\"semantic\",\"refine\"]");
        assertThat(run.path("adapters_not_run").size()).isZero();
        assertThat(run.path("semantic_labels").size()).as("zero-shot labels").isPositive();
        assertThat(run.path("lift_mean_uncertainty_mm").asDouble()).isBetween(0.1, 500.0);
        assertThat(Files.readString(out.resolve("report.html"))).contains("\"semantic\":[").contains("\"refine\":[");
        assertThat(run.path("camera").path("focal_px").asDouble()).isCloseTo(Math.hypot(512, 288), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(run.path("stages").size()).isGreaterThanOrEqualTo(4);
        byte[] mp4 = Files.readAllBytes(out.resolve("skeleton.mp4"));
        assertThat(new String(mp4, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertNoLeftovers(tmp);
    }

    @Test
    void theAdaptersAreSelectableAndLabelsGuideSemantic(@TempDir Path tmp) throws IOException {
        Path video = VideoData.require("street_walk.avi");
        Path labels = Files.writeString(tmp.resolve("labels.json"),
                "{\"segments\": [{\"start\": 0, \"end\": 30, \"text\": \"a person does jumping jacks\"}]}");
        Path out = tmp.resolve("out");
        Cli r = Cli.run("run", video.toString(), "-o", out.toString(), "--frames", "30", "--no-video", "--adapters", "semantic",
                "--labels", labels.toString(), "--cycles", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("lift: not selected").contains("refine: not selected").doesNotContain("refine: done");
        assertThat(out.resolve("3d-lift.npz")).doesNotExist();
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(run.path("adapters_not_run").toString()).isEqualTo("[\"lift\",\"refine\"]");
        assertThat(run.path("semantic_labels").toString()).isEqualTo("[\"a person does jumping jacks\"]");
        Motion3d after = Formats.read(out.resolve("3d-adapted.npz"), ReadOptions.DEFAULTS).motions().values().iterator().next();
        assertThat(after.invalidCount()).isZero();
        assertThat(after.provenance().toString()).contains("semantics-aware").doesNotContain("STRIDE");
    }

    @Test
    void anUnknownAdapterOrLabelsWithoutSemanticAreUsageErrors(@TempDir Path tmp) throws IOException {
        Path video = VideoData.require("street_walk.avi");
        Cli unknown = Cli.run("run", video.toString(), "-o", tmp.resolve("out").toString(), "--adapters", "semantic,stride");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown adapter 'stride'").contains("lift, semantic, refine");
        Path labels = Files.writeString(tmp.resolve("labels.json"), "{\"segments\": []}");
        Cli noSemantic = Cli.run("run", video.toString(), "-o", tmp.resolve("out").toString(), "--adapters", "refine",
                "--labels", labels.toString());
        assertThat(noSemantic.exit()).isEqualTo(2);
        assertThat(noSemantic.err()).contains("--labels").contains("add semantic to --adapters");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void anUnwritableFormatIsAUsageErrorBeforeAnyWork(@TempDir Path tmp) {
        Cli r = Cli.run("run", tmp.resolve("missing.mp4").toString(), "-o", tmp.resolve("out").toString(), "--format", "deeplabcut");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("posetta reads deeplabcut but does not write it").contains("--format");
        assertThat(Cli.run("run", tmp.toString(), "-o", tmp.resolve("out").toString(), "--format", "gif").exit()).isEqualTo(2);
    }

    @Test
    void aTruncatedVideoFailsWithoutOutputUnlessPartialResultsAreAllowed(@TempDir Path tmp) {
        Path video = VideoData.require("truncated.avi");
        Path out = tmp.resolve("out");
        Cli r = Cli.run("run", video.toString(), "-o", out.toString(), "--no-video");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("truncated.avi").contains("truncated").contains("--allow-partial");
        assertThat(out).doesNotExist();
        assertNoLeftovers(tmp);

        Cli partial = Cli.run("run", video.toString(), "-o", out.toString(), "--no-video", "--allow-partial");
        assertThat(partial.exit()).as(partial.err()).isZero();
        assertThat(partial.err()).contains("damaged");
        assertThat(out.resolve("3d-adapted.npz")).isNotEmptyFile();
    }

    @Test
    void aVideoWithNoPersonFailsWithAClearMessageAndNoOutput(@TempDir Path tmp) {
        Path video = VideoData.require("empty_scene.avi");
        Path out = tmp.resolve("out");
        Cli r = Cli.run("run", video.toString(), "-o", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("No person was found").contains("empty_scene.avi").doesNotContain("Exception");
        assertThat(out).doesNotExist();
        assertNoLeftovers(tmp);
    }

    @Test
    void anUnwritableOutputFolderFailsBeforeAnyWork(@TempDir Path tmp) throws IOException {
        Path video = VideoData.require("street_walk.avi");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Cli r = Cli.run("run", video.toString(), "-o", file.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Cannot write results to").contains("choose a folder you can write to")
                .doesNotContain("BlazePose");
        Cli onFile = Cli.run("run", video.toString(), "-o", file.toString());
        assertThat(onFile.exit()).isEqualTo(1);
        assertThat(onFile.err()).contains("is not a folder");
        assertNoLeftovers(tmp);
    }

    @Test
    void aMissingVideoIsAClearError(@TempDir Path tmp) {
        Cli r = Cli.run("run", tmp.resolve("nothing.mp4").toString(), "-o", tmp.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("nothing.mp4").contains("does not exist");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    /** No hidden staging folder is left next to the output. */
    @Test
    void aFolderOfVideosIsABatchThatReportsTheBadFileAndResumes(@TempDir Path tmp) throws Exception {
        Path street = VideoData.require("street_walk.avi");
        Path videos = Files.createDirectories(tmp.resolve("videos"));
        for (String[] cut : new String[][] {{"0", "first.avi"}, {"3", "later.avi"}}) {
            Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-ss", cut[0], "-i", street.toString(), "-frames:v", "8",
                    "-c", "copy", videos.resolve(cut[1]).toString()).inheritIO().start();
            assertThat(p.waitFor()).isZero();
        }
        Files.writeString(videos.resolve("broken.mp4"), "this is not a video");
        Files.writeString(videos.resolve("notes.txt"), "not a video either, and not an item");
        Path out = tmp.resolve("out");

        Cli r = Cli.run("run", videos.toString(), "-o", out.toString(), "--no-video", "--jobs", "2");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        for (String clip : new String[] {"first", "later"}) {
            for (String f : new String[] {"3d-adapted.npz", "keypoints2d.json", "report.html", "run.json", "item.json"}) {
                assertThat(out.resolve(clip).resolve(f)).as(clip + "/" + f).isNotEmptyFile();
            }
        }
        assertThat(out.resolve("broken")).doesNotExist();
        assertThat(out.resolve("notes")).doesNotExist();
        assertThat(r.out()).contains("3 items: 2 done, 0 skipped (finished earlier), 1 failed").contains("broken.mp4");
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(2)).startsWith("first,").contains(",done,8,");
        assertThat(csv.get(1)).startsWith("broken,").contains(",failed,");

        Cli again = Cli.run("run", videos.toString(), "-o", out.toString(), "--no-video");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("2 of 3 videos finished earlier: skipped");
        assertThat(again.out()).contains("3 items: 0 done, 2 skipped (finished earlier), 1 failed");
        assertNoLeftovers(tmp);
    }

    private static void assertNoLeftovers(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".part-"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
