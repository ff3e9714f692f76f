package io.mooring.admission;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.cluster.Kube;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Namespace labels for namespaceSelector, watched from the sandbox's API server. */
class NamespaceLabelsTest {
    @Test
    void followsTheClustersNamespaces() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
             KubernetesClient client = Kube.connect(sandbox.kubeconfig(), null, null)) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").addToLabels("environment", "prod")
                    .endMetadata().build()).create();
            try (NamespaceLabels labels = NamespaceLabels.watch(client)) {
                assertThat(labels.apply("shop")).containsEntry("environment", "prod");
                assertThat(labels.apply("nowhere")).isEmpty();
                client.namespaces().withName("shop").edit(n -> new NamespaceBuilder(n).editMetadata().addToLabels("environment", "dev")
                        .endMetadata().build());
                await().atMost(Duration.ofSeconds(10)).until(() -> "dev".equals(labels.apply("shop").get("environment")));
            }
        }
    }
}
