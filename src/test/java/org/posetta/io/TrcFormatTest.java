package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

class TrcFormatTest {
    @TempDir
    Path dir;

    /** Z-up H36M-17 frames: the thorax 0.5 m above the pelvis, joint j at x = j cm; joint 5 missing in frame 1. */
    private static Motion3d zUp(int frames) {
        float[] xyz = new float[frames * 17 * 3];
        boolean[] valid = new boolean[frames * 17];
        Arrays.fill(valid, true);
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < 17; j++) {
                xyz[(t * 17 + j) * 3] = 0.01f * j;
                xyz[(t * 17 + j) * 3 + 1] = 0.1f * t;
                xyz[(t * 17 + j) * 3 + 2] = j == 8 ? 0.5f : 0.002f * j;
            }
        }
        valid[17 + 5] = false;
        return new Motion3d(Layout.H36M17, 50, CoordinateFrame.WORLD, xyz, valid, null);
    }

    @Test
    void writtenFileFollowsTheTrcRules() throws IOException {
        Path file = dir.resolve("walk.trc");
        Formats.write(PoseFile.of("test", "walk", zUp(3)), file, null);
        List<String> lines = Files.readAllLines(file);
        List<String[]> rows = lines.stream().map(l -> l.split("\t", -1)).toList();
        assertThat(rows.get(0)).containsExactly("PathFileType", "4", "(X/Y/Z)", "walk.trc");
        assertThat(rows.get(1)).containsExactly("DataRate", "CameraRate", "NumFrames", "NumMarkers", "Units", "OrigDataRate",
                "OrigDataStartFrame", "OrigNumFrames");
        String[] h = rows.get(2);
        assertThat(h).hasSize(8);
        int frames = Integer.parseInt(h[2]);
        int markers = Integer.parseInt(h[3]);
        assertThat(h[0]).isEqualTo(h[1]).isEqualTo(h[5]).isEqualTo("50");
        assertThat(h[4]).isEqualTo("mm");
        assertThat(h[6]).isEqualTo("1");
        assertThat(Integer.parseInt(h[7])).isEqualTo(frames).isEqualTo(3);
        assertThat(markers).isEqualTo(17);
        // marker row: Frame#, Time, then each name followed by two empty cells
        String[] names = rows.get(3);
        assertThat(names).hasSize(2 + 3 * markers);
        assertThat(names[0]).isEqualTo("Frame#");
        assertThat(names[1]).isEqualTo("Time");
        for (int k = 0; k < markers; k++) {
            assertThat(names[2 + 3 * k]).isEqualTo(Layout.H36M17.joint(k));
            assertThat(names[3 + 3 * k]).isEmpty();
            assertThat(names[4 + 3 * k]).isEmpty();
        }
        String[] axes = rows.get(4);
        assertThat(axes).hasSize(2 + 3 * markers);
        assertThat(axes[2]).isEqualTo("X1");
        assertThat(axes[3 * markers + 1]).isEqualTo("Z" + markers);
        assertThat(lines.get(5)).isEmpty();
        List<String[]> data = rows.subList(6, rows.size());
        assertThat(data).hasSize(frames);
        for (int t = 0; t < frames; t++) {
            assertThat(data.get(t)).hasSize(2 + 3 * markers);
            assertThat(Integer.parseInt(data.get(t)[0])).isEqualTo(t + 1);
            assertThat(Double.parseDouble(data.get(t)[1])).isCloseTo(t / 50.0, within(1e-9));
        }
        // Y up: world z becomes y, world y becomes −z; millimetres
        String[] second = data.get(1);
        assertThat(Double.parseDouble(second[2 + 3 * 8])).isCloseTo(80, within(1e-3));
        assertThat(Double.parseDouble(second[3 + 3 * 8])).isCloseTo(500, within(1e-3));
        assertThat(Double.parseDouble(second[4 + 3 * 8])).isCloseTo(-100, within(1e-3));
        assertThat(second[2 + 3 * 5]).isEmpty();
        assertThat(second[4 + 3 * 5]).isEmpty();
    }

    @Test
    void readsBackInMetresWithTheGap() throws IOException {
        Path file = dir.resolve("walk.trc");
        Formats.write(PoseFile.of("test", "walk", zUp(3)), file, null, WriteOptions.DEFAULTS.withUnits("m"));
        assertThat(Files.readAllLines(file).get(2).split("\t")[4]).isEqualTo("m");
        Motion3d back = Formats.read(file, ReadOptions.DEFAULTS).motions().get("walk");
        assertThat(back.layout()).isSameAs(Layout.H36M17);
        assertThat(back.fps()).isEqualTo(50.0);
        assertThat(back.isValid(1, 5)).isFalse();
        assertThat(back.invalidCount()).isEqualTo(1);
        assertThat(back.get(2, 8, 1)).isCloseTo(0.5f, within(1e-6f));
        assertThat(back.get(2, 8, 2)).isCloseTo(-0.2f, within(1e-6f));
    }

    @Test
    void refusesOtherUnitsAndSeveralSequences() {
        Path file = dir.resolve("x.trc");
        assertThatThrownBy(() -> Formats.write(PoseFile.of("test", "x", zUp(2)), file, null, WriteOptions.DEFAULTS.withUnits("cm")))
                .isInstanceOf(PosettaException.class).hasMessageContaining("mm or m");
        PoseFile two = new PoseFile("test", Map.of("a", zUp(2), "b", zUp(2)), Map.of());
        assertThatThrownBy(() -> Formats.write(two, file, null)).isInstanceOf(PosettaException.class)
                .hasMessageContaining("one 3D sequence");
        assertThat(file).doesNotExist();
    }
}
