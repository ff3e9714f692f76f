package io.mooring.sandbox.workloads;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import io.mooring.sandbox.store.ObjectStore;
import io.mooring.sandbox.store.Subscription;
import io.mooring.sandbox.store.WatchEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Records the changes to one resource's objects with a label while {@code action} runs, read
     * from the store in-process (the sandbox serves watches over HTTP streaming, fabric8 asks for
     * WebSockets), so a test can check an invariant at every step.
     */
    public List<WatchEvent> record(String typeKey, String label, String value, Runnable action) {
        ObjectStore store = sandbox.api().store();
        try (Subscription events = store.watch(e -> e.typeKey().equals(typeKey)
                && value.equals(e.object().path("metadata").path("labels").path(label).asText()), store.revision(), 1_000_000)) {
            action.run();
            List<WatchEvent> recorded = new ArrayList<>();
            for (WatchEvent event = events.poll(0); event != null; event = events.poll(0)) {
                recorded.add(event);
            }
            return recorded;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        sandbox.close();
    }
}
