package io.mooring.sandbox.junit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Another class gets a fresh cluster: nothing that SandboxExtensionTest created is here. */
@SandboxTest(nodes = 1)
class SandboxPerClassTest {
    @Test
    void anotherClassStartsWithAnEmptyCluster(KubernetesClient client, Sandbox sandbox) {
        assertThat(client.configMaps().inNamespace("default").withName("left-by-the-first-test").get())
                .as("a configmap another test class created").isNull();
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .containsExactlyInAnyOrder("default", "kube-system", "kube-public", "kube-node-lease");
        assertThat(sandbox.port()).isPositive();
    }
}
