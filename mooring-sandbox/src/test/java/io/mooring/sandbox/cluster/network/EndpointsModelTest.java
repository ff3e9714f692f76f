package io.mooring.sandbox.cluster.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.mooring.sandbox.cluster.Fixtures.node;
import static io.mooring.sandbox.cluster.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class EndpointsModelTest {
    private static final ObjectNode SERVICE = yaml("""
            metadata: {name: api, namespace: shop, labels: {team: a}}
            spec: {selector: {app: api}, ports: [{name: web, port: 80, targetPort: http, protocol: TCP}]}
            """);

    private static ObjectNode pod(String name, String ip, boolean ready, boolean terminating, int port) {
        return yaml("""
                metadata: {name: %s, namespace: shop, uid: u-%s%s}
                spec: {nodeName: node-1, containers: [{name: c, ports: [{name: http, containerPort: %d, protocol: TCP}]}]}
                status: {phase: Running, podIP: "%s", conditions: [{type: Ready, status: "%s"}]}
                """.formatted(name, name, terminating ? ", deletionTimestamp: '2025-01-01T00:00:00Z'" : "", port, ip, ready ? "True" : "False"));
    }

    @Test
    void endpointsListReadyAndNotReadyPodsByResolvedPortAndLeaveOutTheTerminating() {
        List<ObjectNode> pods = List.of(pod("a", "10.244.0.2", true, false, 8080), pod("b", "10.244.0.3", false, false, 8080),
                pod("c", "10.244.0.4", true, false, 9090), pod("d", "10.244.0.5", true, true, 8080),
                yaml("metadata: {name: e, namespace: shop}\nstatus: {phase: Pending}"));
        assertThat(EndpointsModel.subsets(SERVICE, pods)).isEqualTo(node("""
                - addresses: [{ip: 10.244.0.2, nodeName: node-1, targetRef: {kind: Pod, name: a, namespace: shop, uid: u-a}}]
                  notReadyAddresses: [{ip: 10.244.0.3, nodeName: node-1, targetRef: {kind: Pod, name: b, namespace: shop, uid: u-b}}]
                  ports: [{name: web, port: 8080, protocol: TCP}]
                - addresses: [{ip: 10.244.0.4, nodeName: node-1, targetRef: {kind: Pod, name: c, namespace: shop, uid: u-c}}]
                  ports: [{name: web, port: 9090, protocol: TCP}]
                """));
    }

    @Test
    void slicesKeepTerminatingPodsWithTheirConditionsAndZones() {
        List<ObjectNode> slices = EndpointsModel.slices(SERVICE, List.of(pod("a", "10.244.0.2", true, false, 8080),
                pod("d", "10.244.0.5", true, true, 8080)), Map.of("node-1", "zone-a")::get);
        assertThat(slices).singleElement().isEqualTo(node("""
                addressType: IPv4
                endpoints:
                - addresses: [10.244.0.2]
                  conditions: {ready: true, serving: true, terminating: false}
                  nodeName: node-1
                  targetRef: {kind: Pod, name: a, namespace: shop, uid: u-a}
                  zone: zone-a
                - addresses: [10.244.0.5]
                  conditions: {ready: false, serving: true, terminating: true}
                  nodeName: node-1
                  targetRef: {kind: Pod, name: d, namespace: shop, uid: u-d}
                  zone: zone-a
                ports: [{name: web, port: 8080, protocol: TCP}]
                """));
    }

    @Test
    void aServiceWithoutPodsHasOnePlaceholderSliceAndNoSubsets() {
        assertThat(EndpointsModel.subsets(SERVICE, List.of())).isEmpty();
        assertThat(EndpointsModel.slices(SERVICE, List.of(), n -> null)).singleElement()
                .isEqualTo(node("{addressType: IPv4, endpoints: null, ports: null}"));
    }

    @Test
    void slicesHoldAtMostAHundredEndpoints() {
        List<ObjectNode> pods = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            pods.add(pod("p" + i, "10.244.1." + (i % 250), true, false, 8080));
        }
        assertThat(EndpointsModel.slices(SERVICE, pods, n -> null)).extracting(s -> s.get("endpoints").size()).containsExactly(100, 100, 50);
    }

    @Test
    void labelsAreTheServicesPlusTheControllersAndHeadlessMarks() {
        ObjectNode headless = SERVICE.deepCopy();
        headless.with("spec").put("clusterIP", "None");
        assertThat(EndpointsModel.labels(headless, EndpointsModel.SLICE_MANAGED_BY, EndpointsModel.SLICE_CONTROLLER, true)).isEqualTo(node("""
                {team: a, kubernetes.io/service-name: api, endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io,
                 service.kubernetes.io/headless: ""}
                """));
    }
}
