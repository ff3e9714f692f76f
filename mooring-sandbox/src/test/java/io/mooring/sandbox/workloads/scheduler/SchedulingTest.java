package io.mooring.sandbox.workloads.scheduler;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.sandbox.workloads.SandboxCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Nodes and the scheduler through fabric8 against a started sandbox of three nodes. */
class SchedulingTest {
    private static final String NS = "default";
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

    private static PodBuilder pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx").endContainer().endSpec();
    }

    private static PodCondition condition(Pod pod, String type) {
        return pod.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    }

    @Test
    void nodesStartWithCapacityLabelsAndReadyKubelets() {
        List<Node> nodes = client.nodes().list().getItems();
        assertThat(nodes).extracting(n -> n.getMetadata().getName()).contains("sandbox-node-1", "sandbox-node-2", "sandbox-node-3");
        Node node = client.nodes().withName("sandbox-node-1").get();
        assertThat(node.getMetadata().getLabels()).containsKeys("kubernetes.io/hostname", "node.kubernetes.io/instance-type",
                "topology.kubernetes.io/zone", "topology.kubernetes.io/region", "karpenter.sh/capacity-type");
        assertThat(node.getStatus().getCapacity()).containsKeys("cpu", "memory", "pods");
        assertThat(node.getStatus().getAllocatable().get("cpu").getNumericalAmount())
                .isLessThan(node.getStatus().getCapacity().get("cpu").getNumericalAmount());
        assertThat(node.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.34.1");
        assertThat(node.getStatus().getAddresses()).extracting(a -> a.getType()).contains("InternalIP", "Hostname");
        assertThat(node.getSpec().getPodCIDR()).isEqualTo("10.244.0.0/24");
    }

    @Test
    void podsRunWithAddressesFromTheirNodesRange() {
        for (int i = 0; i < 6; i++) {
            client.resource(pod("spread-" + i).editMetadata().addToLabels("test", "spread").endMetadata().build()).create();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.pods().inNamespace(NS).withLabel("test", "spread").list().getItems())
                .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running")));
        List<Pod> pods = client.pods().inNamespace(NS).withLabel("test", "spread").list().getItems();
        assertThat(pods).extracting(p -> p.getStatus().getPodIP()).doesNotHaveDuplicates();
        assertThat(pods).extracting(p -> p.getSpec().getNodeName()).as("the least allocated node takes the next pod").contains(
                "sandbox-node-1", "sandbox-node-2", "sandbox-node-3");
        for (Pod pod : pods) {
            Node node = client.nodes().withName(pod.getSpec().getNodeName()).get();
            String range = node.getSpec().getPodCIDR().replace("0/24", "");
            assertThat(pod.getStatus().getPodIP()).startsWith(range);
            assertThat(pod.getStatus().getHostIP()).isEqualTo(node.getStatus().getAddresses().getFirst().getAddress());
            assertThat(pod.getStatus().getQosClass()).isEqualTo("BestEffort");
        }
        client.resource(pods.getFirst()).delete();
        await().atMost(WAIT).until(() -> client.pods().inNamespace(NS).withName(pods.getFirst().getMetadata().getName()).get() == null);
    }

    @Test
    void podNoNodeFitsWaitsUnschedulableUntilANodeFits() {
        client.resource(pod("huge").editSpec().editFirstContainer().withNewResources().addToRequests("cpu", new Quantity("20"))
                .endResources().endContainer().endSpec().build()).create();
        await().atMost(WAIT).untilAsserted(() -> {
            PodCondition scheduled = condition(client.pods().inNamespace(NS).withName("huge").get(), "PodScheduled");
            assertThat(scheduled).isNotNull();
            assertThat(scheduled.getStatus()).isEqualTo("False");
            assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
            assertThat(scheduled.getMessage()).as("no node has 20 CPUs").startsWith("0/").contains(" nodes are available: ")
                    .contains("3 Insufficient cpu").contains("preemption: ");
        });
        List<Event> events = client.v1().events().inNamespace(NS).list().getItems();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("FailedScheduling");
            assertThat(e.getInvolvedObject().getName()).isEqualTo("huge");
            assertThat(e.getType()).isEqualTo("Warning");
        });
        client.resource(new NodeBuilder().withNewMetadata().withName("big").addToLabels("node.kubernetes.io/instance-type", "m5.8xlarge")
                .endMetadata().build()).create();
        await().atMost(WAIT).untilAsserted(() -> {
            Pod pod = client.pods().inNamespace(NS).withName("huge").get();
            assertThat(pod.getSpec().getNodeName()).isEqualTo("big");
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        });
        Node big = client.nodes().withName("big").get();
        assertThat(big.getSpec().getPodCIDR()).as("a node added later gets its own range").startsWith("10.244.");
        assertThat(big.getStatus().getCapacity().get("cpu").getAmount()).as("the instance type its label names").isEqualTo("32");
    }

    @Test
    void nodeSelectorAndTaintsDecideWhereAPodGoes() {
        client.resource(pod("zonal").editSpec().addToNodeSelector("topology.kubernetes.io/zone", "us-east-1c").endSpec().build()).create();
        client.resource(new NodeBuilder().withNewMetadata().withName("gpu").addToLabels("accelerator", "gpu").endMetadata().withNewSpec()
                .addNewTaint().withKey("nvidia.com/gpu").withEffect("NoSchedule").endTaint().endSpec().build()).create();
        client.resource(pod("trainer").editSpec().addToNodeSelector("accelerator", "gpu").addNewToleration().withKey("nvidia.com/gpu")
                .withOperator("Exists").withEffect("NoSchedule").endToleration().endSpec().build()).create();
        client.resource(pod("intruder").editSpec().addToNodeSelector("accelerator", "gpu").endSpec().build()).create();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(client.pods().inNamespace(NS).withName("zonal").get().getSpec().getNodeName()).isEqualTo("sandbox-node-3");
            assertThat(client.pods().inNamespace(NS).withName("trainer").get().getSpec().getNodeName()).isEqualTo("gpu");
            assertThat(condition(client.pods().inNamespace(NS).withName("intruder").get(), "PodScheduled")).isNotNull()
                    .extracting(PodCondition::getMessage).asString().contains("1 node(s) had untolerated taint {nvidia.com/gpu: }");
        });
    }
}
