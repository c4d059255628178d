package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AttentionTest {
    @Test
    void keepsTheShapeInBothDirections() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 9, 17, 16));
            for (Attention.Axis axis : Attention.Axis.values()) {
                Attention a = new Attention(m, new SplittableRandom(1), axis, 16, 4);
                assertThat(a.forward(x).getShape()).isEqualTo(new Shape(2, 9, 17, 16));
            }
        }
    }

    @Test
    void spatialAttentionMixesOnlyWithinAFrameAndTemporalOnlyWithinAJoint() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 5, 4, 8));
            NDArray changed = x.duplicate();
            changed.set(new NDIndex("0, 2, 1"), 3f); // frame 2, joint 1
            Attention spatial = new Attention(m, new SplittableRandom(2), Attention.Axis.SPATIAL, 8, 2);
            NDArray ds = spatial.forward(changed).sub(spatial.forward(x)).abs().sum(new int[] {3});
            Attention temporal = new Attention(m, new SplittableRandom(2), Attention.Axis.TEMPORAL, 8, 2);
            NDArray dt = temporal.forward(changed).sub(temporal.forward(x)).abs().sum(new int[] {3});
            for (int t = 0; t < 5; t++) {
                for (int j = 0; j < 4; j++) {
                    float s = ds.getFloat(0, t, j);
                    float u = dt.getFloat(0, t, j);
                    assertThat(s > 0).as("spatial t=%d j=%d", t, j).isEqualTo(t == 2);
                    assertThat(u > 0).as("temporal t=%d j=%d", t, j).isEqualTo(j == 1);
                }
            }
        }
    }

    @Test
    void rejectsAWrongWidth() {
        try (NDManager m = NDManager.newBaseManager()) {
            Attention a = new Attention(m, new SplittableRandom(1), Attention.Axis.SPATIAL, 16, 4);
            assertThatThrownBy(() -> a.forward(m.zeros(new Shape(1, 2, 3, 8)))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Attention(m, new SplittableRandom(1), Attention.Axis.SPATIAL, 10, 4))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
