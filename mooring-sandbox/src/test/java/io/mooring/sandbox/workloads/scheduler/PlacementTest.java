package io.mooring.sandbox.workloads.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.YamlReader;
import io.mooring.sandbox.workloads.objects.Resources;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementTest {
    private static PodDemand pod(String spec) {
        return PodDemand.of(new YamlReader().readOne("pod", "spec:\n" + spec.indent(2)));
    }

    private static NodeView node(String name, long cpuMillis, long usedCpuMillis, Map<String, String> labels, List<NodeView.Taint> taints) {
        Resources allocatable = new Resources(Map.of(Resources.CPU, cpuMillis, Resources.MEMORY, 8L << 30, Resources.PODS, 110L));
        Resources used = new Resources(Map.of(Resources.CPU, usedCpuMillis, Resources.PODS, 1L));
        return new NodeView(name, labels, taints, false, allocatable, used, used.with(Resources.MEMORY, 0));
    }

    private static NodeView node(String name, long cpuMillis, long usedCpuMillis) {
        return node(name, cpuMillis, usedCpuMillis, Map.of(), List.of());
    }

    @Test
    void choosesTheLeastAllocatedNodeThatFits() {
        PodDemand demand = pod("containers: [{name: a, resources: {requests: {cpu: 500m}}}]");
        Placement.Decision decision = Placement.choose(demand, List.of(node("busy", 4000, 3000), node("idle", 4000, 500),
                node("full", 4000, 3800)));
        assertThat(decision.node()).isEqualTo("idle");
    }

    @Test
    void explainsWhyNoNodeFitsAsKubeSchedulerDoes() {
        PodDemand demand = pod("""
                nodeSelector: {disk: ssd}
                containers: [{name: a, resources: {requests: {cpu: "2"}}}]
                """);
        Placement.Decision decision = Placement.choose(demand, List.of(node("small-ssd", 1000, 0, Map.of("disk", "ssd"), List.of()),
                node("hdd", 8000, 0), node("tainted", 8000, 0, Map.of("disk", "ssd"), List.of(new NodeView.Taint("gpu", "true", "NoSchedule")))));
        assertThat(decision.scheduled()).isFalse();
        assertThat(decision.message()).isEqualTo("0/3 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node "
                + "affinity/selector, 1 node(s) had untolerated taint {gpu: true}. preemption: 0/3 nodes are available: "
                + "1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.");
    }

    @Test
    void tolerationsLetPodsOntoTaintedNodesAndPreferNoScheduleNeverFilters() {
        NodeView tainted = node("gpu", 8000, 0, Map.of(), List.of(new NodeView.Taint("gpu", "true", "NoSchedule"),
                new NodeView.Taint("spot", "", "PreferNoSchedule")));
        assertThat(Placement.choose(pod("containers: [{name: a}]"), List.of(tainted)).scheduled()).isFalse();
        assertThat(Placement.choose(pod("""
                tolerations: [{key: gpu, operator: Equal, value: "true", effect: NoSchedule}]
                containers: [{name: a}]
                """), List.of(tainted)).node()).isEqualTo("gpu");
        assertThat(Placement.choose(pod("""
                tolerations: [{operator: Exists}]
                containers: [{name: a}]
                """), List.of(tainted)).node()).as("an empty key with Exists tolerates everything").isEqualTo("gpu");
    }

    @Test
    void cordonedNodesTakeOnlyPodsThatTolerateIt() {
        NodeView node = node("n", 4000, 0);
        NodeView cordoned = new NodeView("n", Map.of(), List.of(), true, node.allocatable(), node.requested(), node.nonZeroRequested());
        assertThat(Placement.choose(pod("containers: [{name: a}]"), List.of(cordoned)).message())
                .contains("1 node(s) were unschedulable");
        assertThat(Placement.choose(pod("""
                tolerations: [{key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}]
                containers: [{name: a}]
                """), List.of(cordoned)).scheduled()).isTrue();
    }

    @Test
    void countsPodSlotsAndExtendedResources() {
        NodeView full = new NodeView("n", Map.of(), List.of(), false, new Resources(Map.of(Resources.CPU, 4000L, Resources.PODS, 1L)),
                new Resources(Map.of(Resources.PODS, 1L)), Resources.NONE);
        assertThat(Placement.choose(pod("containers: [{name: a}]"), List.of(full)).message()).contains("1 Too many pods");
        JsonNode gpu = new YamlReader().readOne("pod", "spec: {containers: [{name: a, resources: {limits: {nvidia.com/gpu: 1}}}]}");
        assertThat(Placement.choose(PodDemand.of(gpu), List.of(node("n", 4000, 0))).message()).contains("1 Insufficient nvidia.com/gpu");
    }

    @Test
    void withoutNodesNothingIsAvailable() {
        assertThat(Placement.choose(pod("containers: [{name: a}]"), List.of()).message()).isEqualTo("no nodes available to schedule pods");
    }
}
