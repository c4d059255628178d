package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

class NpyFormatTest {
    @TempDir
    Path dir;

    @Test
    void motionRoundTripsWithNanForInvalidEntries() throws Exception {
        Motion3d m = PoseSamples.motion(Layout.H36M17, 20, 8);
        Path out = dir.resolve("pred.npy");
        Formats.write(PoseFile.of("test", "pred", m), out, null);
        NdArray raw = Npy.read(out);
        assertThat(raw.shape()).containsExactly(20, 17, 3);
        assertThat(Float.isNaN(raw.toFloats()[firstInvalid(m) * 3])).isTrue();
        Motion3d back = Formats.read(out, ReadOptions.DEFAULTS.withFps(m.fps())).motions().get("pred");
        assertThat(back.coordinateFrame()).isEqualTo(CoordinateFrame.CAMERA);
        assertThat(back.validity()).isEqualTo(m.validity());
        assertThat(NpzFormatTest.floatBits(back.positions())).isEqualTo(NpzFormatTest.floatBits(m.positions()));
    }

    @Test
    void keypointsTakeLayoutFromJointCountAndSizeFromOptionsOrBoundingBox() throws Exception {
        float[] uv = new float[2 * 16 * 2];
        for (int i = 0; i < uv.length; i++) {
            uv[i] = i * 10.25f;
        }
        Path out = dir.resolve("det.npy");
        Npy.write(out, NdArray.of(uv, 2, 16, 2));
        Keypoints2d k = Formats.read(out, ReadOptions.DEFAULTS).keypoints().get("det");
        assertThat(k.layout()).isEqualTo(Layout.MPII16);
        assertThat(k.fps()).isEqualTo(ReadOptions.DEFAULT_FPS);
        assertThat(k.width()).isEqualTo(636); // max u = 62 · 10.25 = 635.5
        assertThat(k.height()).isEqualTo(646); // max v = 63 · 10.25 = 645.75
        Keypoints2d sized = Formats.read(out, ReadOptions.DEFAULTS.withImageSize(1280, 720)).keypoints().get("det");
        assertThat(sized.width()).isEqualTo(1280);
        assertThat(sized.height()).isEqualTo(720);
    }

    @Test
    void seventeenJointsMeanH36mUnlessTheOptionsSayOtherwise() throws Exception {
        Path out = dir.resolve("p.npy");
        Npy.write(out, NdArray.of(new double[17 * 3], 1, 17, 3));
        assertThat(Formats.read(out, ReadOptions.DEFAULTS).motions().get("p").layout()).isEqualTo(Layout.H36M17);
        assertThat(Formats.read(out, ReadOptions.DEFAULTS.withLayout(Layout.COCO17)).motions().get("p").layout())
                .isEqualTo(Layout.COCO17);
        assertThatThrownBy(() -> Formats.read(out, ReadOptions.DEFAULTS.withLayout(Layout.MPII16)))
                .isInstanceOf(PosettaException.class).hasMessageContaining(out.toString());
    }

    @Test
    void rejectsOtherShapesAndSeveralSequences() throws Exception {
        Path flat = dir.resolve("flat.npy");
        Npy.write(flat, NdArray.of(new float[12], 3, 4));
        assertThatThrownBy(() -> Formats.read(flat, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(flat.toString()).hasMessageContaining("(3, 4)");
        Path fifteen = dir.resolve("fifteen.npy");
        Npy.write(fifteen, NdArray.of(new float[45], 1, 15, 3));
        assertThatThrownBy(() -> Formats.read(fifteen, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining("--layout");
        PoseFile two = new PoseFile("test", Map.of("a", PoseSamples.motion(Layout.H36M17, 2, 1), "b",
                PoseSamples.motion(Layout.H36M17, 2, 2)), Map.of());
        Path out = dir.resolve("two.npy");
        assertThatThrownBy(() -> Formats.write(two, out, null)).isInstanceOf(PosettaException.class).hasMessageContaining("one sequence");
        assertThat(out).doesNotExist();
    }

    private static int firstInvalid(Motion3d m) {
        boolean[] v = m.validity();
        for (int i = 0; i < v.length; i++) {
            if (!v[i]) {
                return i;
            }
        }
        throw new AssertionError("sample has no invalid entry");
    }
}
