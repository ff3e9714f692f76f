package io.mooring.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Repeated timings of one thing, in nanoseconds. Reports use the median, so that one slow or one
 * lucky run does not move the figure; min and max show the spread.
 */
final class Samples {
    private final List<Long> nanos = new ArrayList<>();

    void add(long value) {
        nanos.add(value);
    }

    boolean isEmpty() {
        return nanos.isEmpty();
    }

    int count() {
        return nanos.size();
    }

    long median() {
        List<Long> sorted = sorted();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The value below which {@code percent}% of the samples lie (nearest rank). */
    long percentile(int percent) {
        List<Long> sorted = sorted();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    long min() {
        return sorted().getFirst();
    }

    long max() {
        return sorted().getLast();
    }

    /** {@code median (min–max)} in milliseconds. */
    String spread() {
        return ms(median()) + " (" + ms(min()) + "–" + ms(max()) + ")";
    }

    private List<Long> sorted() {
        if (nanos.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        return nanos.stream().sorted().toList();
    }

    /**
     * The median of {@code a - b} run by run: for two things timed in turn, steadier than the
     * difference of their medians, since each pair saw about the same load.
     */
    static long medianDifference(Samples a, Samples b) {
        if (a.count() != b.count()) {
            throw new IllegalArgumentException("differences need as many samples on each side, not " + a.count() + " and " + b.count());
        }
        Samples differences = new Samples();
        for (int i = 0; i < a.count(); i++) {
            differences.add(a.nanos.get(i) - b.nanos.get(i));
        }
        return differences.median();
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    /** How many times longer {@code peer} took than {@code mooring}: above 1 means Mooring was faster. */
    static String ratio(long peer, long mooring) {
        return ratio((double) peer / mooring);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
