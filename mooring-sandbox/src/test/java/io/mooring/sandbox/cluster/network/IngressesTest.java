package io.mooring.sandbox.cluster.network;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mooring.sandbox.cluster.SandboxTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simulated ingress controller publishes its address on every Ingress, as ingress-nginx does. */
class IngressesTest extends SandboxTestSupport {
    @Test
    void anIngressGetsTheControllersAddressAfterAShortDelayAndKeepsItAcrossSpecChanges() {
        Ingress created = client.resource(Serialization.unmarshal("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web, namespace: default}
                spec:
                  ingressClassName: nginx
                  rules:
                  - host: web.example.com
                    http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                """, Ingress.class)).create();
        assertThat(created.getStatus() == null || created.getStatus().getLoadBalancer() == null
                || created.getStatus().getLoadBalancer().getIngress() == null || created.getStatus().getLoadBalancer().getIngress().isEmpty())
                .as("no address at once: a controller publishes it later").isTrue();

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> assertThat(ingress().getStatus().getLoadBalancer()
                .getIngress()).singleElement().satisfies(i -> assertThat(i.getIp()).isEqualTo(IngressController.ADDRESS)));

        client.network().v1().ingresses().inNamespace("default").withName("web")
                .edit(i -> { i.getSpec().getRules().get(0).setHost("www.example.com"); return i; });
        assertThat(ingress().getStatus().getLoadBalancer().getIngress()).as("a spec write keeps the status").hasSize(1);
    }

    private static Ingress ingress() {
        return client.network().v1().ingresses().inNamespace("default").withName("web").get();
    }
}
