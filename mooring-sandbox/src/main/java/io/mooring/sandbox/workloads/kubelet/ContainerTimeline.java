package io.mooring.sandbox.workloads.kubelet;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a pod's containers are at a moment, as a function of when they started and how they
 * behave: pure, so the kubelet computes the same status for the same moment however often it
 * looks, after a restart of the sandbox too.
 */
public final class ContainerTimeline {
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** A back-off shorter than this would make a container that exits at once restart without end in one instant. */
    static final Duration MIN_BACKOFF = Duration.ofMillis(100);

    private ContainerTimeline() {
    }

    /** One run of a container that ended. */
    public record Exit(int instance, int exitCode, Instant startedAt, Instant finishedAt) {
        public String reason() {
            return exitCode == 0 ? "Completed" : "Error";
        }
    }

    /** The containers' state; {@code next} is when it changes by itself, null when it never does. */
    public sealed interface State permits Creating, Running, BackOff, Done {
        Instant next();
    }

    /** Not started yet (image pull, sandbox creation). */
    public record Creating(Instant next) implements State {
    }

    /**
     * Running since {@code since}.
     *
     * @param restarts how many times it was restarted before this run
     * @param last     the run before this one, or null
     */
    public record Running(Instant since, int restarts, Exit last, boolean ready, Instant next) implements State {
    }

    /** Exited and waiting {@code backoff} before it is started again (CrashLoopBackOff). */
    public record BackOff(int restarts, Exit last, Duration backoff, Instant next) implements State {
    }

    /** Exited for good: the pod has finished (restartPolicy Never, or OnFailure after success). */
    public record Done(Exit exit) implements State {
        @Override
        public Instant next() {
            return null;
        }
    }

    /**
     * @param begin        when the containers start
     * @param runFor       how long each run lasts before the container exits; null runs forever
     * @param exitCode     the code it exits with
     * @param restarts     whether the kubelet starts it again (restartPolicy Always, or OnFailure after a failure)
     * @param ready        whether a running container reports ready
     * @param backoffBase  the kubelet's first restart back-off (10s in Kubernetes), doubling to 5 minutes
     */
    public static State at(Instant now, Instant begin, Duration runFor, int exitCode, boolean restarts, boolean ready,
                           Duration backoffBase) {
        if (now.isBefore(begin)) {
            return new Creating(begin);
        }
        if (runFor == null) {
            return new Running(begin, 0, null, ready, null);
        }
        if (!restarts) {
            Instant end = begin.plus(runFor);
            return now.isBefore(end) ? new Running(begin, 0, null, ready, end) : new Done(new Exit(0, exitCode, begin, end));
        }
        // Run i starts at start(i); start(i+1) = start(i) + runFor + backoff(i). The first restart is immediate.
        Duration base = backoffBase.compareTo(MIN_BACKOFF) < 0 ? MIN_BACKOFF : backoffBase;
        int instance = 0;
        Instant start = begin;
        Instant previousStart = null;
        while (true) {
            Duration backoff = backoff(instance, base);
            Instant nextStart = start.plus(runFor).plus(backoff);
            if (!nextStart.isAfter(now)) {
                if (backoff.equals(MAX_BACKOFF)) {
                    // Every cycle is the same from here on: skip the whole ones at once.
                    Duration cycle = runFor.plus(MAX_BACKOFF);
                    long skipped = Duration.between(start, now).dividedBy(cycle);
                    instance += (int) skipped;
                    previousStart = start.plus(cycle.multipliedBy(skipped - 1));
                    start = start.plus(cycle.multipliedBy(skipped));
                } else {
                    instance++;
                    previousStart = start;
                    start = nextStart;
                }
                continue;
            }
            Exit previous = previousStart == null ? null : new Exit(instance - 1, exitCode, previousStart, previousStart.plus(runFor));
            Instant end = start.plus(runFor);
            if (now.isBefore(end)) {
                return new Running(start, instance, previous, false, end);
            }
            return new BackOff(instance, new Exit(instance, exitCode, start, end), backoff, nextStart);
        }
    }

    /** The kubelet's restart back-off after run {@code instance}: none after the first, then base, 2×base, ... up to 5 minutes. */
    static Duration backoff(int instance, Duration base) {
        if (instance == 0) {
            return Duration.ZERO;
        }
        Duration backoff = base;
        for (int i = 1; i < instance && backoff.compareTo(MAX_BACKOFF) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }
}
