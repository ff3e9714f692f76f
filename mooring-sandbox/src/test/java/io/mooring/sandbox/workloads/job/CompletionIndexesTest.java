package io.mooring.sandbox.workloads.job;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionIndexesTest {
    @Test
    void rangesRoundTrip() {
        BitSet indexes = CompletionIndexes.parse("0-2,4,7-9");
        assertThat(indexes.cardinality()).isEqualTo(7);
        assertThat(CompletionIndexes.format(indexes)).isEqualTo("0-2,4,7-9");
        assertThat(CompletionIndexes.format(new BitSet())).isEmpty();
    }
}
