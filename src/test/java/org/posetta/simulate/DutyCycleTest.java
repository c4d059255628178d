package org.posetta.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DutyCycleTest {
    @Test
    void episodesFollowTheCycleFromTheGivenPhase() {
        DutyCycle c = new DutyCycle(0.5, 1.0);
        assertThat(c.episodes(25, 10, 0)).containsExactly(new int[] {0, 5}, new int[] {10, 15}, new int[] {20, 25});
        // phase 0.25 s = 2.5 frames: on while (t + 2.5) mod 10 < 5, i.e. t = 0..2, 8..12, 18..22
        assertThat(c.episodes(25, 10, 0.25)).containsExactly(new int[] {0, 3}, new int[] {8, 13}, new int[] {18, 23});
    }

    @Test
    void occludedH36mCycleHides80Of160FramesAt50FpsWhateverThePhase() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            List<int[]> eps = DutyCycle.OCCLUDED_H36M.episodes(1600, 50, DutyCycle.OCCLUDED_H36M.randomPhase(r));
            int on = eps.stream().mapToInt(e -> e[1] - e[0]).sum();
            assertThat(on).isEqualTo(800);
            for (int i = 0; i < eps.size(); i++) {
                int[] e = eps.get(i);
                if (e[0] > 0 && e[1] < 1600) {
                    assertThat(e[1] - e[0]).isEqualTo(80);
                }
                if (i > 0) {
                    assertThat(e[0] - eps.get(i - 1)[1]).isEqualTo(80);
                }
            }
        }
    }

    @Test
    void alwaysIsOneEpisode() {
        assertThat(DutyCycle.always().episodes(7, 30, 0.4)).containsExactly(new int[] {0, 7});
        assertThat(DutyCycle.always().isAlways()).isTrue();
    }

    @Test
    void rejectsDurationsOutsideThePeriod() {
        assertThatThrownBy(() -> new DutyCycle(4, 3.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DutyCycle(0, 3.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DutyCycle(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
