package org.posetta.adapt.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HypothesesTest {
    static final int J = 17;

    @Test
    void selectionWithAnEstimatedRootPicksTheHypothesisThatExplainsThe2d() {
        float[] truth = GpaTest.standing(0.05);
        // seen 5 m away, off-centre: the selection must find this root itself
        float[] pixels = new float[J * 2];
        GpaTest.PINHOLE.project(GpaTest.shifted(truth, 0.7, -0.2, 5), pixels);
        float[] confidence = new float[J];
        Arrays.fill(confidence, 1f);

        float[] wrongArm = truth.clone();
        wrongArm[13 * 3 + 1] += 0.3f; // left wrist raised
        float[] wrongLeg = truth.clone();
        wrongLeg[3 * 3] += 0.25f; // right ankle out
        float[] depthOnly = truth.clone();
        depthOnly[16 * 3 + 2] -= 0.3f; // right wrist moved along the ray: nearly invisible in 2D
        Hypotheses h = new Hypotheses(new float[][] {wrongArm, wrongLeg, truth}, J);

        float[] errors0 = h.reprojectionErrors(pixels, confidence, GpaTest.PINHOLE)[2];
        for (float e : errors0) {
            assertThat(e).isLessThan(0.05f);
        }
        assertThat(h.selectPerFrame(pixels, confidence, GpaTest.PINHOLE)).containsExactly(truth, within(1e-6f));

        // per joint: without the true pose, each joint comes from a hypothesis that has it right
        Hypotheses pair = new Hypotheses(new float[][] {wrongArm, wrongLeg}, J);
        float[] joint = pair.selectPerJoint(pixels, confidence, GpaTest.PINHOLE);
        assertThat(Arrays.copyOfRange(joint, 13 * 3, 14 * 3)).containsExactly(Arrays.copyOfRange(truth, 13 * 3, 14 * 3), within(1e-6f));
        assertThat(Arrays.copyOfRange(joint, 3 * 3, 4 * 3)).containsExactly(Arrays.copyOfRange(truth, 3 * 3, 4 * 3), within(1e-6f));
    }

    @Test
    void meanSpreadAndOracle() {
        float[] a = new float[J * 3];
        float[] b = new float[J * 3];
        Arrays.fill(b, 0.1f);
        Hypotheses h = new Hypotheses(new float[][] {a, b}, J);
        assertThat(h.mean()[5]).isCloseTo(0.05f, within(1e-7f));
        // each hypothesis is √3·0.05 from the mean
        assertThat(h.spread()[4]).isCloseTo((float) (Math.sqrt(3) * 0.05), within(1e-6f));
        float[] truth = new float[J * 3];
        Arrays.fill(truth, 0.09f);
        assertThat(h.bestPerJoint(truth)).containsExactly(b, within(0f));
    }
}
