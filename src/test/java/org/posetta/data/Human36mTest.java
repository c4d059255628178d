package org.posetta.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.posetta.geometry.Camera;
import org.posetta.io.H36mNpzFormat;
import org.posetta.io.NdArray;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

class Human36mTest {
    /** MPII-16 joint → H36M-17 joint (data/README.md). */
    private static final int[] MPII_TO_H36M = {3, 2, 1, 4, 5, 6, 0, 8, 9, 10, 16, 15, 14, 11, 12, 13};

    private static Path folder;
    private static Human36m all;

    @BeforeAll
    static void load() {
        folder = Human36m.find().orElse(null);
        Assumptions.assumeTrue(folder != null, "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        all = Human36m.load(folder);
    }

    @Test
    void loadsEverySequenceAndFrame() {
        assertThat(all.subjects()).containsExactly("S1", "S5", "S6", "S7", "S8", "S9", "S11");
        assertThat(all.totalFrames()).isEqualTo(496_063);
        int sequences = all.subjects().stream().mapToInt(s -> all.actions(s).size()).sum();
        assertThat(sequences).isEqualTo(204);
        assertThat(all.actions("S9")).doesNotContain("Discussion 1");
        assertThat(all.actions("S11")).doesNotContain("Directions");
        assertThat(all.cameraIds("S9")).containsExactly("54138969", "55011271", "58860488", "60457274");
    }

    @Test
    void every2dSequenceInTheFilesHasTheFramesOfIts3d() {
        Map<String, Map<String, NdArray>> xyz = H36mNpzFormat.readPositions3d(folder.resolve(Human36m.FILE_3D), s -> true);
        H36mNpzFormat.Positions2d sh = H36mNpzFormat.readPositions2d(folder.resolve(Human36m.FILE_2D), s -> true);
        assertThat(sh.layoutName()).isEqualTo("mpii16");
        assertThat(sh.arrays().keySet()).isEqualTo(xyz.keySet());
        int checked = 0;
        for (String subject : xyz.keySet()) {
            assertThat(sh.arrays().get(subject).keySet()).as(subject).isEqualTo(xyz.get(subject).keySet());
            for (String action : xyz.get(subject).keySet()) {
                List<NdArray> cams = sh.arrays().get(subject).get(action);
                assertThat(cams).hasSize(4);
                for (NdArray uv : cams) {
                    assertThat(uv.shape()).as(subject + "/" + action).containsExactly(xyz.get(subject).get(action).dim(0), 16, 2);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(204 * 4);
    }

    @Test
    void sequencesOfASubjectCarryConsistentParts() {
        Human36m s9 = Human36m.load(folder, List.of("S9"));
        long n = s9.sequences().peek(q -> {
            assertThat(q.detections().frames()).as(q.name()).isEqualTo(q.frames());
            assertThat(q.groundTruth2d().frames()).as(q.name()).isEqualTo(q.frames());
            assertThat(q.frames()).isEqualTo(all.frames(q.subject(), q.action()));
            assertThat(q.name()).startsWith("S9/" + q.action() + "/");
        }).count();
        assertThat(n).isEqualTo(all.actions("S9").size() * 4L);
    }

    @Test
    void actionClassesAreTheFifteenOfTheLiterature() {
        assertThat(Human36m.actionClass("Walking 1")).isEqualTo("Walking");
        assertThat(Human36m.actionClass("SittingDown")).isEqualTo("SittingDown");
        Set<String> seen = new HashSet<>();
        for (String s : all.subjects()) {
            all.actions(s).forEach(a -> seen.add(Human36m.actionClass(a)));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(Human36m.ACTION_CLASSES);
    }

    @Test
    void walkingProjectsOntoTheDetectionsOfEveryCamera() {
        for (String subject : List.of("S9", "S11")) {
            for (String cam : all.cameraIds(subject)) {
                Human36m.Sequence q = all.sequence(subject, "Walking", cam);
                assertThat(q.actionClass()).isEqualTo("Walking");
                assertThat(q.detections().layout()).isEqualTo(Layout.MPII16);
                assertThat(q.groundTruth2d().layout()).isEqualTo(Layout.H36M17);
                assertThat(q.groundTruth2d().width()).isEqualTo(q.camera().width());
                for (int j = 0; j < MPII_TO_H36M.length; j++) {
                    double[] d = new double[q.frames()];
                    for (int t = 0; t < d.length; t++) {
                        d[t] = Math.hypot(q.detections().get(t, j, 0) - q.groundTruth2d().get(t, MPII_TO_H36M[j], 0),
                                q.detections().get(t, j, 1) - q.groundTruth2d().get(t, MPII_TO_H36M[j], 1));
                    }
                    Arrays.sort(d);
                    assertThat(d[d.length / 2]).as("%s %s MPII joint %d", subject, cam, j).isLessThan(25.0);
                }
            }
        }
    }

    @Test
    void cameraFrameDepthIsPositiveAndWorldRoundTrips() {
        Human36m.Sequence q = all.sequence("S9", "Walking", "55011271");
        Motion3d cam = q.positions3d();
        assertThat(cam.coordinateFrame()).isEqualTo(CoordinateFrame.CAMERA);
        assertThat(cam.fps()).isEqualTo(50);
        for (int t = 0; t < cam.frames(); t++) {
            assertThat(cam.get(t, 0, 2)).isBetween(2f, 9f);
        }
        Motion3d world = q.camera().cameraToWorld(cam);
        assertThat(world.positions()).containsExactly(all.worldPositions("S9", "Walking").positions(), within(1e-5f));
    }

    @Test
    void rootFitFromGroundTruth2dRecoversThePelvis() {
        Human36m.Sequence q = all.sequence("S11", "Eating", "58860488").slice(0, 50);
        Camera c = q.camera();
        float[] xyz = q.positions3d().positions();
        float[] rel = xyz.clone();
        for (int t = 0; t < 50; t++) {
            for (int i = 0; i < 17 * 3; i++) {
                rel[t * 51 + i] -= xyz[t * 51 + i % 3];
            }
        }
        double[] fit = c.fitTranslations(rel, q.groundTruth2d().pixels(), q.groundTruth2d().confidences(), 17);
        for (int t = 0; t < 50; t++) {
            for (int k = 0; k < 3; k++) {
                assertThat(fit[t * 3 + k]).isCloseTo(xyz[t * 51 + k], within(1e-3));
            }
        }
    }

    @Test
    void loadsChosenSubjectsOnlyAndNamesTheFileForUnknownOnes() {
        Human36m s9 = Human36m.load(folder, List.of("S9"));
        assertThat(s9.subjects()).containsExactly("S9");
        assertThat(s9.actions("S9")).isEqualTo(all.actions("S9"));
        assertThat(s9.totalFrames()).isEqualTo(all.actions("S9").stream().mapToLong(a -> all.frames("S9", a)).sum());
        assertThatThrownBy(() -> s9.actions("S1")).isInstanceOf(PosettaException.class).hasMessageContaining("S1");
        assertThatThrownBy(() -> Human36m.load(folder, List.of("S12"))).isInstanceOf(PosettaException.class)
                .hasMessageContaining(Human36m.FILE_3D).hasMessageContaining("S12");
    }
}
