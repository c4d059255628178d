package org.posetta.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.posetta.io.PoseFile;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

class CorruptionTest {
    @SuppressWarnings("unchecked")
    private static Object seedOf(Motion3d m) {
        return ((List<Map<String, Object>>) m.provenance().get("steps")).get(0).get("seed");
    }

    @Test
    void everySequenceOfAFileGetsItsOwnSeed() {
        Motion3d m = Samples.motion(400, 50, CoordinateFrame.CAMERA);
        PoseFile file = new PoseFile("test", Map.of("a", m), Map.of());
        WholePersonOcclusion occ = new WholePersonOcclusion(DutyCycle.OCCLUDED_H36M);
        PoseFile two = new PoseFile("test", new LinkedHashMap<>(Map.of("a", m)), Map.of("k", Samples.keypoints(400, 50)));
        PoseFile out = occ.apply(two, 20, "two.npz");
        assertThat(seedOf(out.motions().get("a"))).isEqualTo(20L);
        assertThat(out.motions().get("a").validity()).isEqualTo(occ.apply(m, 20).data().validity());
        assertThat(out.keypoints().get("k").confidences()).isEqualTo(occ.apply(Samples.keypoints(400, 50), 21).data().confidences());
        assertThat(occ.apply(file, 20, "one.npz").motions().get("a").validity()).isEqualTo(out.motions().get("a").validity());
    }

    @Test
    void errorsNameTheFile() {
        PoseFile file = PoseFile.of("test", "walk", Samples.motion(10, 50, CoordinateFrame.CAMERA));
        assertThatThrownBy(() -> DetectorNoise.DEFAULT.apply(file, 0, "walk.npz"))
                .isInstanceOf(PosettaException.class).hasMessageStartingWith("walk.npz: ");
    }
}
