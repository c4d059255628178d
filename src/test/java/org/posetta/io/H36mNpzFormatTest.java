package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.data.DataLocation;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

class H36mNpzFormatTest {
    @TempDir
    Path dir;

    @Test
    void readsPositions3dAndReduces32JointsTo17() throws Exception {
        Path file = copy("h36m_3d.npz", "data_3d.npz");
        assertThat(Formats.recognise(file).id()).isEqualTo("h36m-npz");
        PoseFile p = Formats.read(file, ReadOptions.DEFAULTS);
        assertThat(p.motions().keySet()).containsExactly("S1/Walking 1", "S9/Eating");
        Motion3d walk = p.motions().get("S1/Walking 1");
        assertThat(walk.layout()).isEqualTo(Layout.H36M17);
        assertThat(walk.coordinateFrame()).isEqualTo(CoordinateFrame.WORLD);
        assertThat(walk.fps()).isEqualTo(50);
        assertThat(walk.frames()).isEqualTo(3);
        // fixture value: 100 frame + 10 joint + axis + 0.5; H36M joint 4 is mocap joint 6, joint 16 is mocap joint 27
        assertThat(walk.get(1, 4, 0)).isEqualTo(160.5f);
        assertThat(walk.get(2, 16, 2)).isEqualTo(472.5f);
        assertThat(walk.get(0, 10, 1)).isEqualTo(151.5f);
        Motion3d eat = p.motions().get("S9/Eating");
        assertThat(eat.get(1, 16, 2)).isEqualTo(262.5f);
    }

    @Test
    void readsPositions2dWithCameraIdsAndTheNamedLayout() throws Exception {
        Path file = copy("h36m_2d.npz", "data_2d.npz");
        PoseFile p = Formats.read(file, ReadOptions.DEFAULTS.withImageSize(1000, 1002));
        assertThat(p.keypoints().keySet()).containsExactly("S1/Walking 1/cam_a", "S1/Walking 1/cam_b");
        Keypoints2d b = p.keypoints().get("S1/Walking 1/cam_b");
        assertThat(b.layout()).isEqualTo(Layout.COCO17);
        assertThat(b.width()).isEqualTo(1000);
        assertThat(b.get(2, 3, 1)).isEqualTo(1000 + 231.5f);
        H36mNpzFormat.Positions2d raw = H36mNpzFormat.readPositions2d(file, s -> true);
        assertThat(raw.layoutName()).isEqualTo("coco");
        assertThat(raw.cameras()).containsExactly("cam_a", "cam_b");
        assertThat(H36mNpzFormat.readPositions2d(file, s -> false).arrays()).isEmpty();
        Keypoints2d a = Formats.read(file, ReadOptions.DEFAULTS).keypoints().get("S1/Walking 1/cam_a");
        assertThat(a.width()).as("bounding box of the pixels").isEqualTo(361); // max u = 100·2 + 10·16 + 0.5
        assertThat(a.height()).isEqualTo(362);
    }

    @Test
    void namesTheFileWhenTheDictIsMissing() throws Exception {
        Path file = dir.resolve("positions.npz");
        Npz.write(file, Map.of("positions_3d", NdArray.of(new float[51], 1, 17, 3)), false);
        assertThat(Formats.recognise(file).id()).isEqualTo("h36m-npz");
        assertThatThrownBy(() -> Formats.read(file, ReadOptions.DEFAULTS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("positions_3d");
    }

    @Test
    void readsTheRealDetectionsFileThroughTheRegistry() {
        Path file = DataLocation.root().resolve("h36m/data_2d_h36m_sh.npz");
        Assumptions.assumeTrue(Files.isRegularFile(file), "Human3.6M detections not found at " + file + "; skipping");
        PoseFile p = Formats.read(file, ReadOptions.DEFAULTS.withImageSize(1000, 1002));
        assertThat(p.format()).isEqualTo("h36m-npz");
        assertThat(p.keypoints()).hasSize(204 * 4);
        Keypoints2d k = p.keypoints().get("S9/Walking/54138969");
        assertThat(k.layout()).isEqualTo(Layout.MPII16);
        assertThat(k.fps()).isEqualTo(50);
        assertThat(k.frames()).isEqualTo(p.keypoints().get("S9/Walking/60457274").frames());
        assertThat(k.invalidCount()).isZero();
    }

    private Path copy(String resource, String name) throws Exception {
        return Files.copy(NumpyPickleTest.resource(resource), dir.resolve(name));
    }
}
