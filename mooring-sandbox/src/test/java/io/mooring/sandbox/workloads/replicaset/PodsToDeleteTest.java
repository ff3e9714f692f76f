package io.mooring.sandbox.workloads.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.YamlReader;
import io.mooring.sandbox.workloads.objects.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodsToDeleteTest {
    private static JsonNode pod(String name, String node, String phase, boolean ready, String readySince, String annotations) {
        return new YamlReader().readOne(name, """
                metadata: {name: %s, uid: %s, creationTimestamp: "2025-06-01T10:00:00Z", annotations: {%s}}
                spec: {nodeName: "%s"}
                status:
                  phase: %s
                  conditions: [{type: Ready, status: "%s", lastTransitionTime: "%s"}]
                """.formatted(name, name, annotations, node, phase, ready ? "True" : "False", readySince));
    }

    @Test
    void unscheduledPendingAndUnreadyPodsGoFirst() {
        JsonNode running = pod("running", "n1", "Running", true, "2025-06-01T10:01:00Z", "");
        JsonNode unready = pod("unready", "n2", "Running", false, "2025-06-01T10:01:00Z", "");
        JsonNode pending = pod("pending", "n3", "Pending", false, "2025-06-01T10:01:00Z", "");
        JsonNode unscheduled = pod("unscheduled", "", "Pending", false, "2025-06-01T10:01:00Z", "");
        assertThat(PodsToDelete.choose(List.of(running, unready, pending, unscheduled), 3)).extracting(Json::name)
                .containsExactly("unscheduled", "pending", "unready");
    }

    @Test
    void deletionCostThenDoubledUpThenMostRecentlyReady() {
        JsonNode cheap = pod("cheap", "n1", "Running", true, "2025-06-01T10:01:00Z", "controller.kubernetes.io/pod-deletion-cost: \"-5\"");
        JsonNode crowdedA = pod("crowded-a", "n2", "Running", true, "2025-06-01T10:01:00Z", "");
        JsonNode crowdedB = pod("crowded-b", "n2", "Running", true, "2025-06-01T10:05:00Z", "");
        JsonNode alone = pod("alone", "n3", "Running", true, "2025-06-01T10:09:00Z", "");
        assertThat(PodsToDelete.choose(List.of(alone, crowdedA, crowdedB, cheap), 3)).extracting(Json::name)
                .containsExactly("cheap", "crowded-b", "crowded-a");
    }
}
