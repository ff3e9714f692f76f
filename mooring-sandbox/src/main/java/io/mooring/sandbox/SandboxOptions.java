package io.mooring.sandbox;

import io.mooring.sandbox.store.ObjectStore;
import io.mooring.sandbox.workloads.WorkloadOptions;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How to start a sandbox.
 *
 * @param port         the API port on 127.0.0.1; 0 picks a free one
 * @param nodes        how many simulated nodes to create at start
 * @param state        where to keep the cluster's objects across restarts; null keeps them in memory only
 * @param saveEvery    with a state directory, how often changes are saved (and once more on close)
 * @param kubeconfig   where to write the kubeconfig; null: {@code kubeconfig} in the state directory,
 *                     or in a temporary directory that close removes
 * @param workloads    how the simulated pods and controllers behave (start delay, crash back-off, metrics seed)
 * @param clock        the cluster's clock: timestamps, ready delays, CronJob schedules (tests may move it)
 * @param watchHistory how many changes the API keeps for watches to resume from; older resource versions get 410 Gone
 */
public record SandboxOptions(int port, int nodes, Path state, Duration saveEvery, Path kubeconfig, WorkloadOptions workloads,
                             Clock clock, int watchHistory) {
    public static final Duration DEFAULT_SAVE_INTERVAL = Duration.ofSeconds(10);

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 3, null, DEFAULT_SAVE_INTERVAL, null, WorkloadOptions.defaults(), Clock.systemUTC(),
                ObjectStore.DEFAULT_HISTORY);
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig, workloads, clock, watchHistory);
    }

    public SandboxOptions withNodes(int nodes) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig, workloads, clock, watchHistory);
    }

    public SandboxOptions withState(Path state) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig, workloads, clock, watchHistory);
    }

    public SandboxOptions withSaveEvery(Duration saveEvery) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig, workloads, clock, watchHistory);
    }

    public SandboxOptions withKubeconfig(Path kubeconfig) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig, workloads, clock, watchHistory);
    }

    public SandboxOptions withWorkloads(WorkloadOptions workloads) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig, workloads, clock, watchHistory);
    }

    public SandboxOptions withClock(Clock clock) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig, workloads, clock, watchHistory);
    }

    public SandboxOptions withWatchHistory(int watchHistory) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig, workloads, clock, watchHistory);
    }
}
