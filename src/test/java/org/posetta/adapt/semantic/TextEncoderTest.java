package org.posetta.adapt.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TextEncoderTest {
    private final TextEncoder encoder = TextEncoder.shared();

    @Test
    void walkingIsCloserToWalkingThanToSittingDown() {
        float[] walks = encoder.embed("a person walks");
        double walking = TextEncoder.cosine(walks, encoder.embed("a person is walking"));
        double sits = TextEncoder.cosine(walks, encoder.embed("a person sits down"));
        assertThat(walking).isGreaterThan(0.8);
        assertThat(walking).isGreaterThan(sits + 0.3);
    }

    @Test
    void vectorsAreUnitLength() {
        for (String s : new String[] {"a person walks", "a person sits down", "x"}) {
            float[] t = encoder.embed(s);
            assertThat(t).hasSize(TextEncoder.DIMENSION);
            double norm = 0;
            for (float x : t) {
                norm += (double) x * x;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void sameSentenceGivesIdenticalVectorsThatCallersCannotAlter() {
        float[] first = encoder.embed("a person bows");
        float[] copy = first.clone();
        first[0] = 42f;
        assertThat(encoder.embed("a person bows")).containsExactly(copy);
        assertThat(TextEncoder.shared()).isSameAs(encoder);
    }

    @Test
    void cosineOfAVectorWithItselfIsOne() {
        float[] t = encoder.embed("a person runs");
        assertThat(TextEncoder.cosine(t, t)).isCloseTo(1.0, within(1e-6));
        assertThat(TextEncoder.cosine(t, new float[TextEncoder.DIMENSION])).isZero();
    }
}
