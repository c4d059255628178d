package org.posetta.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.geometry.Camera;
import org.posetta.metrics.PoseErrors;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.JointMap;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

class DemoTest {
    @Test
    void theBundledClipIsTheLongWalk() {
        Motion3d clip = Demo.loadClip();
        assertThat(clip.layout()).isEqualTo(Layout.DEEPMIMIC15);
        assertThat(clip.frames()).isEqualTo(3936);
        assertThat(clip.fps()).isEqualTo(120.0);
        assertThat(clip.provenance().get("source").toString()).contains("humanoid3d_long_walk1").contains("MIT");
    }

    @Test
    void backProjectionOfCleanKeypointsGivesTheMotionBack() {
        Camera cam = Demo.CAMERA;
        Motion3d truth = cam.worldToCamera(JointMap.toCanonical(Layout.DEEPMIMIC15).apply(Demo.loadClip().slice(0, 200)));
        assertThat(truth.coordinateFrame()).isEqualTo(CoordinateFrame.CAMERA);
        Motion3d back = Demo.backProject(cam.project(truth), truth);
        float[] a = back.positions();
        float[] b = truth.positions();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-4f));
        }
    }

    @Test
    void occludedFramesAreScoredApartAndCostMoreThanVisibleOnes(@TempDir Path dir) throws Exception {
        Demo.Result r = Demo.run(dir, 0);
        assertThat(r.frames()).isEqualTo(3936);
        // 1.6 s in every 3.2 s at 120 fps over 32.8 s: 10 or 11 episodes of 192 frames, the ends possibly cut.
        assertThat(r.occludedFrameCount()).isBetween(1920 - 192, 2016);
        assertThat(r.occluded().frames()).isEqualTo(r.occludedFrameCount());
        assertThat(r.visible().frames()).isEqualTo(r.frames() - r.occludedFrameCount());
        assertThat(PoseErrors.pool(List.of(r.occluded(), r.visible())).mpjpeMm()).isCloseTo(r.all().mpjpeMm(), within(1e-6));
        // Visible frames carry only the detector noise: 3 px at about 5 m is about 13 mm per axis.
        assertThat(r.visible().mpjpeMm()).isBetween(10.0, 60.0);
        assertThat(r.occluded().mpjpeMm()).isGreaterThan(r.visible().mpjpeMm());

        JsonNode json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        assertThat(json.get("seed").asLong()).isZero();
        assertThat(json.get("occluded").get("mpjpe_mm").asDouble()).isEqualTo(r.occluded().mpjpeMm());
        assertThat(Demo.run(dir, 0).all()).isEqualTo(r.all());
    }

    @Test
    void theOutputsAreWrittenAllOrNone(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Files.createDirectories(out.resolve("metrics.json").resolve("in-the-way"));
        assertThatThrownBy(() -> Demo.run(out, 0)).isInstanceOf(PosettaException.class).hasMessageContaining(out.toString())
                .hasMessageContaining("metrics.json is a folder");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(out);
        }
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).containsExactly(out.resolve("metrics.json"));
        }

        Path fresh = dir.resolve("fresh");
        Demo.Result r = Demo.run(fresh, 0);
        try (Stream<Path> written = Files.list(fresh)) {
            assertThat(written).containsExactlyInAnyOrderElementsOf(r.files());
        }
    }
}
