package io.mooring.sandbox;

import io.mooring.sandbox.store.ObjectStore;

import java.nio.file.Path;

/**
 * How to start a sandbox.
 *
 * @param port  the API port on 127.0.0.1; 0 picks a free one
 * @param nodes how many simulated nodes to create at start
 * @param state where to keep the cluster's objects across restarts; null keeps them in memory only
 * @param watchHistory how many changes the API keeps for watches to resume from; older resource versions get 410 Gone
 */
public record SandboxOptions(int port, int nodes, Path state, int watchHistory) {
    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 3, null, ObjectStore.DEFAULT_HISTORY);
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(port, nodes, state, watchHistory);
    }

    public SandboxOptions withNodes(int nodes) {
        return new SandboxOptions(port, nodes, state, watchHistory);
    }

    public SandboxOptions withState(Path state) {
        return new SandboxOptions(port, nodes, state, watchHistory);
    }

    public SandboxOptions withWatchHistory(int watchHistory) {
        return new SandboxOptions(port, nodes, state, watchHistory);
    }
}
