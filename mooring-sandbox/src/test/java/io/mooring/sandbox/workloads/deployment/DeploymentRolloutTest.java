package io.mooring.sandbox.workloads.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.sandbox.workloads.SandboxCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeploymentRolloutTest {
    private static SandboxCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        long t0 = System.currentTimeMillis();
        cluster = SandboxCluster.start();
        System.out.println("started in " + (System.currentTimeMillis() - t0));
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        long t0 = System.currentTimeMillis();
        cluster.close();
        System.out.println("stopped in " + (System.currentTimeMillis() - t0));
    }

    static Deployment deployment(String name, int replicas, String image) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    @Test
    void deploymentBecomesAvailableWithReplicaSetAndRunningPods() {
        long t0 = System.currentTimeMillis();
        client.resource(deployment("web", 3, "nginx:1.27")).create();
        System.out.println("created in " + (System.currentTimeMillis() - t0));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Deployment d = client.apps().deployments().inNamespace("default").withName("web").get();
            assertThat(d.getStatus().getAvailableReplicas()).as("available replicas of %s", d.getStatus()).isEqualTo(3);
        });
        System.out.println("available in " + (System.currentTimeMillis() - t0));
        List<ReplicaSet> sets = client.apps().replicaSets().inNamespace("default").withLabel("app", "web").list().getItems();
        assertThat(sets).hasSize(1);
        List<Pod> pods = client.pods().inNamespace("default").withLabel("app", "web").list().getItems();
        assertThat(pods).hasSize(3).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
    }
}
