package io.mooring.cli.secrets;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.cli.app.KubeOptions;
import io.mooring.cluster.Retrying;
import io.mooring.secrets.KeyRingStore;
import io.mooring.secrets.SecretsSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which cluster's key ring a command uses: the kubeconfig options and the namespace the keys live in. */
final class KeyRingOptions {
    @Mixin
    KubeOptions kube;

    @Option(names = "--key-namespace", paramLabel = "NS", description = "Where the cluster keeps its sealing keys (default: ${DEFAULT-VALUE}).")
    String namespace = SecretsSettings.defaults().keyNamespace();

    /** A connection and the store on it; close the client when done. */
    record Connected(KubernetesClient client, KeyRingStore store) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    Connected connect() {
        KubernetesClient client = kube.connect();
        return new Connected(client, new KeyRingStore(client, namespace, Retrying.DEFAULT));
    }
}
