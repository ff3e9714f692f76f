package io.mooring.sandbox.cluster.network;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RangeAllocatorTest {
    @Test
    void automaticChoicesComeFromTheUpperBandUntilItIsFull() {
        RangeAllocator allocator = new RangeAllocator(10, 29, 5, new Random(7));
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 15; i++) {
            int n = allocator.allocateNext().orElseThrow();
            assertThat(n).as("the upper band [15, 29] is used first").isBetween(15, 29);
            assertThat(taken.add(n)).as("never handed out twice").isTrue();
        }
        assertThat(allocator.allocateNext().orElseThrow()).as("then the lower band").isBetween(10, 14);
        for (int i = 0; i < 4; i++) {
            allocator.allocateNext();
        }
        assertThat(allocator.allocateNext()).as("a full range has nothing left").isEmpty();
        allocator.release(12);
        assertThat(allocator.allocateNext()).hasValue(12);
    }

    @Test
    void explicitRequestsSucceedOnlyForFreeNumbersInRange() {
        RangeAllocator allocator = new RangeAllocator(30000, 32767, 86, new Random(1));
        assertThat(allocator.allocate(30080)).isTrue();
        assertThat(allocator.allocate(30080)).as("taken").isFalse();
        assertThat(allocator.allocate(80)).as("out of range").isFalse();
        assertThat(allocator.isAllocated(30080)).isTrue();
        allocator.clear();
        assertThat(allocator.used()).isZero();
    }

    @Test
    void cidrNumbersAddresses() {
        Cidr range = Cidr.parse("10.96.0.0/12");
        assertThat(range.size()).isEqualTo(1 << 20);
        assertThat(range.address(1)).isEqualTo("10.96.0.1");
        assertThat(range.offset("10.111.255.254")).isEqualTo((1 << 20) - 2);
        assertThat(range.offset("10.112.0.0")).as("outside").isEqualTo(-1);
        assertThat(range.offset("not-an-ip")).isEqualTo(-1);
        assertThat(range).hasToString("10.96.0.0/12");
    }
}
