package io.mooring.sandbox.cluster.namespaces;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.sandbox.cluster.SandboxTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

class NamespaceDeletionTest extends SandboxTestSupport {
    private static void namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }

    @Test
    void deletingANamespaceEmptiesItAndWaitsForContentFinalizers() {
        namespace("doomed");
        client.configMaps().inNamespace("doomed").resource(new ConfigMapBuilder().withNewMetadata().withName("plain").endMetadata().build()).create();
        client.secrets().inNamespace("doomed").resource(new SecretBuilder().withNewMetadata().withName("s").endMetadata().build()).create();
        client.configMaps().inNamespace("doomed").resource(new ConfigMapBuilder().withNewMetadata().withName("held")
                .withFinalizers("example.com/hold").endMetadata().build()).create();

        client.namespaces().withName("doomed").delete();
        Namespace terminating = client.namespaces().withName("doomed").get();
        assertThat(terminating.getStatus().getPhase()).isEqualTo("Terminating");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Namespace ns = client.namespaces().withName("doomed").get();
            assertThat(ns.getStatus().getConditions()).extracting(NamespaceCondition::getType, NamespaceCondition::getMessage).contains(
                    org.assertj.core.groups.Tuple.tuple("NamespaceContentRemaining", "Some resources are remaining: configmaps. has 1 resource instances"),
                    org.assertj.core.groups.Tuple.tuple("NamespaceFinalizersRemaining",
                            "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances"));
        });
        assertThat(client.secrets().inNamespace("doomed").list().getItems()).as("content without finalizers is gone").isEmpty();
        assertThat(client.namespaces().withName("doomed").get().getSpec().getFinalizers()).containsExactly("kubernetes");

        KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class, () -> client.configMaps().inNamespace("doomed")
                .resource(new ConfigMapBuilder().withNewMetadata().withName("late").endMetadata().build()).create());
        assertThat(refused.getCode()).as("a terminating namespace takes no new content").isEqualTo(403);

        client.configMaps().inNamespace("doomed").withName("held").edit(c -> {
            c.getMetadata().setFinalizers(List.of());
            return c;
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.namespaces().withName("doomed").get()).isNull());
    }

    @Test
    void kubectlDeleteNamespaceWaitsUntilItIsGone() throws Exception {
        namespace("kubectl-doomed");
        client.configMaps().inNamespace("kubectl-doomed").resource(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build()).create();
        Kubectl result = kubectl(null, "delete", "namespace", "kubectl-doomed", "--timeout=20s");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("namespace \"kubectl-doomed\" deleted");
        assertThat(client.namespaces().withName("kubectl-doomed").get()).isNull();
    }
}
