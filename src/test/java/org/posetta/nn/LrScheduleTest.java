package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
    @Test
    void warmsUpLinearlyThenFollowsHalfCosineToTheFloor() {
        LrSchedule s = LrSchedule.warmupCosine(1e-3, 10, 110, 1e-5);
        assertThat(s.at(0)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.at(9)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.at(10)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.at(60)).isCloseTo(1e-5 + (1e-3 - 1e-5) / 2, within(1e-12));
        assertThat(s.at(110)).isEqualTo(1e-5);
        assertThat(s.at(1000)).isEqualTo(1e-5);
    }

    @Test
    void decaysExponentially() {
        LrSchedule s = LrSchedule.exponential(1e-3, 0.96, 100);
        assertThat(s.at(0)).isEqualTo(1e-3);
        assertThat(s.at(100)).isCloseTo(0.96e-3, within(1e-12));
        assertThat(s.at(250)).isCloseTo(1e-3 * Math.pow(0.96, 2.5), within(1e-12));
    }
}
