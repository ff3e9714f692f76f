package io.mooring.sandbox.workloads.metrics;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.sandbox.workloads.SandboxCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The metrics API, read as fabric8's {@code top()} reads it from metrics-server. */
class MetricsTest {
    private static final String NS = "default";
    private static SandboxCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start();
        client = cluster.client();
        client.resource(new DeploymentBuilder().withNewMetadata().withName("busy").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "busy").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "busy").endMetadata().withNewSpec().addNewContainer()
                .withName("app").withImage("nginx").withNewResources().addToRequests("cpu", new Quantity("200m"))
                .addToRequests("memory", new Quantity("256Mi")).endResources().endContainer().endSpec().endTemplate().endSpec().build())
                .create();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.top().pods().metrics(NS).getItems().size() == 3);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void runningPodsHaveUsageWithinTheirRequests() {
        List<PodMetrics> pods = client.top().pods().metrics(NS).getItems();
        assertThat(pods).hasSize(3).allSatisfy(metrics -> {
            assertThat(metrics.getMetadata().getLabels()).containsEntry("app", "busy");
            assertThat(metrics.getWindow().getDuration()).isEqualTo(Duration.ofSeconds(15));
            assertThat(metrics.getContainers()).singleElement().satisfies(container -> {
                assertThat(container.getName()).isEqualTo("app");
                assertThat(container.getUsage().get("cpu").getNumericalAmount()).isPositive().isLessThanOrEqualTo(new BigDecimal("0.2"));
                assertThat(container.getUsage().get("memory").getNumericalAmount()).isPositive()
                        .isLessThanOrEqualTo(BigDecimal.valueOf(256L << 20));
            });
        });
        PodMetrics one = pods.getFirst();
        assertThat(client.top().pods().metrics(NS, one.getMetadata().getName()).getContainers()).as("the same figures read singly")
                .isEqualTo(one.getContainers());
    }

    @Test
    void nodesUseWhatTheirPodsUsePlusTheSystem() {
        List<NodeMetrics> nodes = client.top().nodes().metrics().getItems();
        assertThat(nodes).extracting(n -> n.getMetadata().getName()).containsExactly("sandbox-node-1", "sandbox-node-2", "sandbox-node-3");
        BigDecimal podCpu = client.top().pods().metrics(NS).getItems().stream().map(p -> p.getContainers().getFirst().getUsage().get("cpu")
                .getNumericalAmount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal nodeCpu = nodes.stream().map(n -> n.getUsage().get("cpu").getNumericalAmount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(nodeCpu).isGreaterThan(podCpu);
    }

    @Test
    void metricsAreReadOnly() {
        PodMetrics metrics = client.top().pods().metrics(NS).getItems().getFirst();
        assertThatThrownBy(() -> client.resource(metrics).delete()).isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(405));
    }
}
