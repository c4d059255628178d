package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.geometry.Interpolation;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.Provenance;

class FileMetaTest {
    @TempDir
    Path dir;

    /** Z-up world frames with a gap at joint 3, frames 1–2, filled by interpolation, and a spread per entry. */
    private static Motion3d annotated() {
        int frames = 4;
        float[] xyz = new float[frames * 17 * 3];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < 17; j++) {
                xyz[(t * 17 + j) * 3] = 0.1f * t;
                xyz[(t * 17 + j) * 3 + 2] = j == 8 ? 0.5f : 0.01f * j;
            }
        }
        boolean[] valid = new boolean[frames * 17];
        Arrays.fill(valid, true);
        valid[17 + 3] = false;
        valid[2 * 17 + 3] = false;
        Motion3d m = Interpolation.fillGaps(new Motion3d(Layout.H36M17, 50, CoordinateFrame.WORLD, xyz, valid,
                Provenance.of(Map.of("source", "walk.mp4", "seed", 3))));
        float[] spread = new float[frames * 17];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = 0.001f * i;
        }
        return m.withUncertainty(spread);
    }

    @Test
    void interpolationMarksWhatItFilled() {
        Motion3d m = annotated();
        assertThat(m.invalidCount()).isZero();
        assertThat(m.filledCount()).isEqualTo(2);
        assertThat(m.isFilled(1, 3)).isTrue();
        assertThat(m.isFilled(2, 3)).isTrue();
        assertThat(m.isFilled(0, 3)).isFalse();
        assertThat(m.slice(2, 4).filledCount()).isEqualTo(1);
        assertThat(m.slice(2, 4).uncertainty(0, 0)).isEqualTo(0.001f * 34);
        // an entry that becomes invalid is neither filled nor uncertain any more
        boolean[] valid = m.validity();
        valid[17 + 3] = false;
        Motion3d gappy = m.withPositions(m.positions(), valid);
        assertThat(gappy.isFilled(1, 3)).isFalse();
        assertThat(gappy.uncertainty(1, 3)).isZero();
    }

    @Test
    void jsonStatesFrameAxesUnitsLayoutRateAndCarriesTheMasks() throws Exception {
        Motion3d m = annotated();
        Path file = dir.resolve("walk.json");
        Formats.write(PoseFile.of("test", "walk", m), file, null);
        JsonNode s = new ObjectMapper().readTree(file.toFile()).get("sequences").get(0);
        JsonNode meta = s.get("meta");
        assertThat(meta.get("coordinate_frame").asText()).isEqualTo("world");
        assertThat(meta.get("axes").asText()).contains("+z up");
        assertThat(meta.get("units").asText()).isEqualTo("metres");
        assertThat(meta.get("layout").asText()).isEqualTo("h36m17");
        assertThat(meta.get("joints").get(16).asText()).isEqualTo("right_wrist");
        assertThat(meta.get("fps").asDouble()).isEqualTo(50.0);
        assertThat(meta.get("filled_entries").asInt()).isEqualTo(2);
        assertThat(s.get("filled").get(1).get(3).asInt()).isEqualTo(1);
        assertThat(s.get("filled").get(0).get(3).asInt()).isZero();
        assertThat(s.get("provenance").get("seed").asInt()).isEqualTo(3);
        Motion3d back = Formats.read(file, ReadOptions.DEFAULTS).motions().get("walk");
        assertThat(back.filledFlags()).isEqualTo(m.filledFlags());
        assertThat(back.uncertainties()).isEqualTo(m.uncertainties());
        assertThat(back.provenance()).isEqualTo(m.provenance());
    }

    @Test
    void npzCarriesTheDescriptionAndMasks() throws Exception {
        Motion3d m = annotated();
        Path file = dir.resolve("walk.npz");
        Formats.write(PoseFile.of("test", "walk", m), file, null);
        Map<String, NdArray> raw = Npz.read(file);
        assertThat(raw.keySet()).contains("filled", "uncertainty", "meta");
        JsonNode meta = new ObjectMapper().readTree(raw.get("meta").toText());
        assertThat(meta.get("units").asText()).isEqualTo("metres");
        assertThat(meta.get("coordinate_frame").asText()).isEqualTo("world");
        assertThat(meta.get("provenance").get("source").asText()).isEqualTo("walk.mp4");
        Motion3d back = Formats.read(file, ReadOptions.DEFAULTS).motions().get("walk");
        assertThat(back.filledFlags()).isEqualTo(m.filledFlags());
        assertThat(back.uncertainties()).isEqualTo(m.uncertainties());
        assertThat(back.provenance()).isEqualTo(m.provenance());
    }

    @Test
    void cameraFramesStateTheirAxes() {
        Motion3d m = new Motion3d(Layout.H36M17, 10, CoordinateFrame.CAMERA, new float[51], null, null);
        assertThat(FileMeta.of(m).get("axes")).isEqualTo("x right, y down, z forward (depth)");
        assertThat(FileMeta.of(m).get("uncertainty")).isEqualTo("none");
    }
}
