package io.mooring.sandbox.cluster.accounts;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mooring.sandbox.cluster.SandboxTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

class ServiceAccountsTest extends SandboxTestSupport {
    @Test
    void everyNamespaceGetsADefaultAccountAndTheRootCaConfigMap() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-b").endMetadata().build()).create();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(client.serviceAccounts().inNamespace("team-b").withName("default").get()).isNotNull();
            var ca = client.configMaps().inNamespace("team-b").withName("kube-root-ca.crt").get();
            assertThat(ca.getData().get("ca.crt")).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(ca.getMetadata().getAnnotations()).containsKey("kubernetes.io/description");
        });
        client.serviceAccounts().inNamespace("team-b").withName("default").delete();
        client.configMaps().inNamespace("team-b").withName("kube-root-ca.crt").edit(c -> {
            c.getData().put("ca.crt", "tampered");
            return c;
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(client.serviceAccounts().inNamespace("team-b").withName("default").get()).as("recreated").isNotNull();
            assertThat(client.configMaps().inNamespace("team-b").withName("kube-root-ca.crt").get().getData().get("ca.crt"))
                    .as("restored").startsWith("-----BEGIN CERTIFICATE-----");
        });
        assertThat(client.serviceAccounts().inNamespace("kube-system").withName("default").get()).as("system namespaces too").isNotNull();
    }

    @Test
    void aPodRunsAsItsAccountWithTheTokenVolumeMountedAndTheClusterDefaults() {
        Pod pod = client.resource(Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: app, namespace: default}
                spec: {containers: [{name: c, image: "app:1"}]}
                """, Pod.class)).create();
        var spec = pod.getSpec();
        assertThat(spec.getServiceAccountName()).isEqualTo("default");
        assertThat(spec.getServiceAccount()).isEqualTo("default");
        assertThat(spec.getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getName()).startsWith("kube-api-access-");
            assertThat(v.getProjected().getSources()).hasSize(3);
            assertThat(v.getProjected().getDefaultMode()).isEqualTo(420);
        });
        assertThat(spec.getContainers().getFirst().getVolumeMounts()).singleElement().satisfies(m -> {
            assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(spec.getPriority()).isZero();
        assertThat(spec.getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
        assertThat(spec.getEnableServiceLinks()).isTrue();
        assertThat(spec.getTolerations()).extracting(t -> t.getKey() + " " + t.getTolerationSeconds())
                .containsExactly("node.kubernetes.io/not-ready 300", "node.kubernetes.io/unreachable 300");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pod.getStatus().getQosClass()).isEqualTo("BestEffort");
    }

    @Test
    void aPodNamingAMissingAccountOrPriorityClassIsForbidden() {
        KubernetesClientException noAccount = catchThrowableOfType(KubernetesClientException.class, () -> client.resource(Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: ghost, namespace: default}
                spec: {serviceAccountName: ghost, containers: [{name: c, image: "app:1"}]}
                """, Pod.class)).create());
        assertThat(noAccount.getCode()).isEqualTo(403);
        assertThat(noAccount.getStatus().getMessage()).isEqualTo("pods \"ghost\" is forbidden: error looking up service account "
                + "default/ghost: serviceaccount \"ghost\" not found");
        KubernetesClientException noClass = catchThrowableOfType(KubernetesClientException.class, () -> client.resource(Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: vip, namespace: default}
                spec: {priorityClassName: platinum, containers: [{name: c, image: "app:1"}]}
                """, Pod.class)).create());
        assertThat(noClass.getStatus().getMessage()).isEqualTo("pods \"vip\" is forbidden: no PriorityClass with name platinum was found");
        Pod critical = client.resource(Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: critical, namespace: default}
                spec: {priorityClassName: system-cluster-critical, containers: [{name: c, image: "app:1"}]}
                """, Pod.class)).create();
        assertThat(critical.getSpec().getPriority()).isEqualTo(2_000_000_000);
    }

    @Test
    void aPodInAFreshNamespaceDoesNotWaitForTheController() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("fresh").endMetadata().build()).create();
        Pod pod = client.resource(Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: early, namespace: fresh}
                spec: {containers: [{name: c, image: "app:1"}]}
                """, Pod.class)).create();
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("default");
    }
}
