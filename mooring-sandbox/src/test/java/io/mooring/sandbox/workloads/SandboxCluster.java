package io.mooring.sandbox.workloads;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/** A started sandbox with a fabric8 client on it, for the workload integration tests. */
public record SandboxCluster(Sandbox sandbox, KubernetesClient client) implements AutoCloseable {
    /** Pods start fast in tests, but not at once, so tests see them pass through Pending. */
    public static final Duration TEST_START_DELAY = Duration.ofMillis(200);

    public static SandboxCluster start() {
        return start(SandboxOptions.defaults().withWorkloads(WorkloadOptions.defaults().withStartDelay(TEST_START_DELAY)));
    }

    public static SandboxCluster start(SandboxOptions options) {
        Sandbox sandbox = Sandbox.start(options);
        try {
            KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()))).build();
            return new SandboxCluster(sandbox, client);
        } catch (IOException e) {
            sandbox.close();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        sandbox.close();
    }
}
