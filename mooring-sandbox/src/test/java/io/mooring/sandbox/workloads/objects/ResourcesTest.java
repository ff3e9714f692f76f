package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourcesTest {
    private static JsonNode spec(String yaml) {
        return new YamlReader().readOne("spec", yaml);
    }

    @Test
    void podRequestSumsContainersAndLetsLimitsStandForMissingRequests() {
        Resources requested = Resources.requestedBy(spec("""
                containers:
                - {name: a, resources: {requests: {cpu: 100m, memory: 64Mi}}}
                - {name: b, resources: {limits: {cpu: 200m, memory: 128Mi}}}
                """));
        assertThat(requested.cpu()).isEqualTo(300);
        assertThat(requested.memory()).isEqualTo(192L << 20);
    }

    @Test
    void largestInitContainerCountsWhenItExceedsTheContainersAndSidecarsAdd() {
        Resources requested = Resources.requestedBy(spec("""
                initContainers:
                - {name: migrate, resources: {requests: {cpu: "2"}}}
                - {name: proxy, restartPolicy: Always, resources: {requests: {cpu: 50m}}}
                containers:
                - {name: a, resources: {requests: {cpu: 100m}}}
                overhead: {cpu: 10m}
                """));
        assertThat(requested.cpu()).as("max(2000, 100 + 50) + 10 overhead").isEqualTo(2010);
    }

    @Test
    void qosClassFollowsRequestsAndLimits() {
        assertThat(Pods.qosClass(spec("containers: [{name: a}]"))).isEqualTo("BestEffort");
        assertThat(Pods.qosClass(spec("containers: [{name: a, resources: {requests: {cpu: 1}}}]"))).isEqualTo("Burstable");
        assertThat(Pods.qosClass(spec("containers: [{name: a, resources: {limits: {cpu: 1, memory: 1Gi}}}]")))
                .as("limits alone default the requests to them").isEqualTo("Guaranteed");
    }
}
