package org.posetta.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.EnumSet;
import org.posetta.adapt.refine.Refiner;
import org.posetta.metrics.PoseErrors;
import org.posetta.pipeline.Adaptation;
import org.posetta.pipeline.Progress;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.report.StageTiming;

class DemoTest {
    private static final Progress QUIET = Progress.to(new PrintWriter(Writer.nullWriter()));
    /** The demo's chain with one semantic cycle and five refine epochs, to keep the tests short. */
    private static final Adaptation.Options QUICK = Demo.defaults(0)
            .withAdapters(EnumSet.of(Adaptation.Adapter.SEMANTIC, Adaptation.Adapter.REFINE))
            .withSemantic(Demo.defaults(0).semantic().withCycles(1)).withRefine(Refiner.Options.DEFAULTS.withEpochs(5));

    @Test
    void theBundledClipIsTheLongWalk() {
        Motion3d clip = Demo.loadClip();
        assertThat(clip.layout()).isEqualTo(Layout.DEEPMIMIC15);
        assertThat(clip.frames()).isEqualTo(3936);
        assertThat(clip.fps()).isEqualTo(120.0);
        assertThat(clip.provenance().get("source").toString()).contains("humanoid3d_long_walk1").contains("MIT");
    }

    @Test
    void everyStageIsScoredOnOccludedAndVisibleFramesAndRefineLeavesNoGap(@TempDir Path dir) throws Exception {
        Demo.Result r = Demo.run(dir, 0, QUICK, QUIET);
        assertThat(r.frames()).isEqualTo(984);
        assertThat(r.fps()).isEqualTo(Demo.FPS);
        // 1.6 s in every 3.2 s at 30 fps over 32.8 s: 10 or 11 episodes of 48 frames, the ends possibly cut.
        assertThat(r.occludedFrameCount()).isBetween(480 - 48, 504);
        Demo.Score perFrame = r.score("per-frame");
        assertThat(perFrame.occluded()).isNull();
        assertThat(perFrame.all().frames()).isLessThanOrEqualTo(r.frames() - r.occludedFrameCount());
        for (String stage : new String[] {"interpolation", "semantic", "refine"}) {
            Demo.Score s = r.score(stage);
            assertThat(s.all().frames()).as(stage).isEqualTo(r.frames());
            assertThat(s.occluded().frames()).as(stage).isEqualTo(r.occludedFrameCount());
            assertThat(PoseErrors.pool(List.of(s.occluded(), s.visible())).mpjpeMm()).as(stage)
                    .isCloseTo(s.all().mpjpeMm(), within(1e-6));
            assertThat(s.all().mpjpeMm()).as(stage).isBetween(5.0, 400.0);
        }
        assertThat(r.scores()).extracting(Demo.Score::stage).containsExactly("per-frame", "interpolation", "semantic", "refine");
        assertThat(r.timings()).extracting(StageTiming::stage).containsExactly("per-frame lifter", "semantic", "refine");
        assertThat(r.files()).extracting(p -> p.getFileName().toString()).contains("semantic.npz", "refined.npz")
                .doesNotContain("lift.npz");

        JsonNode json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        assertThat(json.get("seed").asLong()).isZero();
        assertThat(json.at("/stages/refine/occluded/mpjpe_mm").asDouble()).isEqualTo(r.score("refine").occluded().mpjpeMm());
        assertThat(json.at("/stages/semantic/visible/mpjpe_mm").asDouble()).isEqualTo(r.score("semantic").visible().mpjpeMm());
        assertThat(json.get("adapters_not_run").toString()).isEqualTo("[\"lift\"]");
        assertThat(Files.readString(dir.resolve("report.html"))).contains(Demo.CLIP);
    }

    @Test
    void theOutputsAreWrittenAllOrNone(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Files.createDirectories(out.resolve("metrics.json").resolve("in-the-way"));
        Adaptation.Options refineOnly = QUICK.withAdapters(EnumSet.of(Adaptation.Adapter.REFINE));
        assertThatThrownBy(() -> Demo.run(out, 0, refineOnly, QUIET)).isInstanceOf(PosettaException.class).hasMessageContaining(out.toString())
                .hasMessageContaining("metrics.json is a folder");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(out);
        }
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).containsExactly(out.resolve("metrics.json"));
        }

        Path fresh = dir.resolve("fresh");
        Demo.Result r = Demo.run(fresh, 0, QUICK, QUIET);
        try (Stream<Path> written = Files.list(fresh)) {
            assertThat(written).containsExactlyInAnyOrderElementsOf(r.files());
        }
        assertThat(Demo.run(dir.resolve("again"), 0, QUICK, QUIET).scores()).as("same seed, same figures").isEqualTo(r.scores());
    }
}
