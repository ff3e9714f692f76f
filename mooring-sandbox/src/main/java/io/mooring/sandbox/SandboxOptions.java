package io.mooring.sandbox;

import io.mooring.sandbox.store.ObjectStore;
import io.mooring.sandbox.workloads.WorkloadOptions;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How to start a sandbox.
 *
 * @param port  the API port on 127.0.0.1; 0 picks a free one
 * @param nodes how many simulated nodes to create at start
 * @param state where to keep the cluster's objects across restarts; null keeps them in memory only
 * @param workloads how the simulated pods and controllers behave (start delay, crash back-off, metrics seed)
 * @param clock the cluster's clock: timestamps, ready delays, CronJob schedules (tests may move it)
 * @param watchHistory how many changes the API keeps for watches to resume from; older resource versions get 410 Gone
 */
public record SandboxOptions(int port, int nodes, Path state, WorkloadOptions workloads, Clock clock, int watchHistory) {
    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 3, null, WorkloadOptions.defaults(), Clock.systemUTC(), ObjectStore.DEFAULT_HISTORY);
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(port, nodes, state, workloads, clock, watchHistory);
    }

    public SandboxOptions withNodes(int nodes) {
        return new SandboxOptions(port, nodes, state, workloads, clock, watchHistory);
    }

    public SandboxOptions withState(Path state) {
        return new SandboxOptions(port, nodes, state, workloads, clock, watchHistory);
    }

    public SandboxOptions withWorkloads(WorkloadOptions workloads) {
        return new SandboxOptions(port, nodes, state, workloads, clock, watchHistory);
    }

    public SandboxOptions withClock(Clock clock) {
        return new SandboxOptions(port, nodes, state, workloads, clock, watchHistory);
    }

    public SandboxOptions withWatchHistory(int watchHistory) {
        return new SandboxOptions(port, nodes, state, workloads, clock, watchHistory);
    }
}
