package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

class CsvFormatTest {
    @TempDir
    Path dir;

    @Test
    void writesOneRowPerFrameWithEmptyCellsForInvalidJoints() throws Exception {
        float[] xyz = new float[2 * 17 * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = i * 0.5f;
        }
        boolean[] valid = new boolean[34];
        Arrays.fill(valid, true);
        valid[17 + 1] = false;
        boolean[] filled = new boolean[34];
        filled[17 + 2] = true;
        Motion3d m = new Motion3d(Layout.H36M17, 25, CoordinateFrame.WORLD, xyz, valid, filled, null,
                Provenance.of(Map.of("source", "a.bvh")));
        Path out = dir.resolve("m.csv");
        Formats.write(PoseFile.of("test", "m", m), out, null);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("# posetta {\"kind\":\"3d\",\"coordinate_frame\":\"world\"")
                .contains("\"units\":\"metres\"", "\"fps\":25.0", "\"filled_entries\":1", "\"provenance\":{\"source\":\"a.bvh\"}");
        assertThat(lines.get(1)).startsWith("frame,time_s,pelvis_x,pelvis_y,pelvis_z,pelvis_valid,pelvis_filled,right_hip_x,")
                .endsWith(",right_wrist_z,right_wrist_valid,right_wrist_filled");
        assertThat(lines.get(1).split(",")).hasSize(2 + 17 * 5);
        assertThat(lines.get(2)).startsWith("0,0.0,0.0,0.5,1.0,1,0,1.5,");
        assertThat(lines.get(3)).startsWith("1,0.04,25.5,26.0,26.5,1,0,,,,0,0,28.5,29.0,29.5,1,1,");
        assertThat(lines.get(3).split(",", -1)).hasSize(2 + 17 * 5);
    }

    @Test
    void writesPixelsForKeypointsAndRefusesSeveralSequences() throws Exception {
        Keypoints2d k = PoseSamples.keypoints(Layout.COCO17, 3, 1);
        Path out = dir.resolve("k.csv");
        Formats.write(PoseFile.of("test", "k", k), out, "csv");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).contains("\"coordinate_frame\":\"image\"", "\"units\":\"pixels\"", "\"layout\":\"coco17\"");
        assertThat(lines.get(1)).startsWith("frame,time_s,nose_x,nose_y,nose_confidence,left_eye_x").doesNotContain("_z");
        assertThat(lines.get(2)).startsWith("0,0.0,,,0.0,").contains("," + k.get(0, 1, 0) + "," + k.get(0, 1, 1) + ","
                + k.confidence(0, 1) + ",");
        PoseFile two = new PoseFile("test", Map.of("a", PoseSamples.motion(Layout.H36M17, 2, 1)), Map.of("b", k));
        Path bad = dir.resolve("two.csv");
        assertThatThrownBy(() -> Formats.write(two, bad, null)).isInstanceOf(PosettaException.class).hasMessageContaining("one sequence");
        assertThat(bad).doesNotExist();
    }
}
