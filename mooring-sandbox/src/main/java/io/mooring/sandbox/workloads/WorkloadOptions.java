package io.mooring.sandbox.workloads;

import java.time.Duration;

/**
 * How the simulated workloads behave.
 *
 * @param startDelay       how long a scheduled pod's containers take to start and become ready
 *                         (0 for benchmarks; a pod's {@code sandbox.mooring.io/start-delay} overrides it)
 * @param crashLoopBackoff the kubelet's first restart back-off for crashing containers (Kubernetes: 10s),
 *                         doubling up to 5 minutes
 * @param metricsSeed      the seed of the CPU and memory usage figures: the same seed gives the same
 *                         figures for the same pods at the same times
 */
public record WorkloadOptions(Duration startDelay, Duration crashLoopBackoff, long metricsSeed) {
    public static WorkloadOptions defaults() {
        return new WorkloadOptions(Duration.ofSeconds(1), Duration.ofSeconds(10), 0);
    }

    public WorkloadOptions withStartDelay(Duration startDelay) {
        return new WorkloadOptions(startDelay, crashLoopBackoff, metricsSeed);
    }

    public WorkloadOptions withCrashLoopBackoff(Duration crashLoopBackoff) {
        return new WorkloadOptions(startDelay, crashLoopBackoff, metricsSeed);
    }

    public WorkloadOptions withMetricsSeed(long metricsSeed) {
        return new WorkloadOptions(startDelay, crashLoopBackoff, metricsSeed);
    }
}
