package org.posetta.adapt.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentsTest {
    private static Labels labels() {
        String[] perFrame = new String[30];
        for (int f = 0; f < 30; f++) {
            perFrame[f] = f < 12 ? "a person walks" : f < 14 ? null : "a person sits down";
        }
        return Labels.of(perFrame);
    }

    @Test
    void keepsOnlyWindowsWithOneLabel() {
        Segments s = Segments.of(labels(), 10);
        // Walking: starts 0..2; sitting: starts 14..20.
        assertThat(s.size()).isEqualTo(3 + 7);
        assertThat(s.text(0)).isEqualTo("a person walks");
        assertThat(s.start(3)).isEqualTo(14);
    }

    @Test
    void drawsTheSegmentsThatDisagreeMostMostOften() {
        Segments s = Segments.of(labels(), 10);
        double[] cos = new double[s.size()];
        Arrays.fill(cos, 0.99);
        cos[5] = -0.5;
        s.setCosines(cos);
        int hits = 0;
        for (int i : s.draw(new Random(0), 2000)) {
            hits += i == 5 ? 1 : 0;
        }
        assertThat(hits).isGreaterThan(1500);
    }

    @Test
    void agreementIsTheMeanOverCoveringSegmentsAndUnknownElsewhere() {
        Segments s = Segments.of(labels(), 10);
        double[] cos = new double[s.size()];
        for (int i = 0; i < cos.length; i++) {
            cos[i] = i < 3 ? 0.2 : 0.8;
        }
        s.setCosines(cos);
        double[] a = s.agreement(30);
        assertThat(a[0]).isEqualTo(0.2);
        assertThat(a[12]).isNaN();
        assertThat(a[29]).isEqualTo(0.8);
    }
}
