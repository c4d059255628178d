package org.posetta.adapt.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.PosettaException;

class MotionTextModelTest {
    @TempDir
    Path dir;

    /** 60 frames of a pose that swings its arms, in a camera frame with y down, facing the camera. */
    private static float[] clip() {
        Random rng = new Random(5);
        float[] base = new float[17 * 3];
        for (int j = 0; j < 17; j++) {
            base[j * 3] = (float) (rng.nextGaussian() * 0.15);
            base[j * 3 + 1] = (float) (-0.08 * j + rng.nextGaussian() * 0.05);
            base[j * 3 + 2] = (float) (rng.nextGaussian() * 0.1);
        }
        base[3] = -0.13f;
        base[12] = 0.13f;
        float[] c = new float[60 * 51];
        for (int f = 0; f < 60; f++) {
            for (int j = 0; j < 17; j++) {
                double swing = j >= 11 ? 0.2 * Math.sin(f / 6.0) : 0;
                c[(f * 17 + j) * 3] = base[j * 3];
                c[(f * 17 + j) * 3 + 1] = base[j * 3 + 1];
                c[(f * 17 + j) * 3 + 2] = (float) (base[j * 3 + 2] + swing + 4);
            }
        }
        return c;
    }

    /** The clip turned by {@code angle} about the camera's vertical through (0, 0, 4). */
    private static float[] turned(float[] clip, double angle) {
        float[] out = clip.clone();
        for (int i = 0; i < clip.length; i += 3) {
            double x = clip[i];
            double z = clip[i + 2] - 4;
            out[i] = (float) (Math.cos(angle) * x + Math.sin(angle) * z);
            out[i + 2] = (float) (-Math.sin(angle) * x + Math.cos(angle) * z + 4);
        }
        return out;
    }

    @Test
    void turningAClipAboutTheVerticalLeavesItsEmbeddingUnchanged() {
        try (MotionTextModel m = MotionTextModel.shipped()) {
            float[] a = m.embed(Canonicalisation.apply(clip(), 60, Canonicalisation.CAMERA_UP));
            float[] b = m.embed(Canonicalisation.apply(turned(clip(), 2.1), 60, Canonicalisation.CAMERA_UP));
            assertThat(a).hasSize(TextEncoder.DIMENSION);
            double norm = 0;
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-4f));
                norm += a[i] * a[i];
            }
            assertThat(norm).isCloseTo(1, within(1e-4));
        }
    }

    @Test
    void clipsBeyondOneBatchAreEmbeddedEachAsOnItsOwn() {
        int n = MotionTextModel.EMBED_BATCH + 3;
        float[] one = Canonicalisation.apply(clip(), 60, Canonicalisation.CAMERA_UP);
        float[] clips = new float[n * one.length];
        for (int i = 0; i < n; i++) {
            float[] c = Canonicalisation.apply(turned(clip(), 0.01 * i), 60, Canonicalisation.CAMERA_UP);
            System.arraycopy(c, 0, clips, i * one.length, one.length);
        }
        try (MotionTextModel m = MotionTextModel.shipped()) {
            float[] all = m.embed(clips);
            assertThat(all).hasSize(n * TextEncoder.DIMENSION);
            for (int i : new int[] {0, MotionTextModel.EMBED_BATCH - 1, MotionTextModel.EMBED_BATCH, n - 1}) {
                float[] alone = m.embed(Arrays.copyOfRange(clips, i * one.length, (i + 1) * one.length));
                for (int k = 0; k < alone.length; k++) {
                    assertThat(all[i * TextEncoder.DIMENSION + k]).isCloseTo(alone[k], within(1e-5f));
                }
            }
        }
    }

    @Test
    void theShippedCardCarriesACalibratedTauAndRetrievalFigures() {
        try (MotionTextModel m = MotionTextModel.shipped()) {
            assertThat(m.tau()).isBetween(-1.0, 1.0);
            assertThat(m.card()).containsKeys("retrieval_h36m_S9_S11", "retrieval_bandai_held_out", "licence");
        }
    }

    @Test
    void aFileThatIsNoCheckpointIsRefusedWithItsName() throws IOException {
        Path w = Files.writeString(dir.resolve("m.safetensors"), "not a checkpoint");
        Files.writeString(dir.resolve("m.json"), "{\"architecture\": {\"width\": 32, \"layers\": 1, \"heads\": 4, \"hidden\": 64, \"dropout\": 0}}");
        assertThatThrownBy(() -> MotionTextModel.load(w)).isInstanceOf(PosettaException.class).hasMessageContaining(w.toString());
        assertThatThrownBy(() -> MotionTextModel.load(dir.resolve("missing.safetensors"))).isInstanceOf(PosettaException.class)
                .hasMessageContaining("missing.safetensors");
    }
}
