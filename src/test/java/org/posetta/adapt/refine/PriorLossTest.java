package org.posetta.adapt.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.posetta.pose.PosettaException;

class PriorLossTest {
    @Test
    void scaleNormalisedErrorRemovesTheBestScaleOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            // ŷ is y at half the size: s = ⟨ŷ,y⟩/⟨ŷ,ŷ⟩ = 4/2 = 2, so N-MPJP = 0 while MPJP = 1.
            NDArray p = m.create(new float[] {1, 0, 0, 0, 1, 0}, new Shape(1, 1, 2, 3));
            NDArray y = m.create(new float[] {2, 0, 0, 0, 2, 0}, new Shape(1, 1, 2, 3));
            assertThat(PriorLoss.nMpjp(p, y, null).getFloat()).isCloseTo(0f, within(1e-5f));
            assertThat(PriorLoss.mpjp(p, y, null).getFloat()).isCloseTo(1f, within(1e-5f));
            // Orthogonal ŷ: s = 0, so every joint's error is ‖y‖: (1 + 0)/2; MPJP = (√2 + 0)/2.
            NDArray q = m.create(new float[] {1, 0, 0, 0, 0, 0}, new Shape(1, 1, 2, 3));
            NDArray z = m.create(new float[] {0, 1, 0, 0, 0, 0}, new Shape(1, 1, 2, 3));
            assertThat(PriorLoss.nMpjp(q, z, null).getFloat()).isCloseTo(0.5f, within(1e-5f));
            assertThat(PriorLoss.mpjp(q, z, null).getFloat()).isCloseTo((float) (Math.sqrt(2) / 2), within(1e-5f));
        }
    }

    @Test
    void limbVarianceIsTheUnbiasedVarianceOverTimeAveragedOverTheSixteenLimbs() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Joint 1 (right hip) at x = 1, 2, 3; all others at the origin: limbs (0,1) and (1,2)
            // have lengths 1, 2, 3 (variance 1), the other 14 length 0 → 2/16.
            float[] v = new float[3 * 17 * 3];
            for (int t = 0; t < 3; t++) {
                v[(t * 17 + 1) * 3] = t + 1;
            }
            NDArray p = m.create(v, new Shape(1, 3, 17, 3));
            assertThat(PriorLoss.limbVariance(p).getFloat()).isCloseTo(0.125f, within(1e-5f));
            assertThat(PriorLoss.limbVariance(p.get("0:1, 0:1")).getFloat()).isEqualTo(0f);
        }
    }

    @Test
    void velocityAndFrameWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            // One joint moving 1 per frame along x against a still target: every pair errs by 1.
            NDArray p = m.create(new float[] {0, 0, 0, 1, 0, 0, 2, 0, 0}, new Shape(1, 3, 1, 3));
            NDArray y = m.zeros(new Shape(1, 3, 1, 3));
            assertThat(PriorLoss.velocity(p, y, null).getFloat()).isCloseTo(1f, within(1e-5f));
            // Frame weights 1, 1, 0: MPJP over frames 0 and 1 only = (0 + 1)/2.
            NDArray w = m.create(new float[] {1, 1, 0}, new Shape(1, 3));
            assertThat(PriorLoss.mpjp(p, y, w).getFloat()).isCloseTo(0.5f, within(1e-5f));
            PriorLoss.Weights weights = new PriorLoss.Weights(1, 0, 20, 0);
            assertThat(PriorLoss.total(p, y, null, weights).getFloat()).isCloseTo(1 + 20f, within(1e-4f));
        }
    }

    @Test
    void weightsAreReadAsFourNumbersAndWrittenBackTheSameWay() {
        assertThat(PriorLoss.Weights.parse(" 1, 0.5,4 ,200")).isEqualTo(new PriorLoss.Weights(1, 0.5, 4, 200));
        assertThat(PriorLoss.Weights.STRIDE.describe()).isEqualTo("1,0.5,20,200");
        assertThat(PriorLoss.Weights.parse(PriorLoss.Weights.TEST_TIME.describe())).isEqualTo(PriorLoss.Weights.TEST_TIME);
        assertThat(PriorLoss.Weights.TEST_TIME.describe()).isEqualTo("1,0.5,0,200");
        for (String bad : new String[] {"1,2", "1,0.5,20,200,5", "1,0.5,-4,200", "NaN,0,0,1", "1,Infinity,0,0", "0,0,0,0", "a,b,c,d", ""}) {
            assertThatThrownBy(() -> PriorLoss.Weights.parse(bad)).as(bad).isInstanceOf(PosettaException.class)
                    .hasMessageContaining("'" + bad + "'").hasMessageContaining("1,0.5,20,200");
        }
    }
}
