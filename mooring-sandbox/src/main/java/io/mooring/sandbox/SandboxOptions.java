package io.mooring.sandbox;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start a sandbox.
 *
 * @param port       the API port on 127.0.0.1; 0 picks a free one
 * @param nodes      how many simulated nodes to create at start
 * @param state      where to keep the cluster's objects across restarts; null keeps them in memory only
 * @param saveEvery  with a state directory, how often changes are saved (and once more on close)
 * @param kubeconfig where to write the kubeconfig; null: {@code kubeconfig} in the state directory,
 *                   or in a temporary directory that close removes
 */
public record SandboxOptions(int port, int nodes, Path state, Duration saveEvery, Path kubeconfig) {
    public static final Duration DEFAULT_SAVE_INTERVAL = Duration.ofSeconds(10);

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 3, null, DEFAULT_SAVE_INTERVAL, null);
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig);
    }

    public SandboxOptions withNodes(int nodes) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig);
    }

    public SandboxOptions withState(Path state) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig);
    }

    public SandboxOptions withSaveEvery(Duration saveEvery) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig);
    }

    public SandboxOptions withKubeconfig(Path kubeconfig) {
        return new SandboxOptions(port, nodes, state, saveEvery, kubeconfig);
    }
}
