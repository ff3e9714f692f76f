package io.mooring.sandbox.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Defaults and validation as clients see them over HTTP. */
class DefaultsOverHttpTest extends SandboxTestSupport {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: default}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 80}], resources: {limits: {memory: 0.5Gi}}}]
            """;

    @Test
    void createdDeploymentReadsBackWithTheServersDefaults() {
        Deployment created = client.resource(Serialization.unmarshal(DEPLOYMENT, Deployment.class)).create();
        assertThat(created.getSpec().getReplicas()).isEqualTo(1);
        assertThat(created.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(created.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal()).isEqualTo("25%");
        assertThat(created.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(created.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
        var pod = created.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Always");
        assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(pod.getSchedulerName()).isEqualTo("default-scheduler");
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(pod.getContainers().getFirst().getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(pod.getContainers().getFirst().getPorts().getFirst().getProtocol()).isEqualTo("TCP");
        assertThat(pod.getContainers().getFirst().getResources().getLimits().get("memory").toString())
                .as("quantities come back canonical").isEqualTo("512Mi");
    }

    @Test
    void selectorThatMissesTheTemplateIsA422WithTheApiServersCause() {
        KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class, () -> client.resource(
                Serialization.unmarshal(DEPLOYMENT.replace("name: web,", "name: api,").replace("labels: {app: web}", "labels: {app: api}"),
                        Deployment.class)).create());
        assertThat(e.getCode()).isEqualTo(422);
        assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
        assertThat(e.getStatus().getDetails().getCauses()).singleElement().satisfies(cause -> {
            assertThat(cause.getField()).isEqualTo("spec.template.metadata.labels");
            assertThat(cause.getMessage()).isEqualTo("Invalid value: {\"app\":\"api\"}: `selector` does not match template `labels`");
        });
    }

    @Test
    void kubectlPrintsTheValidationErrorAsForARealCluster() throws Exception {
        Kubectl result = kubectl(DEPLOYMENT.replace("name: web,", "name: broken,").replace("labels: {app: web}", "labels: {app: other}"),
                "apply", "-f", "-");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("The Deployment \"broken\" is invalid: spec.template.metadata.labels: Invalid value: "
                + "{\"app\":\"other\"}: `selector` does not match template `labels`");
    }

    @Test
    void kubectlServerSideApplyOfADeploymentTwiceChangesNothing() throws Exception {
        String manifest = DEPLOYMENT.replace("name: web,", "name: applied,").replace("app: web", "app: applied");
        Kubectl first = kubectl(manifest, "apply", "--server-side", "-f", "-");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        // The simulated controllers write status meanwhile, so the resourceVersion moves; the
        // generation and kubectl's own managed-fields entry show whether the apply changed anything.
        var before = client.apps().deployments().inNamespace("default").withName("applied").get().getMetadata();
        Kubectl second = kubectl(manifest, "apply", "--server-side", "-f", "-");
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        var after = client.apps().deployments().inNamespace("default").withName("applied").get().getMetadata();
        assertThat(after.getGeneration()).as("applying the same manifest over the defaulted object is a no-op").isEqualTo(before.getGeneration());
        assertThat(after.getManagedFields()).filteredOn(m -> m.getManager().equals("kubectl")).singleElement()
                .satisfies(m -> assertThat(m.getTime()).isEqualTo(before.getManagedFields().stream()
                        .filter(b -> b.getManager().equals("kubectl")).findFirst().orElseThrow().getTime()));
    }

    @Test
    void namespaceAndSecretDefaultsOverHttp() {
        var namespace = client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("defaults-ns").endMetadata().build()).create();
        assertThat(namespace.getSpec().getFinalizers()).containsExactly("kubernetes");
        assertThat(namespace.getStatus().getPhase()).isEqualTo("Active");
        assertThat(namespace.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "defaults-ns");
        GenericKubernetesResource secret = client.resource(Serialization.unmarshal("""
                apiVersion: v1
                kind: Secret
                metadata: {name: creds, namespace: default}
                stringData: {token: abc}
                """, GenericKubernetesResource.class)).create();
        assertThat(secret.getAdditionalProperties()).containsEntry("type", "Opaque").doesNotContainKey("stringData");
        assertThat(secret.getAdditionalProperties().get("data")).isEqualTo(java.util.Map.of("token", "YWJj"));
    }
}
