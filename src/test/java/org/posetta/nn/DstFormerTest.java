package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DstFormerTest {
    private static final DstFormerConfig SMALL = new DstFormerConfig(4, 3, 17, 27, 16, 2, 2, 2, 32);

    @Test
    void mapsAnyClipLengthUpToTheMaximumAndCountsItsParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            DstFormer net = new DstFormer(m, SMALL, 7);
            for (int t : new int[] {1, 10, 27}) {
                assertThat(net.forward(m.randomNormal(new Shape(2, t, 17, 4))).getShape()).isEqualTo(new Shape(2, t, 17, 3));
            }
            long n = net.parameters().values().stream().mapToLong(a -> a.getShape().size()).sum();
            assertThat(n).isEqualTo(SMALL.parameterCount());
            assertThatThrownBy(() -> net.forward(m.zeros(new Shape(1, 28, 17, 4)))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void sameSeedSameWeightsAndLoadCopiesThem() {
        try (NDManager m = NDManager.newBaseManager()) {
            DstFormer a = new DstFormer(m, SMALL, 3);
            DstFormer b = new DstFormer(m, SMALL, 4);
            NDArray x = m.randomNormal(new Shape(1, 5, 17, 4));
            assertThat(a.forward(x).sub(b.forward(x)).abs().max().getFloat()).isGreaterThan(0f);
            b.load(a.parameters());
            assertThat(a.forward(x).sub(b.forward(x)).abs().max().getFloat()).isEqualTo(0f);
            assertThat(new DstFormer(m, SMALL, 3).forward(x).sub(a.forward(x)).abs().max().getFloat()).isEqualTo(0f);
        }
    }
}
