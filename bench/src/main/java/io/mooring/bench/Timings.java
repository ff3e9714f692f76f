package io.mooring.bench;

/**
 * Repeated runs of one thing, each timed twice: wall-clock time, and CPU time (user and system, on
 * every core). On a shared, busy machine the wall time of both tools grows with other work, while
 * their CPU time mostly does not: the two together show what the machine's load did to a run.
 */
record Timings(Samples wall, Samples cpu) {
    Timings() {
        this(new Samples(), new Samples());
    }

    void add(long wallNanos, long cpuNanos) {
        wall.add(wallNanos);
        cpu.add(cpuNanos);
    }

    void add(ProcessRun run) {
        add(run.nanos(), run.cpuNanos());
    }

    boolean isEmpty() {
        return wall.isEmpty();
    }

    int count() {
        return wall.count();
    }
}
