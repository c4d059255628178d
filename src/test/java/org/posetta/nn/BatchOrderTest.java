package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchOrderTest {
    @Test
    void everyEpochIsASeededPermutation() {
        BatchOrder a = new BatchOrder(10, 3, 42);
        assertThat(a.batchesPerEpoch()).isEqualTo(3);
        int[] epoch0 = IntStream.range(0, 3).flatMap(k -> Arrays.stream(a.batch(k))).toArray();
        assertThat(epoch0).doesNotHaveDuplicates().hasSize(9);
        assertThat(epoch0).isNotEqualTo(IntStream.range(0, 9).toArray());
        int[] epoch1 = IntStream.range(3, 6).flatMap(k -> Arrays.stream(a.batch(k))).toArray();
        assertThat(epoch1).isNotEqualTo(epoch0);

        BatchOrder b = new BatchOrder(10, 3, 42);
        assertThat(b.batch(4)).containsExactly(a.batch(4));
        assertThat(b.batch(1)).containsExactly(a.batch(1));
        assertThat(new BatchOrder(10, 3, 43).batch(0)).isNotEqualTo(a.batch(0));
    }
}
