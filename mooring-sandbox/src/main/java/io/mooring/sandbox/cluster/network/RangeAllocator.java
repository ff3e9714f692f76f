package io.mooring.sandbox.cluster.network;

import java.util.BitSet;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Numbers taken from a range (cluster IPs by offset, node ports), as Kubernetes' allocators
 * hand them out: a request for a given number succeeds only when it is free; an automatic
 * choice is random, preferring the upper band so that the lower band stays free for users who
 * pick their own (Kubernetes' static/dynamic split). Thread-safe.
 */
public final class RangeAllocator {
    private final int first;
    private final int last;
    private final int dynamicStart;
    private final BitSet taken = new BitSet();
    private final Random random;

    /**
     * @param first        the lowest number handed out
     * @param last         the highest number handed out
     * @param staticBand   how many numbers at the bottom are left for explicit requests first
     * @param random       the source of automatic choices
     */
    public RangeAllocator(int first, int last, int staticBand, Random random) {
        this.first = first;
        this.last = last;
        this.dynamicStart = Math.min(last, first + staticBand);
        this.random = random;
    }

    public boolean contains(int number) {
        return number >= first && number <= last;
    }

    /** Takes {@code number}; false when it is taken already. */
    public synchronized boolean allocate(int number) {
        if (!contains(number) || taken.get(number - first)) {
            return false;
        }
        taken.set(number - first);
        return true;
    }

    /** A free number, from the upper band while it has one; empty when the range is full. */
    public synchronized OptionalInt allocateNext() {
        OptionalInt found = scan(dynamicStart, last);
        if (found.isEmpty()) {
            found = scan(first, dynamicStart - 1);
        }
        found.ifPresent(n -> taken.set(n - first));
        return found;
    }

    private OptionalInt scan(int from, int to) {
        if (from > to) {
            return OptionalInt.empty();
        }
        int span = to - from + 1;
        int start = random.nextInt(span);
        for (int i = 0; i < span; i++) {
            int candidate = from + (start + i) % span;
            if (!taken.get(candidate - first)) {
                return OptionalInt.of(candidate);
            }
        }
        return OptionalInt.empty();
    }

    public synchronized void release(int number) {
        if (contains(number)) {
            taken.clear(number - first);
        }
    }

    public synchronized boolean isAllocated(int number) {
        return contains(number) && taken.get(number - first);
    }

    /** Forgets everything: for rebuilding from the stored objects. */
    public synchronized void clear() {
        taken.clear();
    }

    public synchronized int used() {
        return taken.cardinality();
    }
}
