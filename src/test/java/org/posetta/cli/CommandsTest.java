package org.posetta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.ReadOptions;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.simulate.DutyCycle;
import org.posetta.simulate.Samples;
import org.posetta.simulate.WholePersonOcclusion;

/** The commands on small files written in the test, checked through what they write and print. */
class CommandsTest {
    @TempDir
    Path dir;

    private Path write(String name, Motion3d m) {
        Path p = dir.resolve(name);
        Formats.write(PoseFile.of("npz", "walk", m), p, "npz");
        return p;
    }

    private static Motion3d only(Path p) {
        return Formats.read(p, ReadOptions.DEFAULTS).motions().values().iterator().next();
    }

    @Test
    void infoDescribesTheSequences() {
        Motion3d m = Samples.motion(100, 50, CoordinateFrame.CAMERA);
        boolean[] v = m.validity();
        v[3] = false;
        Path in = write("walk.npz", m.withPositions(m.positions(), v));
        Cli r = Cli.run("info", in.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("npz, 1 sequence (1 3D, 0 2D)")
                .contains("3D h36m17, 100 frames at 50 fps (2.0 s), camera frame, 1 of 1700 joints invalid");
    }

    @Test
    void occludeWritesTheSimulationAndRecordsIt() {
        Motion3d m = Samples.motion(400, 50, CoordinateFrame.CAMERA);
        Path in = write("walk.npz", m);
        Path out = dir.resolve("occluded.npz");
        Cli r = Cli.run("occlude", in.toString(), "-o", out.toString(), "--seed", "7");
        assertThat(r.exit()).as(r.err()).isZero();
        Motion3d occluded = only(out);
        assertThat(occluded.validity()).isEqualTo(new WholePersonOcclusion(DutyCycle.OCCLUDED_H36M).apply(m, 7).data().validity());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) occluded.provenance().get("steps");
        assertThat(steps.get(0)).containsEntry("mode", "whole").containsEntry("seed", 7);
        assertThat((String) steps.get(1).get("command")).startsWith("posetta occlude ").endsWith("--seed 7");
    }

    @Test
    void occludeAddsDetectorNoiseTo2d() {
        Path in = dir.resolve("k.npz");
        Keypoints2d k = Samples.keypoints(50, 50);
        Formats.write(PoseFile.of("npz", "k", k), in, "npz");
        Path out = dir.resolve("noisy.npz");
        assertThat(Cli.run("occlude", in.toString(), "-o", out.toString(), "--mode", "noise", "--sigma", "2").exit()).isZero();
        Keypoints2d noisy = Formats.read(out, ReadOptions.DEFAULTS).keypoints().values().iterator().next();
        assertThat(noisy.pixels()).isNotEqualTo(k.pixels());
        assertThat(noisy.confidences()).isEqualTo(k.confidences());
    }

    @Test
    void convertAndExportMapLayoutsAndFormats() {
        Path in = write("walk.npz", Samples.motion(20, 50, CoordinateFrame.WORLD));
        Path json = dir.resolve("walk.json");
        assertThat(Cli.run("convert", in.toString(), json.toString()).exit()).isZero();
        assertThat(only(json).positions()).isEqualTo(only(in).positions());

        Path mpii = dir.resolve("mpii.npz");
        assertThat(Cli.run("export", in.toString(), "-o", mpii.toString(), "--layout", "mpii16").exit()).isZero();
        Motion3d m = only(mpii);
        assertThat(m.layout()).isEqualTo(Layout.MPII16);
        // MPII's right ankle (0) is H36M's right ankle (3): x = 0.01 t + 0.02 · 3 m.
        assertThat(m.get(5, 0, 0)).isCloseTo(0.01f * 5 + 0.06f, within(1e-6f));

        Cli twice = Cli.run("convert", in.toString(), json.toString(), "-o", json.toString());
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(Cli.run("convert", in.toString()).exit()).isEqualTo(2);
    }

    @Test
    void evalScoresAlignedFramesAndSaysHowMany() throws Exception {
        Motion3d gt = Samples.motion(60, 50, CoordinateFrame.CAMERA);
        float[] xyz = gt.positions();
        boolean[] valid = gt.validity();
        for (int t = 0; t < 60; t++) {
            xyz[(t * 17 + 7) * 3] += 0.1f; // the spine 10 cm off: 100 / 17 mm over 17 joints, nothing over 14
        }
        valid[5 * 17 + 2] = false;
        valid[9 * 17 + 0] = false;
        Path p = write("pred.npz", gt.withPositions(xyz, valid));
        Path g = write("gt.npz", gt);

        Cli text = Cli.run("eval", "--pred", p.toString(), "--gt", g.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("frames counted: 58 of 60").contains("MPJPE     5.88 mm");

        Cli json = Cli.run("eval", "--pred", p.toString(), "--gt", g.toString(), "--json");
        JsonNode o = new ObjectMapper().readTree(json.out());
        assertThat(json.out().strip()).startsWith("{").endsWith("}").doesNotContain("\n");
        assertThat(List.of(o.fieldNames().next())).containsExactly("mpjpe_mm");
        assertThat(o.size()).isEqualTo(8);
        for (String key : List.of("mpjpe_mm", "pa_mpjpe_mm", "n_mpjpe_mm", "accel_mm", "mpjve_mm", "pck150", "auc", "frames")) {
            assertThat(o.has(key)).as(key).isTrue();
        }
        assertThat(o.get("mpjpe_mm").asDouble()).isCloseTo(100.0 / 17, within(1e-3));
        assertThat(o.get("frames").asInt()).isEqualTo(58);
        assertThat(o.get("pck150").asDouble()).isEqualTo(100.0);

        JsonNode fourteen = new ObjectMapper().readTree(Cli.run("eval", "--pred", p.toString(), "--gt", g.toString(), "--json",
                "--joints", "14").out());
        assertThat(fourteen.get("mpjpe_mm").asDouble()).isCloseTo(0, within(1e-3));
    }

    @Test
    void evalRefusesMisalignedSequences() {
        Path p = write("pred.npz", Samples.motion(50, 50, CoordinateFrame.CAMERA));
        Path g = write("gt.npz", Samples.motion(60, 50, CoordinateFrame.CAMERA));
        Cli r = Cli.run("eval", "--pred", p.toString(), "--gt", g.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(p.toString()).contains("50 frames").contains("60");
        Path world = write("world.npz", Samples.motion(50, 50, CoordinateFrame.WORLD));
        assertThat(Cli.run("eval", "--pred", p.toString(), "--gt", world.toString()).err()).contains("world frame");
        assertThat(Cli.run("eval", "--pred", p.toString(), "--gt", g.toString(), "--joints", "15").exit()).isEqualTo(2);
    }

    @Test
    void demoAdaptersAreSelectableAndAnUnknownOneIsAUsageError() {
        Cli r = Cli.run("demo", "-o", dir.resolve("demo").toString(), "--adapters", "refine,semantc");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown adapter 'semantc'");
        assertThat(dir.resolve("demo")).doesNotExist();
    }

    @Test
    void demoWritesItsOutputsIntoTheFolder() throws Exception {
        Path out = dir.resolve("demo");
        // one semantic cycle and no lift keep the test short; the default demo runs end to end in ScriptTest
        Cli r = Cli.run("demo", "-o", out.toString(), "--seed", "3", "--cycles", "1", "--adapters", "semantic,refine");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("refine, occluded (").contains("semantic, visible (").contains("interpolation, visible (")
                .contains("MPJPE").contains("semantic: ").contains("1 cycles");
        assertThat(r.err()).contains("lift: not selected");
        assertThat(Files.list(out).map(f -> f.getFileName().toString()))
                .containsExactlyInAnyOrder("truth.npz", "keypoints.npz", "per_frame.npz", "interpolated.npz", "semantic.npz",
                        "refined.npz", "metrics.json", "report.html");
    }
}
