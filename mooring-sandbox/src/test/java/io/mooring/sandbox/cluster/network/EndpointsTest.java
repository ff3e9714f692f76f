package io.mooring.sandbox.cluster.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mooring.sandbox.api.WriteOptions;
import io.mooring.sandbox.cluster.SandboxTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Endpoints and EndpointSlices follow the pods a Service selects. The test plays the kubelet by
 * writing pod status; its pods name a scheduler of their own, so no simulated kubelet runs them.
 */
class EndpointsTest extends SandboxTestSupport {
    private static void pod(String name, String app) {
        client.resource(Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: default, labels: {app: %s}}
                spec: {schedulerName: test-scheduler, containers: [{name: c, image: "api:1", ports: [{name: http, containerPort: 8080}]}]}
                """.formatted(name, app), Pod.class)).create();
    }

    /** What the kubelet would report: running at an address, ready or not. */
    private static void running(String name, String ip, boolean ready) {
        var api = sandbox.api();
        var pods = api.catalog().byPlural("", "v1", "pods").orElseThrow();
        ObjectNode pod = api.get(pods, "default", name);
        ObjectNode status = pod.with("status");
        status.put("phase", "Running");
        status.put("podIP", ip);
        status.putArray("podIPs").addObject().put("ip", ip);
        ObjectNode condition = status.putArray("conditions").addObject();
        condition.put("type", "Ready");
        condition.put("status", ready ? "True" : "False");
        api.update(pods, "default", name, pod, "status", WriteOptions.by("kubelet"));
    }

    private static List<String> ready(String service) {
        var endpoints = client.endpoints().inNamespace("default").withName(service).get();
        if (endpoints == null || endpoints.getSubsets() == null) {
            return List.of();
        }
        return endpoints.getSubsets().stream().flatMap(s -> s.getAddresses().stream()).map(EndpointAddress::getIp).sorted().toList();
    }

    @Test
    void endpointsAndSlicesListTheReadyPodsTheServiceSelects() {
        Service service = client.resource(Serialization.unmarshal("""
                apiVersion: v1
                kind: Service
                metadata: {name: api, namespace: default, labels: {team: shop}}
                spec: {selector: {app: api}, ports: [{name: web, port: 80, targetPort: http}]}
                """, Service.class)).create();
        pod("api-1", "api");
        pod("api-2", "api");
        pod("other", "other");
        running("api-1", "10.244.0.11", true);
        running("api-2", "10.244.0.12", false);
        running("other", "10.244.0.13", true);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ready("api")).containsExactly("10.244.0.11"));
        var endpoints = client.endpoints().inNamespace("default").withName("api").get();
        assertThat(endpoints.getMetadata().getLabels()).containsEntry("team", "shop")
                .containsEntry("endpoints.kubernetes.io/managed-by", "endpoint-controller");
        assertThat(endpoints.getSubsets().getFirst().getNotReadyAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.244.0.12");
        assertThat(endpoints.getSubsets().getFirst().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).as("the named target port resolved in the pod").isEqualTo(8080);
            assertThat(p.getName()).isEqualTo("web");
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<EndpointSlice> slices = client.discovery().v1().endpointSlices().inNamespace("default")
                    .withLabel("kubernetes.io/service-name", "api").list().getItems();
            assertThat(slices).singleElement().satisfies(slice -> {
                assertThat(slice.getMetadata().getName()).startsWith("api-");
                assertThat(slice.getMetadata().getOwnerReferences()).singleElement()
                        .satisfies(o -> assertThat(o.getUid()).isEqualTo(service.getMetadata().getUid()));
                assertThat(slice.getEndpoints()).extracting(e -> e.getAddresses().getFirst() + " " + e.getConditions().getReady())
                        .containsExactly("10.244.0.11 true", "10.244.0.12 false");
            });
        });

        running("api-2", "10.244.0.12", true);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ready("api")).containsExactly("10.244.0.11", "10.244.0.12"));
        client.pods().inNamespace("default").withName("api-1").edit(p -> {
            p.getMetadata().getLabels().put("app", "retired");
            return p;
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ready("api")).containsExactly("10.244.0.12"));
        client.pods().inNamespace("default").withName("api-2").delete();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ready("api")).isEmpty());

        client.services().inNamespace("default").withName("api").delete();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(client.endpoints().inNamespace("default").withName("api").get()).as("Endpoints go with their Service").isNull();
            assertThat(client.discovery().v1().endpointSlices().inNamespace("default").withLabel("kubernetes.io/service-name", "api")
                    .list().getItems()).as("slices are collected as the Service owns them").isEmpty();
        });
    }
}
