package io.mooring.sandbox.cluster.network;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mooring.sandbox.cluster.SandboxTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Cluster IPs, node ports and load balancer addresses as a real API server and cloud give them. */
class ServicesTest extends SandboxTestSupport {
    private static Service create(String yaml) {
        return client.resource(Serialization.unmarshal(yaml, Service.class)).create();
    }

    private static String service(String name, String spec) {
        return "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: default}\nspec: " + spec;
    }

    @Test
    void theKubernetesServiceHoldsTheFirstClusterIp() {
        Service kubernetes = client.services().inNamespace("default").withName("kubernetes").get();
        assertThat(kubernetes.getSpec().getClusterIP()).isEqualTo("10.96.0.1");
        assertThat(kubernetes.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("https");
            assertThat(p.getPort()).isEqualTo(443);
        });
        assertThat(client.endpoints().inNamespace("default").withName("kubernetes").get().getSubsets()).hasSize(1);
        assertThat(client.discovery().v1().endpointSlices().inNamespace("default").withName("kubernetes").get()).isNotNull();
    }

    @Test
    void clusterIpsComeFromTheServiceRangeAndAreNeverShared() {
        Set<String> ips = new HashSet<>();
        Cidr range = Cidr.parse(ServiceAddresses.SERVICE_RANGE);
        for (int i = 0; i < 20; i++) {
            Service service = create(service("many-" + i, "{selector: {app: x}, ports: [{port: 80}]}"));
            String ip = service.getSpec().getClusterIP();
            assertThat(range.offset(ip)).as("%s is in %s", ip, range).isPositive();
            assertThat(ips.add(ip)).as("%s is not shared", ip).isTrue();
            assertThat(service.getSpec().getClusterIPs()).containsExactly(ip);
            assertThat(service.getSpec().getIpFamilies()).containsExactly("IPv4");
            assertThat(service.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
            assertThat(service.getSpec().getInternalTrafficPolicy()).isEqualTo("Cluster");
        }
    }

    @Test
    void aRequestedClusterIpIsGivenOnceAndFreedWithItsService() {
        Service first = create(service("pinned", "{clusterIP: 10.96.0.50, ports: [{port: 53}]}"));
        assertThat(first.getSpec().getClusterIP()).isEqualTo("10.96.0.50");
        KubernetesClientException taken = catchThrowableOfType(KubernetesClientException.class,
                () -> create(service("pinned-again", "{clusterIP: 10.96.0.50, ports: [{port: 53}]}")));
        assertThat(taken.getCode()).isEqualTo(422);
        assertThat(taken.getStatus().getMessage()).isEqualTo("Service \"pinned-again\" is invalid: spec.clusterIPs: Invalid value: "
                + "[\"10.96.0.50\"]: failed to allocate IP 10.96.0.50: provided IP is already allocated");
        KubernetesClientException outside = catchThrowableOfType(KubernetesClientException.class,
                () -> create(service("outside", "{clusterIP: 10.0.0.10, ports: [{port: 53}]}")));
        assertThat(outside.getStatus().getMessage()).endsWith("failed to allocate IP 10.0.0.10: the provided IP (10.0.0.10) is not in the "
                + "valid range. The range of valid IPs is 10.96.0.0/12");

        client.services().inNamespace("default").withName("pinned").delete();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(create(service("pinned-again", "{clusterIP: 10.96.0.50, ports: [{port: 53}]}")).getSpec().getClusterIP())
                        .isEqualTo("10.96.0.50"));
    }

    @Test
    void headlessServicesStayHeadless() {
        Service headless = create(service("db", "{clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}"));
        assertThat(headless.getSpec().getClusterIPs()).containsExactly("None");
        assertThat(headless.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
        Service selectorless = create(service("external-db", "{clusterIP: None, ports: [{port: 5432}]}"));
        assertThat(selectorless.getSpec().getIpFamilyPolicy()).as("headless without selector asks for both families")
                .isEqualTo("RequireDualStack");
        assertThat(selectorless.getSpec().getIpFamilies()).containsExactly("IPv4", "IPv6");
    }

    @Test
    void nodePortsAreAllocatedSharedByPortNumberAndKeptOnUpdate() {
        Service service = create(service("np", "{type: NodePort, selector: {app: np}, ports: [{name: a, port: 80}, {name: b, port: 80, protocol: UDP}]}"));
        int nodePort = service.getSpec().getPorts().getFirst().getNodePort();
        assertThat(nodePort).isBetween(30000, 32767);
        assertThat(service.getSpec().getPorts().get(1).getNodePort()).as("TCP and UDP on one port share a node port").isEqualTo(nodePort);
        assertThat(service.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");

        Service replaced = Serialization.unmarshal(service("np", "{type: NodePort, selector: {app: np2}, ports: [{name: a, port: 80}, "
                + "{name: b, port: 80, protocol: UDP}]}"), Service.class);
        Service updated = client.services().inNamespace("default").resource(replaced).update();
        assertThat(updated.getSpec().getPorts()).extracting(p -> p.getNodePort()).as("an update that omits them keeps them")
                .containsExactly(nodePort, nodePort);
        assertThat(updated.getSpec().getClusterIP()).isEqualTo(service.getSpec().getClusterIP());

        KubernetesClientException taken = catchThrowableOfType(KubernetesClientException.class, () -> create(service("np-clash",
                "{type: NodePort, ports: [{port: 80, nodePort: " + nodePort + "}]}")));
        assertThat(taken.getStatus().getMessage()).isEqualTo("Service \"np-clash\" is invalid: spec.ports[0].nodePort: Invalid value: "
                + nodePort + ": provided port is already allocated");

        Service clusterIp = Serialization.unmarshal(service("np", "{type: ClusterIP, selector: {app: np2}, ports: [{name: a, port: 80}, "
                + "{name: b, port: 80, protocol: UDP}]}"), Service.class);
        Service downgraded = client.services().inNamespace("default").resource(clusterIp).update();
        assertThat(downgraded.getSpec().getPorts()).extracting(p -> p.getNodePort()).containsOnlyNulls();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> create(service("np-reuse",
                "{type: NodePort, ports: [{port: 80, nodePort: " + nodePort + "}]}")));
    }

    @Test
    void aLoadBalancerGetsAnAddressFromTheSimulatedPoolAfterAShortDelay() {
        Service service = create(service("public", "{type: LoadBalancer, selector: {app: web}, ports: [{port: 443}]}"));
        assertThat(service.getStatus().getLoadBalancer().getIngress()).as("not at once").isNullOrEmpty();
        assertThat(service.getSpec().getAllocateLoadBalancerNodePorts()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var ingress = client.services().inNamespace("default").withName("public").get().getStatus().getLoadBalancer().getIngress();
            assertThat(ingress).singleElement().satisfies(i -> {
                assertThat(Cidr.parse(ServiceAddresses.LOAD_BALANCER_RANGE).offset(i.getIp())).isPositive();
                assertThat(i.getIpMode()).isEqualTo("VIP");
            });
        });
        Service internal = Serialization.unmarshal(service("public", "{type: ClusterIP, selector: {app: web}, ports: [{port: 443}]}"),
                Service.class);
        client.services().inNamespace("default").resource(internal).update();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.services().inNamespace("default").withName("public")
                .get().getStatus().getLoadBalancer().getIngress()).as("no longer a load balancer, no address").isNullOrEmpty());

        Service local = create(service("public-local", "{type: LoadBalancer, externalTrafficPolicy: Local, ports: [{port: 443}]}"));
        assertThat(local.getSpec().getHealthCheckNodePort()).isBetween(30000, 32767);
        Service classed = create(service("other-lb", "{type: LoadBalancer, loadBalancerClass: example.com/lb, ports: [{port: 443}]}"));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(client.services().inNamespace("default").withName(classed.getMetadata().getName()).get()
                        .getStatus().getLoadBalancer().getIngress()).as("another implementation's class is left alone").isNullOrEmpty());
    }

    @Test
    void kubectlShowsClusterIpsAndExternalAddresses() throws Exception {
        create(service("shown", "{selector: {app: shown}, ports: [{port: 8080}]}"));
        Kubectl result = kubectl(null, "get", "svc", "shown", "-n", "default", "-o", "jsonpath={.spec.clusterIP}");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Cidr.parse(ServiceAddresses.SERVICE_RANGE).offset(result.stdout().trim())).isPositive();
    }

    @Test
    void changingTheClusterIpIsRefused() {
        create(service("fixed", "{selector: {app: f}, ports: [{port: 80}]}"));
        Service headless = Serialization.unmarshal(service("fixed", "{clusterIP: None, selector: {app: f}, ports: [{port: 80}]}"), Service.class);
        KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                () -> client.services().inNamespace("default").resource(headless).update());
        assertThat(e.getStatus().getDetails().getCauses()).extracting(c -> c.getField() + ": " + c.getMessage())
                .isEqualTo(List.of("spec.clusterIPs[0]: Invalid value: [\"None\"]: may not change once set"));
    }
}
