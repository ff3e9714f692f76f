package io.mooring.sandbox;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox answers a real Kubernetes client over HTTP, with the kubeconfig it writes. */
class SandboxSmokeTest {
    @Test
    void fabric8ClientCreatesAndReadsThroughTheKubeconfig() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
             KubernetesClient client = new KubernetesClientBuilder()
                     .withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()))).build()) {
            assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                    .as("the system namespaces exist from the start").contains("default", "kube-system");
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("settings").endMetadata().addToData("color", "blue").build()).create();
            assertThat(client.configMaps().inNamespace("default").withName("settings").get().getData())
                    .containsEntry("color", "blue");
        }
    }
}
