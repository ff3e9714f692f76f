package io.mooring.sandbox.workloads.daemonset;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.sandbox.store.WatchEvent;
import io.mooring.sandbox.workloads.SandboxCluster;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Pods;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** DaemonSets through fabric8 against a started sandbox of three nodes. */
class DaemonSetTest {
    private static final String NS = "kube-system";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static SandboxCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start();
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static DaemonSetBuilder daemonSet(String name, String image) {
        return new DaemonSetBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage(image).endContainer().endSpec().endTemplate().endSpec();
    }

    private static DaemonSet get(String name) {
        return client.apps().daemonSets().inNamespace(NS).withName(name).get();
    }

    private static List<Pod> pods(String app) {
        return client.pods().inNamespace(NS).withLabel("app", app).list().getItems();
    }

    @Test
    void runsOnePodOnEveryNodeAndFollowsNewNodes() {
        client.resource(daemonSet("agent", "fluent-bit:3").build()).create();
        await().atMost(WAIT).untilAsserted(() -> {
            DaemonSet set = get("agent");
            assertThat(set.getStatus().getDesiredNumberScheduled()).as("the three nodes of the sandbox").isEqualTo(3);
            assertThat(set.getStatus().getNumberReady()).as("status %s", set.getStatus()).isEqualTo(3);
            assertThat(set.getStatus().getNumberAvailable()).isEqualTo(3);
            assertThat(set.getStatus().getUpdatedNumberScheduled()).isEqualTo(3);
        });
        assertThat(pods("agent")).extracting(p -> p.getSpec().getNodeName()).as("one per node")
                .containsExactlyInAnyOrder("sandbox-node-1", "sandbox-node-2", "sandbox-node-3");
        assertThat(pods("agent").getFirst().getSpec().getTolerations()).as("daemon pods tolerate cordoned and unready nodes")
                .anySatisfy(t -> assertThat(t.getKey()).isEqualTo("node.kubernetes.io/unschedulable"));

        client.resource(new NodeBuilder().withNewMetadata().withName("extra").addToLabels("node.kubernetes.io/instance-type", "m5.4xlarge")
                .endMetadata().build()).create();
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("agent").getStatus().getNumberReady()).isEqualTo(4));
        assertThat(pods("agent")).extracting(p -> p.getSpec().getNodeName()).contains("extra");
        client.nodes().withName("extra").delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(pods("agent")).extracting(p -> p.getSpec().getNodeName())
                .as("the pod of a removed node goes with it").doesNotContain("extra").hasSize(3));
    }

    @Test
    void skipsNodesItsSelectorOrTolerationsExclude() {
        client.resource(new NodeBuilder().withNewMetadata().withName("tainted").endMetadata().withNewSpec().addNewTaint()
                .withKey("dedicated").withValue("db").withEffect("NoSchedule").endTaint().endSpec().build()).create();
        int nodes = client.nodes().list().getItems().size();
        client.resource(daemonSet("picky", "exporter:1").editSpec().editTemplate().editSpec()
                .addToNodeSelector("topology.kubernetes.io/zone", "us-east-1a").endSpec().endTemplate().endSpec().build()).create();
        client.resource(daemonSet("tolerant", "exporter:1").build()).create();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(get("picky").getStatus().getNumberReady()).isEqualTo(1);
            assertThat(get("tolerant").getStatus().getDesiredNumberScheduled()).as("the tainted node is left out").isEqualTo(nodes - 1);
            assertThat(get("tolerant").getStatus().getNumberReady()).isEqualTo(nodes - 1);
        });
        assertThat(pods("picky")).extracting(p -> p.getSpec().getNodeName()).containsExactly("sandbox-node-1");
        assertThat(pods("tolerant")).extracting(p -> p.getSpec().getNodeName()).doesNotContain("tainted");
        client.nodes().withName("tainted").delete();
    }

    @Test
    void rollingUpdateReplacesPodsNodeByNode() {
        client.resource(daemonSet("proxy", "envoy:1.30").build()).create();
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("proxy").getStatus().getNumberAvailable())
                .isEqualTo(get("proxy").getStatus().getDesiredNumberScheduled()));
        int desired = get("proxy").getStatus().getDesiredNumberScheduled();
        Set<String> ready = new HashSet<>(pods("proxy").stream().map(p -> p.getMetadata().getName()).toList());
        List<WatchEvent> events = cluster.record("/pods", "app", "proxy", () -> {
            client.apps().daemonSets().inNamespace(NS).withName("proxy").edit(d -> new DaemonSetBuilder(d).editSpec().editTemplate()
                    .editSpec().editFirstContainer().withImage("envoy:1.31").endContainer().endSpec().endTemplate().endSpec().build());
            await().atMost(WAIT).untilAsserted(() -> {
                DaemonSet set = get("proxy");
                assertThat(set.getStatus().getObservedGeneration()).isEqualTo(2);
                assertThat(set.getStatus().getUpdatedNumberScheduled()).isEqualTo(desired);
                assertThat(set.getStatus().getNumberAvailable()).isEqualTo(desired);
                assertThat(pods("proxy")).hasSize(desired)
                        .allSatisfy(p -> assertThat(p.getSpec().getContainers().getFirst().getImage()).isEqualTo("envoy:1.31"));
            });
        });
        int fewest = ready.size();
        for (WatchEvent event : events) {
            if (event.type() != WatchEvent.Type.DELETED && Pods.ready(event.object())) {
                ready.add(Json.name(event.object()));
            } else {
                ready.remove(Json.name(event.object()));
            }
            fewest = Math.min(fewest, ready.size());
        }
        assertThat(fewest).as("one node at a time (maxUnavailable 1)").isEqualTo(desired - 1);
    }
}
