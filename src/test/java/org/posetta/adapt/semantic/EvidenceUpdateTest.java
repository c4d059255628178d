package org.posetta.adapt.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EvidenceUpdateTest {
    // Two frames of two joints; joint 1 of both frames has no target.
    private final float[] targets = {10, 20, 0, 0, 30, 40, 0, 0};
    private final boolean[] present = {true, false, true, false};
    private final float[] projected = {12, 24, 5, 6, 30, 44, 7, 8};

    @Test
    void emaMovesEveryTargetTowardsTheProjectionAndFillsNothingWithoutTau() {
        boolean[] filled = new boolean[4];
        int n = EvidenceUpdate.apply(targets, present, projected, new double[] {0.9, 0.9}, 0.75, Double.NaN, filled);
        assertThat(n).isZero();
        assertThat(targets[0]).isCloseTo(0.75f * 10 + 0.25f * 12, within(1e-6f));
        assertThat(targets[5]).isCloseTo(0.75f * 40 + 0.25f * 44, within(1e-6f));
        assertThat(targets[2]).isZero();
        assertThat(present).containsExactly(true, false, true, false);
    }

    @Test
    void fillInTakesTheProjectionWhereTheMotionAgreesWithItsLabelOnly() {
        boolean[] filled = new boolean[4];
        int n = EvidenceUpdate.apply(targets, present, projected, new double[] {0.8, 0.6}, Double.NaN, 0.75, filled);
        assertThat(n).isEqualTo(1);
        assertThat(present).containsExactly(true, true, true, false);
        assertThat(filled).containsExactly(false, true, false, false);
        assertThat(targets[2]).isEqualTo(5);
        assertThat(targets[3]).isEqualTo(6);
        // Without the EMA, existing targets stay as they were.
        assertThat(targets[0]).isEqualTo(10);
    }

    @Test
    void emaRunsBeforeTheFillInSoAFilledJointIsNotAveraged() {
        boolean[] filled = new boolean[4];
        EvidenceUpdate.apply(targets, present, projected, new double[] {0.9, Double.NaN}, 0.5, 0.75, filled);
        assertThat(targets[2]).isEqualTo(5);
        assertThat(targets[0]).isEqualTo(11);
        // Frames covered by no labelled segment (NaN) are never filled.
        assertThat(present[3]).isFalse();
    }
}
