package org.posetta.adapt.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.posetta.pose.Layout;

class PretrainCorruptionTest {
    private static final int FRAMES = 81;
    private static final int JOINTS = 17;

    private static float[] motion(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] xyz = new float[FRAMES * JOINTS * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) (Math.sin(0.2 * (i / (JOINTS * 3)) + i % (JOINTS * 3)) + 0.01 * r.nextDouble());
        }
        return xyz;
    }

    @Test
    void maskingAPartlyObservedClipHidesMoreButNeverRevealsAHiddenEntry() {
        float[] xyz = motion(1);
        boolean[] observed = new boolean[FRAMES * JOINTS];
        for (int i = 0; i < observed.length; i++) {
            int t = i / JOINTS;
            observed[i] = t < 20 || t >= 36; // a 16-frame whole-body gap, as the benchmark's occlusion
        }
        PretrainCorruption corruption = new PretrainCorruption(Layout.H36M17);
        SplittableRandom random = new SplittableRandom(7);
        int hiddenMore = 0;
        for (int draw = 0; draw < 20; draw++) {
            float[] input = corruption.mask(xyz, observed, FRAMES, random);
            assertThat(input).hasSize(FRAMES * JOINTS * PriorInput.CHANNELS);
            for (int i = 0; i < observed.length; i++) {
                float flag = input[i * PriorInput.CHANNELS + 3];
                if (!observed[i]) {
                    assertThat(flag).isZero();
                } else if (flag == 0) {
                    hiddenMore++;
                }
            }
            for (float v : input) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        }
        assertThat(hiddenMore).isPositive();
    }

    @Test
    void anEntryStillObservedKeepsItsPositionRelativeToAnObservedPelvis() {
        float[] xyz = motion(2);
        boolean[] observed = new boolean[FRAMES * JOINTS];
        Arrays.fill(observed, true);
        float[] input = new PretrainCorruption(Layout.H36M17).mask(xyz, observed, FRAMES, new SplittableRandom(3));
        int checked = 0;
        for (int t = 0; t < FRAMES; t++) {
            if (input[(t * JOINTS + PriorInput.ROOT) * PriorInput.CHANNELS + 3] == 0) {
                continue;
            }
            for (int j = 0; j < JOINTS; j++) {
                int k = (t * JOINTS + j) * PriorInput.CHANNELS;
                if (input[k + 3] == 1) {
                    for (int c = 0; c < 3; c++) {
                        float expected = xyz[(t * JOINTS + j) * 3 + c] - xyz[(t * JOINTS + PriorInput.ROOT) * 3 + c];
                        assertThat(input[k + c]).isCloseTo(expected, within(1e-6f));
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(FRAMES * JOINTS / 4);
    }
}
