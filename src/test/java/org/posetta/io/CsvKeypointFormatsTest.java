package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/** MediaPipe landmark CSV and DeepLabCut CSV, on small hand-made samples of a standing person. */
class CsvKeypointFormatsTest {
    @TempDir
    Path dir;

    private static Path sample(String name) {
        try {
            return Path.of(CsvKeypointFormatsTest.class.getResource("detectors/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachSampleIsRecognisedByContent() {
        assertThat(Formats.recognise(sample("mediapipe_pose_wide.csv")).id()).isEqualTo("mediapipe-csv");
        assertThat(Formats.recognise(sample("mediapipe_world_long.csv")).id()).isEqualTo("mediapipe-csv");
        assertThat(Formats.recognise(sample("mediapipe_hand.csv")).id()).isEqualTo("mediapipe-csv");
        assertThat(Formats.recognise(sample("deeplabcut_single.csv")).id()).isEqualTo("deeplabcut");
        assertThat(Formats.recognise(sample("deeplabcut_multi.csv")).id()).isEqualTo("deeplabcut");
    }

    @Test
    void mediaPipeWideCsvGivesPixelsNumbersFramesAndKeepsGaps() {
        PoseFile f = Formats.read(sample("mediapipe_pose_wide.csv"), ReadOptions.DEFAULTS.withImageSize(640, 480));
        assertThat(f.motions()).isEmpty();
        Keypoints2d k = f.keypoints().get("mediapipe_pose_wide");
        assertThat(k.layout()).isSameAs(Layout.BLAZEPOSE33);
        assertThat(k.frames()).isEqualTo(4);
        assertThat(k.fps()).isEqualTo(30.0);
        int leftWrist = Layout.BLAZEPOSE33.indexOf("left_wrist");
        assertThat(k.get(0, leftWrist, 0)).isCloseTo(0.59f * 640, within(1e-3f));
        assertThat(k.get(0, leftWrist, 1)).isCloseTo(0.52f * 480, within(1e-3f));
        assertThat(k.confidence(0, leftWrist)).isEqualTo(0.95f);
        assertThat(k.isValid(1, leftWrist)).isFalse();
        assertThat(k.isValid(1, 0)).isTrue();
        for (int j = 0; j < 33; j++) {
            assertThat(k.isValid(2, j)).as("frame 2 has no row").isFalse();
        }
        assertThat(k.get(3, 0, 0)).isCloseTo(0.53f * 640, within(1e-3f));
        assertThat(k.confidence(3, Layout.BLAZEPOSE33.indexOf("left_ankle"))).isEqualTo(0.3f);
        // mapped to H36M-17: the pelvis is the mid-hip
        assertThat(JointMap.toCanonical(Layout.BLAZEPOSE33).apply(k).get(0, 0, 0)).isCloseTo(320f, within(1e-3f));
    }

    @Test
    void mediaPipeLongCsvOfWorldLandmarksIsRootRelativeMetres() {
        PoseFile f = Formats.read(sample("mediapipe_world_long.csv"), ReadOptions.DEFAULTS.withFps(25));
        assertThat(f.keypoints()).isEmpty();
        Motion3d m = f.motions().get("mediapipe_world_long");
        assertThat(m.coordinateFrame()).isEqualTo(CoordinateFrame.CAMERA);
        assertThat(m.frames()).isEqualTo(2);
        assertThat(m.fps()).isEqualTo(25.0);
        assertThat(m.get(0, 0, 1)).isCloseTo(-0.63f, within(1e-6f));
        assertThat(m.isValid(1, Layout.BLAZEPOSE33.indexOf("right_wrist"))).isFalse();
        Motion3d h = JointMap.toCanonical(Layout.BLAZEPOSE33).apply(m);
        for (int c = 0; c < 3; c++) {
            assertThat(Math.abs(h.get(0, 0, c))).as("pelvis at the origin").isLessThan(1e-6f);
        }
    }

    @Test
    void pixelValuesNeedNoImageSizeAndNormalisedOnesDo() throws IOException {
        assertThatThrownBy(() -> Formats.read(sample("mediapipe_pose_wide.csv"), ReadOptions.DEFAULTS))
                .isInstanceOf(PosettaException.class).hasMessageContaining("mediapipe_pose_wide.csv")
                .hasMessageContaining("--image-size");
        StringBuilder csv = new StringBuilder();
        for (int q = 0; q < 33; q++) {
            csv.append(q == 0 ? "" : ",").append("x").append(q + 1).append(",y").append(q + 1);
        }
        csv.append('\n');
        for (int q = 0; q < 33; q++) {
            csv.append(q == 0 ? "" : ",").append(100 + q).append(',').append(200 + q);
        }
        Path pixels = dir.resolve("pose.csv");
        Files.writeString(pixels, csv + "\n");
        Keypoints2d k = Formats.read(pixels, ReadOptions.DEFAULTS).keypoints().get("pose");
        assertThat(k.get(0, 0, 0)).as("1-based columns: x1 is the nose").isEqualTo(100f);
        assertThat(k.get(0, 32, 1)).isEqualTo(232f);
        assertThat(k.confidence(0, 32)).isEqualTo(1f);
    }

    @Test
    void deepLabCutFindsTheLayoutFromTheBodyPartNames() {
        PoseFile f = Formats.read(sample("deeplabcut_single.csv"), ReadOptions.DEFAULTS);
        Keypoints2d k = f.keypoints().get("deeplabcut_single");
        assertThat(k.layout()).isSameAs(Layout.COCO17);
        assertThat(k.frames()).isEqualTo(3);
        int ls = Layout.COCO17.indexOf("left_shoulder");
        assertThat(k.get(0, ls, 0)).isCloseTo(0.56f * 640, within(1e-3f));
        assertThat(k.get(2, ls, 0)).isCloseTo(0.56f * 640 + 4, within(1e-3f));
        assertThat(k.confidence(0, ls)).isEqualTo(0.97f);
        assertThat(k.confidence(2, Layout.COCO17.indexOf("right_ankle"))).isEqualTo(0.02f);
        assertThat(k.isValid(1, Layout.COCO17.indexOf("left_ear"))).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, String> parts = (Map<String, String>) k.provenance().get("body_parts");
        assertThat(parts).containsEntry("left_shoulder", "LShoulder").containsEntry("nose", "Nose");
        assertThat(k.provenance().get("scorer")).isEqualTo("DLC_resnet50_gaitOct3shuffle1_50000");
    }

    @Test
    void deepLabCutWithSeveralIndividualsFollowsTheLargerPerson() {
        Keypoints2d k = Formats.read(sample("deeplabcut_multi.csv"), ReadOptions.DEFAULTS).keypoints().get("deeplabcut_multi");
        assertThat(k.layout()).isSameAs(Layout.COCO17);
        assertThat(k.frames()).isEqualTo(2);
        assertThat(k.get(1, 0, 0)).as("person1's nose").isCloseTo(320f, within(1e-3f));
    }

    @Test
    void sideSpellingsAreOneJoint() {
        for (String name : new String[] {"LShoulder", "lshoulder", "left_shoulder", "Left-Shoulder", "shoulder_l", "shoulderL",
            "ShoulderLeft", "L_Shoulder"}) {
            assertThat(DeepLabCutFormat.key(name)).as(name).isEqualTo("leftshoulder");
        }
        assertThat(DeepLabCutFormat.key("RHip")).isEqualTo("righthip");
        assertThat(DeepLabCutFormat.key("nose")).isEqualTo("nose");
    }

    @Test
    void wrongLayoutsAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> Formats.read(sample("mediapipe_hand.csv"), ReadOptions.DEFAULTS.withImageSize(640, 480)))
                .isInstanceOf(PosettaException.class).hasMessageContaining("mediapipe_hand.csv")
                .hasMessageContaining("21 landmarks").hasMessageContaining("33");
        assertThatThrownBy(() -> Formats.read(sample("deeplabcut_mouse.csv"), ReadOptions.DEFAULTS))
                .isInstanceOf(PosettaException.class).hasMessageContaining("deeplabcut_mouse.csv")
                .hasMessageContaining("snout, leftear, rightear, tailbase").hasMessageContaining("--in-layout");
        assertThatThrownBy(() -> Formats.read(sample("deeplabcut_single.csv"), ReadOptions.DEFAULTS.withLayout(Layout.BANDAI22)))
                .isInstanceOf(PosettaException.class).hasMessageContaining("of the 22 joints of bandai22");
    }

    @Test
    void theFormatCanBeNamedAndDamagedCellsAreNamed() throws IOException {
        Path renamed = dir.resolve("tracking.csv");
        Files.copy(sample("deeplabcut_single.csv"), renamed);
        assertThat(Formats.read(renamed, ReadOptions.DEFAULTS, "deeplabcut").keypoints()).containsKey("tracking");
        assertThatThrownBy(() -> Formats.read(renamed, ReadOptions.DEFAULTS, "mediapipe-csv"))
                .isInstanceOf(PosettaException.class).hasMessageContaining("tracking.csv");
        Path damaged = dir.resolve("damaged.csv");
        Files.writeString(damaged, Files.readString(sample("deeplabcut_single.csv")).replaceFirst("\n1,[^,]*,", "\n1,oops,"));
        assertThatThrownBy(() -> Formats.read(damaged, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining("damaged.csv line 5").hasMessageContaining("'oops'");
    }
}
