package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.Provenance;

class CodecTest {
    @Test
    void keypointsRoundTripThroughScreenNormalisation() {
        int t = 4;
        int j = Layout.H36M17.size();
        Random rng = new Random(5);
        float[] uv = new float[t * j * 2];
        float[] conf = new float[t * j];
        for (int i = 0; i < t * j; i++) {
            uv[i * 2] = rng.nextFloat() * 1000;
            uv[i * 2 + 1] = rng.nextFloat() * 1002;
            conf[i] = i % 7 == 0 ? 0 : 0.5f + rng.nextFloat() / 2;
        }
        Keypoints2d k = new Keypoints2d(Layout.H36M17, 50, 1000, 1002, uv, conf, Provenance.EMPTY);
        KeypointCodec codec = KeypointCodec.of(k);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = codec.encode(m, k);
            assertThat(x.getShape().getShape()).containsExactly(t, j, 3);
            float[] v = x.toFloatArray();
            // The image centre maps to (0, 0) and the right edge to x = 1.
            assertThat(codec.normalise(new Keypoints2d(Layout.H36M17, 50, 1000, 1002, centre(j, 500, 501), null, null))[1])
                    .isCloseTo(0f, within(1e-6f));
            assertThat(v[2]).isZero();
            assertThat(v[0]).isZero();
            Keypoints2d back = codec.decode(x, Layout.H36M17, 50, Provenance.EMPTY);
            assertThat(back.confidences()).containsExactly(k.confidences());
            float[] p = back.pixels();
            float[] q = k.pixels();
            for (int i = 0; i < p.length; i++) {
                assertThat(p[i]).isCloseTo(q[i], within(1e-3f));
            }
        }
        assertThat(codec.describe()).containsEntry("width", 1000).containsEntry("height", 1002);
    }

    @Test
    void motionRoundTripsRootRelativeWithValidity() {
        int t = 3;
        int j = Layout.H36M17.size();
        Random rng = new Random(6);
        float[] xyz = new float[t * j * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = rng.nextFloat() * 2 - 1 + (i % 3 == 2 ? 5 : 0);
        }
        boolean[] valid = new boolean[t * j];
        Arrays.fill(valid, true);
        valid[5] = false;
        valid[2 * j] = false; // root of frame 2: the whole frame becomes invalid
        Motion3d motion = new Motion3d(Layout.H36M17, 50, CoordinateFrame.CAMERA, xyz, valid, Provenance.EMPTY);
        MotionCodec codec = MotionCodec.of(motion);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] rel = codec.encode(m, motion).toFloatArray();
            assertThat(rel[0]).isZero();
            assertThat(rel[3 * 3]).isCloseTo(xyz[3 * 3] - xyz[0], within(1e-6f));
            assertThat(rel[5 * 3]).isZero();
            Motion3d back = codec.decode(m.create(rel), motion);
            for (int i = 0; i < t * j; i++) {
                boolean expected = valid[i] && i / j != 2;
                assertThat(back.validity()[i]).isEqualTo(expected);
                if (expected) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(back.positions()[i * 3 + c]).isCloseTo(xyz[i * 3 + c], within(1e-6f));
                    }
                }
            }
        }
    }

    @Test
    void standardiserIsZScoreAndInverts() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            Standardiser s = new Standardiser(p, "in", 2);
            s.fit(new float[] {1, 10, 3, 30, 100, 20}, new boolean[] {true, true, true, true, false, true});
            assertThat(p.get("in.mean").toFloatArray()).containsExactly(2, 20);
            NDArray z = s.normalise(m.create(new float[] {3, 30}));
            assertThat(z.toFloatArray()).containsExactly(1, (float) (10 / Math.sqrt(200.0 / 3)));
            assertThat(s.denormalise(z).toFloatArray()[1]).isCloseTo(30, within(1e-5f));
            assertThat(p.isTrainable("in.std")).isFalse();
        }
    }

    private static float[] centre(int j, float u, float v) {
        float[] out = new float[j * 2];
        for (int i = 0; i < j; i++) {
            out[i * 2] = u;
            out[i * 2 + 1] = v;
        }
        return out;
    }
}
