package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

class JsonFormatTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsMotionsAndKeypointsExactly() throws Exception {
        Map<String, Motion3d> motions = new LinkedHashMap<>();
        motions.put("clip", PoseSamples.motion(Layout.H36M17, 30, 11));
        Map<String, Keypoints2d> keypoints = new LinkedHashMap<>();
        keypoints.put("clip", PoseSamples.keypoints(Layout.BLAZEPOSE33, 30, 12));
        Path out = dir.resolve("result.json");
        Formats.write(new PoseFile("test", motions, keypoints), out, null);
        assertThat(Formats.recognise(out).id()).isEqualTo("json");
        PoseFile back = Formats.read(out, ReadOptions.DEFAULTS);
        NpzFormatTest.assertSame(back.motions().get("clip"), motions.get("clip"));
        NpzFormatTest.assertSame(back.keypoints().get("clip"), keypoints.get("clip"));
    }

    @Test
    void writesNamesFramesAndNullsForInvalidJoints() throws Exception {
        float[] xyz = new float[2 * 17 * 3];
        xyz[0] = 0.5f;
        xyz[2] = 1e-7f;
        boolean[] valid = new boolean[34];
        Arrays.fill(valid, true);
        valid[1] = false;
        Motion3d m = new Motion3d(Layout.H36M17, 50, org.posetta.pose.CoordinateFrame.CAMERA, xyz, valid, null);
        Path out = dir.resolve("m.json");
        Formats.write(PoseFile.of("test", "m", m), out, "json");
        String text = Files.readString(out);
        assertThat(text).startsWith("{\"format\":\"posetta\",\"version\":1,\"sequences\":[{\"name\":\"m\",\"kind\":\"3d\","
                + "\"layout\":\"h36m17\",\"joints\":[\"pelvis\",\"right_hip\"");
        assertThat(text).contains("\"fps\":50.0,\"frame\":\"camera\",\"frames\":[[[0.5,0.0,1.0E-7],null,[0.0,0.0,0.0]");
    }

    @Test
    void reportsBrokenFiles() throws Exception {
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, "{\"format\":\"posetta\",\"version\":1,\"sequences\":[{\"name\":");
        assertThatThrownBy(() -> Formats.read(cut, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(cut.toString());
        Path shortFrame = dir.resolve("short.json");
        Files.writeString(shortFrame, "{\"format\":\"posetta\",\"version\":1,\"sequences\":[{\"name\":\"a\",\"kind\":\"3d\","
                + "\"layout\":\"h36m17\",\"fps\":50,\"frames\":[[null,[1,2]]]}]}");
        assertThatThrownBy(() -> Formats.read(shortFrame, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(shortFrame.toString()).hasMessageContaining("frame 0");
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"people\":[]}");
        assertThatThrownBy(() -> Formats.read(other, ReadOptions.DEFAULTS, "json")).isInstanceOf(PosettaException.class)
                .hasMessageContaining(other.toString());
        assertThat(new JsonFormat().recognises(other, Files.readAllBytes(other))).isFalse();
    }
}
