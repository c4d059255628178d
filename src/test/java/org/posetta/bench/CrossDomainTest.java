package org.posetta.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.posetta.adapt.lift.Adaptation;
import org.posetta.pose.PosettaException;

class CrossDomainTest {
    private static final CrossDomain.Options OPTIONS = new CrossDomain.Options(false, CrossDomain.ROWS, List.of("a"), Path.of("a"),
            null, 24, 8, 1e-3, 1e-4, 5, 20, 0, CrossDomain.EVAL_CAMERAS, 1, "test", 1);

    @Test
    void rowsAddOneComponentEach() {
        assertThat(CrossDomain.settings("source-only", OPTIONS)).isNull();
        Adaptation.Settings gpa = CrossDomain.settings("+gpa", OPTIONS);
        assertThat(gpa.gpa()).isTrue();
        assertThat(gpa.adaptsTensorsOnly()).isFalse();
        assertThat(gpa.learningRate()).isEqualTo(1e-4);
        Adaptation.Settings full = CrossDomain.settings("+teacher", OPTIONS);
        assertThat(full).isEqualTo(Adaptation.Settings.full(24, 8, 1e-3, 1));
    }

    @Test
    void fullWithoutGpaDiffersFromTheFullMethodOnlyInGpa() {
        Adaptation.Settings full = CrossDomain.settings("+teacher", OPTIONS);
        Adaptation.Settings without = CrossDomain.settings("full-without-gpa", OPTIONS);
        assertThat(without.gpa()).isFalse();
        assertThat(without).isEqualTo(new Adaptation.Settings(full.steps(), full.batch(), full.learningRate(), false, full.lora(),
                full.rank(), full.bias(), full.hypotheses(), full.perJointLabels(), full.teacherMomentum(), full.target2d(),
                full.target3d(), full.source2d(), full.source3d(), full.seed()));
    }

    @Test
    void subsetNamesTheEvaluatedFrames() {
        assertThat(CrossDomain.subset(OPTIONS)).startsWith("full: ").contains("(a) evaluated on every frame of every S9 S11 sequence");
        CrossDomain.Options reduced = new CrossDomain.Options(false, CrossDomain.ROWS, List.of("a"), Path.of("a"), null, 24, 8, 1e-3,
                1e-4, 5, 20, 27, CrossDomain.EVAL_CAMERAS, 1, "test", 1);
        assertThat(CrossDomain.subset(reduced)).startsWith("reduced: ")
                .contains("(a) evaluated on the first 27 frames of every S9 S11 sequence");
        CrossDomain.Options quick = new CrossDomain.Options(true, CrossDomain.ROWS, List.of("a"), Path.of("a"), null, 24, 8, 1e-3,
                1e-4, 5, 20, 0, CrossDomain.EVAL_CAMERAS, 1, "test", 1);
        assertThat(CrossDomain.subset(quick)).startsWith("quick: ").contains("the first 27 frames");
        CrossDomain.Options fourCameras = new CrossDomain.Options(false, CrossDomain.ROWS, List.of("a"), Path.of("a"), null, 24, 8,
                1e-3, 1e-4, 5, 20, 0, List.of("54138969", "55011271", "58860488", "60457274"), 1, "test", 1);
        assertThat(CrossDomain.subset(OPTIONS)).contains("10 fps, camera 60457274;");
        assertThat(CrossDomain.subset(fourCameras)).contains("10 fps, cameras 54138969 55011271 58860488 60457274;");
    }

    @Test
    void unknownRowIsRefusedByName() {
        assertThatThrownBy(() -> CrossDomain.settings("+magic", OPTIONS)).isInstanceOf(PosettaException.class)
                .hasMessageContaining("+magic");
    }
}
