package org.posetta.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ActionTableTest {
    private static PoseErrors errors(double mpjpe, double accel, int frames) {
        return new PoseErrors(mpjpe, mpjpe / 2, mpjpe, accel, 1, 90, 60, frames, frames - 1, frames - 2);
    }

    @Test
    void meansOverClassesAndOverFrames() {
        ActionTable table = new ActionTable();
        table.add(ActionTable.actionClass("Walking 1"), errors(40, 2, 100));
        table.add(ActionTable.actionClass("Walking"), errors(60, 4, 300));
        table.add(ActionTable.actionClass("SittingDown 2"), errors(100, 8, 100));

        PoseErrors walking = table.perAction().get("Walking");
        assertThat(table.perAction()).containsOnlyKeys("Walking", "SittingDown");
        assertThat(walking.frames()).isEqualTo(400);
        assertThat(walking.mpjpeMm()).isCloseTo((40 * 100 + 60 * 300) / 400.0, within(1e-12));
        assertThat(walking.accelMm()).isCloseTo((2 * 98 + 4 * 298) / 396.0, within(1e-12));
        assertThat(walking.accelTerms()).isEqualTo(396);

        PoseErrors mean = table.actionMean();
        assertThat(mean.mpjpeMm()).isCloseTo((55 + 100) / 2.0, within(1e-12));
        assertThat(mean.paMpjpeMm()).isCloseTo((27.5 + 50) / 2.0, within(1e-12));
        assertThat(mean.pck150()).isCloseTo(90, within(1e-12));
        assertThat(mean.frames()).isEqualTo(500);

        PoseErrors all = table.frameWeighted();
        assertThat(all.mpjpeMm()).isCloseTo((40 * 100 + 60 * 300 + 100 * 100) / 500.0, within(1e-12));
        assertThat(all.frames()).isEqualTo(500);
        assertThat(all.velocityTerms()).isEqualTo(497);
    }

    @Test
    void classesWithoutATermAreLeftOutOfThatMetricOnly() {
        ActionTable table = new ActionTable();
        table.add("Posing", errors(50, 3, 10));
        table.add("Waiting", new PoseErrors(70, 35, 70, Double.NaN, Double.NaN, 80, 50, 1, 0, 0));
        PoseErrors mean = table.actionMean();
        assertThat(mean.accelMm()).isCloseTo(3, within(1e-12));
        assertThat(mean.mpjpeMm()).isCloseTo(60, within(1e-12));
        assertThat(new ActionTable().actionMean().mpjpeMm()).isNaN();
        assertThat(new ActionTable().frameWeighted().frames()).isZero();
    }
}
