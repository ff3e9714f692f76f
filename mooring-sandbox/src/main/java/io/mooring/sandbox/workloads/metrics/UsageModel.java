package io.mooring.sandbox.workloads.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Made-up but plausible CPU and memory usage: a function of the seed, the container's identity,
 * its requests and limits, and the time, so the same seed gives the same figures for the same
 * containers at the same moments. Each container has its own level, swing and period: CPU moves
 * around a level between 15% and 70% of its request with a slow wave and a little noise per
 * window; memory sits between 30% and 85% of its request and drifts slowly. Usage stays within
 * the request (the limit, or a small default, for containers that request nothing).
 *
 * @param seed the seed; change it for another, equally repeatable, set of figures
 */
public record UsageModel(long seed) {
    /** The length of one measurement window, as metrics-server reports it. */
    public static final Duration WINDOW = Duration.ofSeconds(15);
    private static final long DEFAULT_CPU_MILLIS = 50;
    private static final long DEFAULT_MEMORY_BYTES = 64L << 20;

    /** The start of the window that holds {@code at}: figures are constant within one. */
    public static Instant windowOf(Instant at) {
        long seconds = WINDOW.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    /** CPU in nanocores. */
    public long cpuNanos(String identity, long requestMillis, long limitMillis, Instant at) {
        long reference = requestMillis > 0 ? requestMillis : limitMillis > 0 ? limitMillis / 2 : DEFAULT_CPU_MILLIS;
        double level = 0.15 + 0.55 * unit(identity, "cpu-level");
        double swing = 0.05 + 0.20 * unit(identity, "cpu-swing");
        double fraction = level + swing * wave(identity, "cpu", at, 600, 7200) + 0.1 * (unit(identity, window(at)) - 0.5);
        long nanos = Math.round(reference * 1_000_000 * clamp(fraction));
        return limitMillis > 0 ? Math.min(nanos, limitMillis * 1_000_000) : nanos;
    }

    /** Memory (working set) in bytes. */
    public long memoryBytes(String identity, long requestBytes, long limitBytes, Instant at) {
        long reference = requestBytes > 0 ? requestBytes : limitBytes > 0 ? limitBytes * 6 / 10 : DEFAULT_MEMORY_BYTES;
        double level = 0.30 + 0.55 * unit(identity, "memory-level");
        double fraction = level + 0.05 * wave(identity, "memory", at, 3600, 21600) + 0.02 * (unit(identity, "m" + window(at)) - 0.5);
        long bytes = Math.round(reference * clamp(fraction));
        return limitBytes > 0 ? Math.min(bytes, limitBytes) : bytes;
    }

    /** A sine wave of the container's own period (between the bounds, in seconds) and phase, -1 to 1. */
    private double wave(String identity, String what, Instant at, int minPeriod, int maxPeriod) {
        double period = minPeriod + (maxPeriod - minPeriod) * unit(identity, what + "-period");
        double phase = 2 * Math.PI * unit(identity, what + "-phase");
        double seconds = windowOf(at).getEpochSecond();
        return Math.sin(2 * Math.PI * (seconds % period) / period + phase);
    }

    private static String window(Instant at) {
        return "w" + windowOf(at).getEpochSecond();
    }

    private static double clamp(double fraction) {
        return Math.max(0.01, Math.min(1.0, fraction));
    }

    /** A number in [0, 1) determined by the seed, the identity and what it is for. */
    double unit(String identity, String what) {
        long h = seed ^ 0xcbf29ce484222325L;
        for (byte b : (identity + "\u0000" + what).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}
