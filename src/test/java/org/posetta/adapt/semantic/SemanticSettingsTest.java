package org.posetta.adapt.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SemanticSettingsTest {
    @Test
    void cycleRatesFollowCycleAdaptsWarmupAndCosine() {
        SemanticAdaptation.Settings s = SemanticAdaptation.Settings.cycleAdapt(0);
        assertThat(s.rate(0)).isCloseTo(5e-5 / 3, within(1e-12));
        assertThat(s.rate(1)).isCloseTo(2 * 5e-5 / 3, within(1e-12));
        assertThat(s.rate(2)).isCloseTo(5e-5, within(1e-12));
        assertThat(s.rate(3)).isCloseTo(5e-5, within(1e-12));
        assertThat(s.rate(12)).isCloseTo(1e-6, within(1e-12));
        assertThat(s.rate(7)).isBetween(1e-6, 5e-5);
    }

    @Test
    void rowsSwitchThePartsOfTheFullMethod() {
        SemanticAdaptation.Settings full = SemanticAdaptation.Settings.full(1, 0.7, 0.6, 0);
        assertThat(full.usesText()).isTrue();
        assertThat(full.with(false, false, false).usesText()).isFalse();
        assertThat(full.with(true, true, false).fillIn()).isFalse();
        assertThat(full.withTau(0.8).tau()).isEqualTo(0.8);
    }
}
