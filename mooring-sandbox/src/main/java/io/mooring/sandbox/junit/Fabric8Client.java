package io.mooring.sandbox.junit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.mooring.sandbox.Sandbox;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * A fabric8 client for a test class's sandbox. The only class that names fabric8: it is loaded
 * when a test asks for a {@code KubernetesClient}, so the extension works without fabric8.
 */
record Fabric8Client(KubernetesClient client) implements ExtensionContext.Store.CloseableResource {
    static Fabric8Client connect(Sandbox sandbox) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()));
            // Watches as chunked HTTP, as client-go and Mooring's own client (io.mooring.cluster.Kube) send them.
            config.setOnlyHttpWatches(true);
            return new Fabric8Client(new KubernetesClientBuilder().withConfig(config).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox's kubeconfig " + sandbox.kubeconfig(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
