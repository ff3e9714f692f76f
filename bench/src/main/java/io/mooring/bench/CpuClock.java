package io.mooring.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time, in nanoseconds, of this JVM and of the child processes it has waited for. Linux only
 * (the benchmarks' peer and Helm's native library are Linux programs anyway).
 */
final class CpuClock {
    /** Linux reports children's times in clock ticks of 1/100 s on every architecture it runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path STAT = Path.of("/proc/self/stat");

    private CpuClock() {
    }

    /**
     * User and system time of the calling thread, to the nanosecond. Kustomize builds run wholly
     * on it; the compiler's and the collector's threads are not counted.
     */
    static long thread() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * User and system time of this JVM, all its threads (compiler, collector, and Helm's Go
     * threads included). Linux's JVM reads it in ticks, so it is good to 10 ms: take it over many runs.
     */
    static long self() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report its CPU time (com.sun.management.OperatingSystemMXBean)");
    }

    /**
     * User and system time of the finished children this JVM has waited for, summed: the kernel's
     * {@code cutime} and {@code cstime}. Read in ticks, so a difference of two readings is good to 10 ms.
     */
    static long children() {
        String stat;
        try {
            stat = Files.readString(STAT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STAT + " for the CPU time of child processes (Linux only)", e);
        }
        // The command name in parentheses may hold spaces; the fields after it start with the state (field 3).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long cutime = Long.parseLong(fields[16 - 3]);
        long cstime = Long.parseLong(fields[17 - 3]);
        return (cutime + cstime) * NANOS_PER_TICK;
    }
}
