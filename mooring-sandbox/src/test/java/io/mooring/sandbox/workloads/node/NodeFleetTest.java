package io.mooring.sandbox.workloads.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.objects.Conditions;
import io.mooring.sandbox.workloads.objects.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NodeFleetTest {
    @Test
    void nodesCycleZonesAndInstanceTypesAndEveryFifthIsSpot() {
        assertThat(Json.labels(NodeFleet.node(1))).containsEntry("topology.kubernetes.io/zone", "us-east-1a")
                .containsEntry("node.kubernetes.io/instance-type", "m5.2xlarge").containsEntry("karpenter.sh/capacity-type", "on-demand")
                .containsEntry("kubernetes.io/hostname", "sandbox-node-1").containsEntry("topology.kubernetes.io/region", "us-east-1");
        assertThat(Json.labels(NodeFleet.node(2))).containsEntry("topology.kubernetes.io/zone", "us-east-1b");
        assertThat(Json.labels(NodeFleet.node(5))).containsEntry("karpenter.sh/capacity-type", "spot");
    }

    @Test
    void podCidrsAndAddressesFollowTheNodeIndex() {
        assertThat(NodeFleet.podCidr(0)).isEqualTo("10.244.0.0/24");
        assertThat(NodeFleet.podCidr(300)).isEqualTo("10.245.44.0/24");
        assertThat(NodeFleet.cidrIndex("10.245.44.0/24")).isEqualTo(300);
        assertThat(NodeFleet.internalIp(0)).isEqualTo("10.0.0.10");
    }

    @Test
    void statusReportsCapacityAllocatableAndReady() {
        ObjectNode status = NodeFleet.status(NodeFleet.node(1), Instant.parse("2025-06-01T12:00:00Z"));
        assertThat(status.at("/capacity/cpu").asText()).isEqualTo("8");
        assertThat(status.at("/capacity/memory").asText()).isEqualTo("33554432Ki");
        assertThat(status.at("/allocatable/cpu").asText()).as("8 cores less 60+10+10+10 millicores kept").isEqualTo("7910m");
        assertThat(status.at("/allocatable/pods").asText()).isEqualTo("110");
        assertThat(Conditions.isTrue(status, "Ready")).isTrue();
        assertThat(status.at("/nodeInfo/kubeletVersion").asText()).isEqualTo("v1.34.1");
        assertThat(status.at("/addresses/0/address").asText()).isEqualTo("10.0.0.10");
    }

    @Test
    void reservedMemoryFollowsTheBands() {
        InstanceType type = new InstanceType("t", 2, 8, 110);
        long gib = 1L << 30;
        assertThat(type.reservedMemoryBytes()).as("25% of 4 GiB + 20% of 4 GiB + 100 MiB eviction")
                .isEqualTo(gib + 4 * gib / 5 + (100L << 20));
    }
}
