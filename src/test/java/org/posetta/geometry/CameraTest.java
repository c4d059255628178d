package org.posetta.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

class CameraTest {
    /** A Human3.6M-like camera: strong radial distortion, tilted, 5 m from the origin. */
    private static final Camera H36M_LIKE = new Camera("54138969", 1000, 1002, new double[] {1145.05, 1143.78},
            new double[] {512.54, 515.45}, new double[] {-0.2071, 0.2478, -0.0031}, new double[] {-0.0014, -0.0010},
            new double[][] {{-0.9153617321513369, 0.40180836633680234, 0.02574754463350265},
                {0.051548117060134555, 0.1803735689384521, -0.9822464900705729},
                {-0.399319034032262, -0.8977836111057917, -0.185819527201491}},
            new double[] {1.841, 4.955, 1.563});

    private static Camera simple(double[] radial, double[] tangential) {
        return new Camera("test", 1000, 800, new double[] {1000, 1100}, new double[] {500, 400}, radial, tangential,
                new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[3]);
    }

    @Test
    void worldToCameraAppliesRotationAfterSubtractingTheCentre() {
        // R turns world y into camera x; the centre (1, 2, 3) is subtracted first
        Camera c = new Camera("r", 100, 100, new double[] {100, 100}, new double[] {50, 50}, new double[3], new double[2],
                new double[][] {{0, 1, 0}, {-1, 0, 0}, {0, 0, 1}}, new double[] {1, 2, 3});
        float[] p = {1, 3, 3, 2, 2, 5};
        c.worldToCamera(p, p);
        assertThat(p).containsExactly(new float[] {1, 0, 0, 0, -1, 2}, within(1e-6f));
    }

    @Test
    void worldCameraWorldRoundTrip() {
        Random rnd = new Random(1);
        float[] world = new float[300];
        for (int i = 0; i < world.length; i++) {
            world[i] = (float) (rnd.nextGaussian() * 2);
        }
        float[] cam = new float[world.length];
        float[] back = new float[world.length];
        H36M_LIKE.worldToCamera(world, cam);
        H36M_LIKE.cameraToWorld(cam, back);
        assertThat(back).containsExactly(world, within(2e-6f));
        assertThat(cam).isNotEqualTo(world);
    }

    @Test
    void motionRoundTripChangesOnlyTheFrame() {
        Motion3d world = new Motion3d(Layout.H36M17, 50, CoordinateFrame.WORLD, randomPose(new Random(2), 0), null, null);
        Motion3d cam = H36M_LIKE.worldToCamera(world);
        assertThat(cam.coordinateFrame()).isEqualTo(CoordinateFrame.CAMERA);
        Motion3d back = H36M_LIKE.cameraToWorld(cam);
        assertThat(back.coordinateFrame()).isEqualTo(CoordinateFrame.WORLD);
        assertThat(back.positions()).containsExactly(world.positions(), within(2e-6f));
        assertThatThrownBy(() -> H36M_LIKE.cameraToWorld(world)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pointOnTheOpticalAxisLandsOnThePrincipalPoint() {
        double[] uv = H36M_LIKE.project(0, 0, 4.2);
        assertThat(uv).containsExactly(new double[] {512.54, 515.45}, within(1e-9));
    }

    @Test
    void projectionFollowsTheHuman36mDistortionFormula() {
        // x = 0.1, y = 0.2, r² = 0.05: radial = 1.005025125, tan = 0.001·0.2 + 0.002·0.1 = 0.0004
        // x' = 0.1·1.005425125 + 0.002·0.05 = 0.1006425125, y' = 0.2·1.005425125 + 0.001·0.05 = 0.201135025
        Camera c = simple(new double[] {0.1, 0.01, 0.001}, new double[] {0.001, 0.002});
        assertThat(c.project(0.5, 1.0, 5.0)).containsExactly(new double[] {600.6425125, 621.2485275}, within(1e-9));
        float[] uv = new float[2];
        c.project(new float[] {0.5f, 1f, 5f}, uv);
        assertThat(uv).containsExactly(new float[] {600.6425f, 621.24854f}, within(1e-3f));
    }

    @Test
    void projectedMotionMarksInvalidAndBehindCameraJointsMissing() {
        float[] xyz = new float[17 * 3];
        for (int j = 0; j < 17; j++) {
            xyz[j * 3] = 0.1f * j;
            xyz[j * 3 + 2] = 3;
        }
        xyz[5 * 3 + 2] = -1;
        boolean[] valid = new boolean[17];
        Arrays.fill(valid, true);
        valid[2] = false;
        Motion3d m = new Motion3d(Layout.H36M17, 25, CoordinateFrame.CAMERA, xyz, valid, null);
        Keypoints2d k = simple(new double[3], new double[2]).project(m);
        assertThat(k.width()).isEqualTo(1000);
        assertThat(k.height()).isEqualTo(800);
        assertThat(k.fps()).isEqualTo(25);
        assertThat(k.isValid(0, 2)).isFalse();
        assertThat(k.isValid(0, 5)).isFalse();
        assertThat(k.isValid(0, 3)).isTrue();
        assertThat(k.get(0, 3, 0)).isCloseTo(500 + 1000 * 0.3f / 3, within(1e-3f));
        assertThat(k.get(0, 3, 1)).isCloseTo(400f, within(1e-3f));
    }

    @Test
    void screenNormalisationKeepsTheAspectRatioAndInverts() {
        float[] n = Camera.normalise(new float[] {0, 0, 1000, 1002, 500, 501}, 1000, 1002);
        assertThat(n).containsExactly(new float[] {-1, -1.002f, 1, 1.002f, 0, 0}, within(1e-6f));
        float[] uv = {12.5f, 900.25f, 733f, 1.5f};
        assertThat(Camera.denormalise(Camera.normalise(uv, 1920, 1080), 1920, 1080)).containsExactly(uv, within(1e-4f));
    }

    @Test
    void defaultCameraUsesTheImageCentreAndDiagonal() {
        Camera c = Camera.defaultFor(1920, 1080);
        assertThat(c.principalPoint()).containsExactly(960, 540);
        assertThat(c.focal()[0]).isCloseTo(Math.sqrt(1920.0 * 1920 + 1080.0 * 1080), within(1e-9));
        assertThat(c.focal()[1]).isEqualTo(c.focal()[0]);
        assertThat(c.radialDistortion()).containsOnly(0);
        assertThat(c.project(1, 0, c.focal()[0])).containsExactly(new double[] {961, 540}, within(1e-9));
    }

    @Test
    void rootFitRecoversAKnownTranslationFromExactDistortedProjections() {
        Random rnd = new Random(3);
        float[] rel = randomPose(rnd, 0.4);
        double[] t = {0.3, -0.2, 4.5};
        float[] abs = rel.clone();
        for (int i = 0; i < abs.length; i++) {
            abs[i] += (float) t[i % 3];
        }
        float[] uv = new float[17 * 2];
        H36M_LIKE.project(abs, uv);
        float[] conf = new float[17];
        Arrays.fill(conf, 1f);
        // a joint far off in 2D with weight 0 must not pull the fit
        uv[6 * 2] += 300;
        conf[6] = 0;
        double[] fit = H36M_LIKE.fitTranslations(rel, uv, conf, 17);
        assertThat(fit).containsExactly(t, within(1e-4));
    }

    @Test
    void rootFitNeedsTwoJointsAndWorksFrameByFrame() {
        float[] rel = randomPose(new Random(4), 0.3);
        float[] twoFrames = new float[rel.length * 2];
        System.arraycopy(rel, 0, twoFrames, 0, rel.length);
        System.arraycopy(rel, 0, twoFrames, rel.length, rel.length);
        float[] abs = twoFrames.clone();
        for (int i = 0; i < abs.length; i++) {
            abs[i] += i % 3 == 2 ? 3f : 0f;
        }
        float[] uv = new float[34 * 2];
        H36M_LIKE.project(abs, uv);
        float[] conf = new float[34];
        Arrays.fill(conf, 0, 17, 1f);
        conf[20] = 1f;
        double[] fit = H36M_LIKE.fitTranslations(twoFrames, uv, conf, 17);
        assertThat(fit[2]).isCloseTo(3, within(1e-4));
        assertThat(fit[3]).isNaN();
        assertThat(fit[5]).isNaN();
    }

    @Test
    void fitRootPlacesTheMotionAndInvalidatesUnfittableFrames() {
        float[] rel = randomPose(new Random(5), 0.3);
        float[] frames = new float[rel.length * 2];
        System.arraycopy(rel, 0, frames, 0, rel.length);
        System.arraycopy(rel, 0, frames, rel.length, rel.length);
        float[] abs = frames.clone();
        for (int i = 0; i < abs.length; i++) {
            abs[i] += i % 3 == 2 ? 5f : i % 3 == 0 ? -0.5f : 0f;
        }
        float[] uv = new float[34 * 2];
        H36M_LIKE.project(abs, uv);
        float[] conf = new float[34];
        Arrays.fill(conf, 0, 17, 1f);
        Motion3d m = new Motion3d(Layout.H36M17, 50, CoordinateFrame.CAMERA, frames, null, null);
        Keypoints2d k = new Keypoints2d(Layout.H36M17, 50, 1000, 1002, uv, conf, null);
        Motion3d placed = H36M_LIKE.fitRoot(m, k);
        for (int i = 0; i < 17 * 3; i++) {
            assertThat(placed.positions()[i]).isCloseTo(abs[i], within(1e-4f));
        }
        assertThat(placed.isFrameComplete(0)).isTrue();
        assertThat(placed.isValid(1, 0)).isFalse();
        assertThat(placed.invalidCount()).isEqualTo(17);
    }

    @Test
    void rejectsAReflectionAndANonRotation() {
        assertThatThrownBy(() -> new Camera("x", 10, 10, new double[] {1, 1}, new double[2], new double[3], new double[2],
                new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, -1}}, new double[3])).hasMessageContaining("reflection");
        assertThatThrownBy(() -> new Camera("x", 10, 10, new double[] {1, 1}, new double[2], new double[3], new double[2],
                new double[][] {{2, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[3])).hasMessageContaining("orthonormal");
    }

    /** 17 joints, root at the origin, others within ±spread metres. */
    private static float[] randomPose(Random rnd, double spread) {
        float[] p = new float[17 * 3];
        for (int i = 3; i < p.length; i++) {
            p[i] = (float) ((rnd.nextDouble() * 2 - 1) * (spread > 0 ? spread : 1));
        }
        return p;
    }
}
