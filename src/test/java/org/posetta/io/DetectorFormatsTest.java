package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/** The readers of files from other pose estimators, on small hand-made samples. */
class DetectorFormatsTest {
    private static Path sample(String name) {
        try {
            return Path.of(DetectorFormatsTest.class.getResource("detectors/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Keypoints2d keypoints(String name) {
        PoseFile f = Formats.read(sample(name), ReadOptions.DEFAULTS);
        return f.keypoints().values().iterator().next();
    }

    @Test
    void eachSampleIsRecognisedByContent() {
        assertThat(Formats.recognise(sample("alphapose_coco17.json")).id()).isEqualTo("alphapose");
        assertThat(Formats.recognise(sample("coco_dataset.json")).id()).isEqualTo("coco");
        assertThat(Formats.recognise(sample("coco_results.json")).id()).isEqualTo("coco");
        assertThat(Formats.recognise(sample("mmpose_video.json")).id()).isEqualTo("mmpose");
        assertThat(Formats.recognise(sample("mediapipe_pose.json")).id()).isEqualTo("mediapipe");
    }

    @Test
    void alphaPoseFollowsTheLargerPersonAndKeepsAFrameForTheEmptyImage() {
        Keypoints2d k = keypoints("alphapose_coco17.json");
        assertThat(k.layout()).isSameAs(Layout.COCO17);
        assertThat(k.frames()).isEqualTo(3);
        assertThat(k.get(0, 2, 0)).isEqualTo(120f);
        assertThat(k.get(0, 2, 1)).isEqualTo(70f);
        assertThat(k.confidence(0, 2)).isEqualTo(0.9f);
        for (int j = 0; j < 17; j++) {
            assertThat(k.isValid(1, j)).isFalse();
        }
        assertThat(k.get(2, 0, 0)).isEqualTo(104f);
        assertThat(k.isValid(2, 16)).isFalse();
        // mapped to H36M-17 with confidences: the pelvis is the mid-hip, with the lower hip confidence
        Keypoints2d h = JointMap.toCanonical(Layout.COCO17).apply(k);
        assertThat(h.get(0, 0, 0)).isEqualTo((k.get(0, 11, 0) + k.get(0, 12, 0)) / 2);
        assertThat(h.confidence(0, 0)).isEqualTo(0.9f);
        assertThat(keypoints("alphapose_halpe26.json").layout()).isSameAs(Layout.HALPE26);
    }

    @Test
    void cocoDatasetOrdersImagesByIdAndTurnsVisibilityIntoConfidence() {
        Keypoints2d k = keypoints("coco_dataset.json");
        assertThat(k.width()).isEqualTo(640);
        assertThat(k.height()).isEqualTo(480);
        assertThat(k.frames()).isEqualTo(2);
        assertThat(k.get(0, 0, 0)).isEqualTo(50f);
        assertThat(k.isValid(0, 3)).isFalse();
        assertThat(k.confidence(0, 4)).isEqualTo(1f);
        assertThat(k.get(1, 0, 0)).isEqualTo(52f);
        assertThat(k.confidence(1, 4)).isEqualTo(1f);
        Keypoints2d r = keypoints("coco_results.json");
        assertThat(r.frames()).isEqualTo(3);
        assertThat(r.confidence(0, 0)).isEqualTo(0.7f);
        assertThat(r.isValid(1, 0)).isFalse();
        assertThat(r.confidence(2, 0)).isEqualTo(1f);
    }

    @Test
    void mmposeOrdersFramesAndTakesTheBodyOfWholeBody() {
        Keypoints2d k = keypoints("mmpose_video.json");
        assertThat(k.layout()).isSameAs(Layout.COCO17);
        assertThat(k.frames()).isEqualTo(2);
        assertThat(k.get(0, 1, 0)).isEqualTo(13f);
        assertThat(k.get(1, 1, 0)).isEqualTo(15f);
        assertThat(k.confidence(1, 1)).isEqualTo(0.8f);
        Keypoints2d w = keypoints("mmpose_wholebody.json");
        assertThat(w.layout()).isSameAs(Layout.COCO17);
        assertThat(w.get(0, 16, 1)).isEqualTo(100f);
    }

    @Test
    void mediaPipeGivesPixelsAndRootRelativeMetres() {
        PoseFile f = Formats.read(sample("mediapipe_pose.json"), ReadOptions.DEFAULTS);
        Keypoints2d k = f.keypoints().get("mediapipe_pose");
        Motion3d m = f.motions().get("mediapipe_pose");
        assertThat(k.layout()).isSameAs(Layout.BLAZEPOSE33);
        assertThat(k.fps()).isEqualTo(25.0);
        assertThat(k.width()).isEqualTo(1280);
        assertThat(k.get(0, 2, 0)).isCloseTo(0.52f * 1280, within(1e-3f));
        assertThat(k.get(0, 2, 1)).isCloseTo(0.24f * 720, within(1e-3f));
        assertThat(k.isValid(0, 5)).isFalse();
        assertThat(k.isValid(1, 0)).isFalse();
        assertThat(m.coordinateFrame()).isEqualTo(CoordinateFrame.CAMERA);
        assertThat(m.get(2, 3, 1)).isCloseTo(-0.41f, within(1e-6f));
        assertThat(m.isValid(1, 3)).isFalse();
        assertThat(JointMap.toCanonical(Layout.BLAZEPOSE33).apply(m).isValid(0, 0)).isTrue();
    }

    @Test
    void wrongLayoutsAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> Formats.read(sample("alphapose_20.json"), ReadOptions.DEFAULTS))
                .isInstanceOf(PosettaException.class).hasMessageContaining("alphapose_20.json has 20 keypoints per person")
                .hasMessageContaining("17 (COCO-17) or 26 (Halpe-26 (AlphaPose))");
        assertThatThrownBy(() -> Formats.read(sample("coco_5.json"), ReadOptions.DEFAULTS))
                .isInstanceOf(PosettaException.class).hasMessageContaining("has 5 keypoints per person");
        assertThatThrownBy(() -> Formats.read(sample("mmpose_hand.json"), ReadOptions.DEFAULTS))
                .isInstanceOf(PosettaException.class).hasMessageContaining("21 keypoints").hasMessageContaining("not a hand");
        assertThatThrownBy(() -> Formats.read(sample("mediapipe_hand.json"), ReadOptions.DEFAULTS.withImageSize(640, 480)))
                .isInstanceOf(PosettaException.class).hasMessageContaining("33").hasMessageContaining("hand (21)");
        assertThatThrownBy(() -> Formats.read(sample("alphapose_coco17.json"), ReadOptions.DEFAULTS.withLayout(Layout.HALPE26)))
                .isInstanceOf(PosettaException.class).hasMessageContaining("not halpe26");
    }

    @Test
    void theFormatCanBeNamedInsteadOfRecognised() {
        PoseFile f = Formats.read(sample("coco_results.json"), ReadOptions.DEFAULTS, "coco");
        assertThat(f.format()).isEqualTo("coco");
        assertThatThrownBy(() -> Formats.read(sample("coco_results.json"), ReadOptions.DEFAULTS, "mmpose"))
                .isInstanceOf(PosettaException.class).hasMessageContaining("instance_info");
    }
}
