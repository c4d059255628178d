package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

class NpzFormatTest {
    @TempDir
    Path dir;

    @Test
    void oneMotionRoundTripsBitExactlyUnderPlainNames() throws Exception {
        Motion3d m = PoseSamples.motion(Layout.H36M17, 40, 1);
        Path out = dir.resolve("walk.npz");
        Formats.write(PoseFile.of("test", "anything", m), out, null);
        assertThat(Npz.names(out)).containsExactly("joints_3d", "valid", "fps", "layout", "frame", "meta");
        assertThat(Formats.recognise(out).id()).isEqualTo("npz");
        PoseFile back = Formats.read(out, ReadOptions.DEFAULTS);
        assertThat(back.motions()).containsOnlyKeys("walk");
        assertSame(back.motions().get("walk"), m);
        Map<String, NdArray> raw = Npz.read(out);
        assertThat(raw.get("layout").toText()).isEqualTo("h36m17");
        assertThat(raw.get("frame").toText()).isEqualTo("world");
        assertThat(raw.get("meta").toText()).contains("\"source\":\"clip.mp4\"");
    }

    @Test
    void severalSequencesRoundTripUnderTheirNames() throws Exception {
        Map<String, Motion3d> motions = new LinkedHashMap<>();
        motions.put("S9/Walking", PoseSamples.motion(Layout.H36M17, 12, 2));
        motions.put("clip", PoseSamples.motion(Layout.BANDAI22, 5, 3).withCoordinateFrame(CoordinateFrame.CAMERA,
                PoseSamples.motion(Layout.BANDAI22, 5, 3).positions()));
        Map<String, Keypoints2d> keypoints = new LinkedHashMap<>();
        keypoints.put("clip", PoseSamples.keypoints(Layout.COCO17, 5, 4));
        keypoints.put("S9/Walking/54138969", PoseSamples.keypoints(Layout.MPII16, 12, 5));
        Path out = dir.resolve("many.npz");
        Formats.write(new PoseFile("test", motions, keypoints), out, "npz");
        assertThat(Npz.names(out)).contains("S9/Walking/joints_3d", "clip/joints_3d", "clip/2d/keypoints_2d",
                "S9/Walking/54138969/image_size");
        PoseFile back = Formats.read(out, ReadOptions.DEFAULTS);
        assertThat(back.motions().keySet()).containsExactly("S9/Walking", "clip");
        assertThat(back.keypoints().keySet()).containsExactly("clip/2d", "S9/Walking/54138969");
        assertSame(back.motions().get("S9/Walking"), motions.get("S9/Walking"));
        assertSame(back.motions().get("clip"), motions.get("clip"));
        assertSame(back.keypoints().get("clip/2d"), keypoints.get("clip"));
        assertSame(back.keypoints().get("S9/Walking/54138969"), keypoints.get("S9/Walking/54138969"));
    }

    @Test
    void readsAnNpzWrittenWithoutMetadata() throws Exception {
        // np.savez(path, joints_3d=a): NaN marks missing entries, defaults give layout and rate
        float[] xyz = new float[2 * 17 * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = i * 0.01f;
        }
        xyz[4 * 3 + 1] = Float.NaN;
        Path out = dir.resolve("bare.npz");
        Npz.write(out, Map.of("joints_3d", NdArray.of(xyz, 2, 17, 3)), false);
        Motion3d m = Formats.read(out, ReadOptions.DEFAULTS).motions().get("bare");
        assertThat(m.layout()).isEqualTo(Layout.H36M17);
        assertThat(m.fps()).isEqualTo(ReadOptions.DEFAULT_FPS);
        assertThat(m.coordinateFrame()).isEqualTo(CoordinateFrame.CAMERA);
        assertThat(m.isValid(0, 4)).isFalse();
        assertThat(m.invalidCount()).isEqualTo(1);
        assertThat(m.get(1, 16, 2)).isEqualTo(xyz[(17 + 16) * 3 + 2]);
        Motion3d slow = Formats.read(out, ReadOptions.DEFAULTS.withFps(10)).motions().get("bare");
        assertThat(slow.fps()).isEqualTo(10);
    }

    @Test
    void rejectsNanInAValidEntry() throws Exception {
        float[] xyz = new float[17 * 3];
        xyz[7] = Float.NaN;
        boolean[] valid = new boolean[17];
        Arrays.fill(valid, true);
        Path out = dir.resolve("nan.npz");
        Npz.write(out, Map.of("joints_3d", NdArray.of(xyz, 1, 17, 3), "valid", NdArray.of(valid, 1, 17)), true);
        assertThatThrownBy(() -> Formats.read(out, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(out.toString()).hasMessageContaining("right_knee").hasMessageContaining("non-finite");
        valid[2] = false;
        Npz.write(out, Map.of("joints_3d", NdArray.of(xyz, 1, 17, 3), "valid", NdArray.of(valid, 1, 17)), true);
        assertThat(Formats.read(out, ReadOptions.DEFAULTS).motions().get("nan").isValid(0, 2)).isFalse();
    }

    @Test
    void rejectsWrongShapesAndUnknownLayouts() throws Exception {
        Path flat = dir.resolve("flat.npz");
        Npz.write(flat, Map.of("joints_3d", NdArray.of(new float[34], 2, 17)), true);
        assertThatThrownBy(() -> Formats.read(flat, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(flat.toString()).hasMessageContaining("(2, 17)");
        Path mask = dir.resolve("mask.npz");
        Npz.write(mask, Map.of("joints_3d", NdArray.of(new float[51], 1, 17, 3), "valid", NdArray.of(new boolean[16], 1, 16)), true);
        assertThatThrownBy(() -> Formats.read(mask, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(mask.toString()).hasMessageContaining("valid");
        Path layout = dir.resolve("layout.npz");
        Npz.write(layout, Map.of("keypoints_2d", NdArray.of(new float[34], 1, 17, 2), "layout", NdArray.string("smpl24")), true);
        assertThatThrownBy(() -> Formats.read(layout, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(layout.toString()).hasMessageContaining("smpl24");
        Path mismatch = dir.resolve("mismatch.npz");
        Npz.write(mismatch, Map.of("keypoints_2d", NdArray.of(new float[34], 1, 17, 2), "layout", NdArray.string("mpii16")), true);
        assertThatThrownBy(() -> Formats.read(mismatch, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(mismatch.toString()).hasMessageContaining("17 joints");
    }

    @Test
    void keypointsWithoutImageSizeTakeTheBoundingBox() throws Exception {
        float[] uv = new float[17 * 2];
        uv[0] = 639.2f;
        uv[1] = 100f;
        uv[9] = 479.5f;
        uv[10] = 5000f;
        Path out = dir.resolve("kp.npz");
        Npz.write(out, Map.of("keypoints_2d", NdArray.of(uv, 1, 17, 2), "confidence",
                NdArray.of(new float[] {1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 17)), true);
        Keypoints2d k = Formats.read(out, ReadOptions.DEFAULTS.withLayout(Layout.COCO17)).keypoints().get("kp");
        assertThat(k.layout()).isEqualTo(Layout.COCO17);
        assertThat(k.width()).isEqualTo(640);
        assertThat(k.height()).isEqualTo(480);
        assertThat(k.isValid(0, 5)).isFalse();
    }

    static void assertSame(Motion3d back, Motion3d m) {
        assertThat(back.layout()).isEqualTo(m.layout());
        assertThat(back.fps()).isEqualTo(m.fps());
        assertThat(back.coordinateFrame()).isEqualTo(m.coordinateFrame());
        assertThat(back.validity()).isEqualTo(m.validity());
        assertThat(floatBits(back.positions())).isEqualTo(floatBits(m.positions()));
        assertThat(back.provenance()).isEqualTo(m.provenance());
    }

    static void assertSame(Keypoints2d back, Keypoints2d k) {
        assertThat(back.layout()).isEqualTo(k.layout());
        assertThat(back.fps()).isEqualTo(k.fps());
        assertThat(back.width()).isEqualTo(k.width());
        assertThat(back.height()).isEqualTo(k.height());
        assertThat(floatBits(back.confidences())).isEqualTo(floatBits(k.confidences()));
        assertThat(floatBits(back.pixels())).isEqualTo(floatBits(k.pixels()));
        assertThat(back.provenance()).isEqualTo(k.provenance());
    }

    static int[] floatBits(float[] v) {
        int[] bits = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Float.floatToRawIntBits(v[i]);
        }
        return bits;
    }
}
