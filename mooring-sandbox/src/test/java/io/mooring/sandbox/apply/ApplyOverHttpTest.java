package io.mooring.sandbox.apply;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server-side apply, patches and field validation over HTTP, with the fabric8 client Mooring uses. */
class ApplyOverHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Sandbox sandbox;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()))).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        sandbox.close();
        HTTP.shutdownNow();
    }

    private static Deployment deployment(String name, Integer replicas, String image) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace("default").withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static ManagedFieldsEntry entry(Deployment d, String manager) {
        return d.getMetadata().getManagedFields().stream().filter(e -> e.getManager().equals(manager)).findFirst()
                .orElseThrow(() -> new AssertionError("no managedFields entry for " + manager + ": " + d.getMetadata().getManagedFields()));
    }

    @Test
    void serverSideApplyCreatesTheObjectAndRecordsTheAppliersFields() {
        Deployment applied = client.apps().deployments().resource(deployment("created", 2, "nginx:1")).fieldManager("mooring")
                .serverSideApply();
        assertThat(applied.getSpec().getReplicas()).isEqualTo(2);
        ManagedFieldsEntry entry = entry(applied, "mooring");
        assertThat(entry.getOperation()).isEqualTo("Apply");
        assertThat(entry.getFieldsType()).isEqualTo("FieldsV1");
        assertThat(entry.getTime()).as("each entry has the time of its manager's last change").isNotBlank();
        assertThat(entry.getFieldsV1().getAdditionalProperties()).containsKeys("f:metadata", "f:spec");
    }

    @Test
    void reapplyingWithoutAFieldRemovesItFromTheObject() {
        var resource = client.apps().deployments().inNamespace("default").withName("pruned");
        client.apps().deployments().resource(deployment("pruned", 3, "nginx:1")).fieldManager("mooring").serverSideApply();
        Deployment again = client.apps().deployments().resource(deployment("pruned", null, "nginx:1")).fieldManager("mooring")
                .serverSideApply();
        // Removed, then defaulted again as a real API server does: 1, and no longer the manager's field.
        assertThat(again.getSpec().getReplicas()).as("replicas was applied before and is not now: back to its default").isEqualTo(1);
        assertThat(entry(resource.get(), "mooring").getFieldsV1().getAdditionalProperties().toString()).doesNotContain("f:replicas");
    }

    @Test
    void aConflictIsA409WithTheApiServersMessageAndForceTakesTheField() {
        client.apps().deployments().resource(deployment("contested", 2, "nginx:1")).fieldManager("mooring").serverSideApply();
        var other = client.apps().deployments().resource(deployment("contested", 5, "nginx:1"));
        assertThatThrownBy(() -> other.fieldManager("ci").serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getMessage())
                            .isEqualTo("Apply failed with 1 conflict: conflict with \"mooring\": .spec.replicas");
                    assertThat(e.getStatus().getDetails().getCauses()).singleElement()
                            .satisfies(c -> assertThat(c.getField()).isEqualTo(".spec.replicas"));
                });
        Deployment forced = client.apps().deployments().resource(deployment("contested", 5, "nginx:1"))
                .patch(forcedApply("ci"), deployment("contested", 5, "nginx:1"));
        assertThat(forced.getSpec().getReplicas()).isEqualTo(5);
        assertThat(entry(forced, "ci").getFieldsV1().getAdditionalProperties().toString()).contains("f:replicas");
        assertThat(entry(forced, "mooring").getFieldsV1().getAdditionalProperties().toString()).doesNotContain("f:replicas");
    }

    private static PatchContext forcedApply(String manager) {
        PatchContext context = PatchContext.of(PatchType.SERVER_SIDE_APPLY);
        context.setFieldManager(manager);
        context.setForce(true);
        return context;
    }

    @Test
    void anEditIsAnUpdateThatTakesOwnershipOfWhatItChanged() {
        client.apps().deployments().resource(deployment("edited", 2, "nginx:1")).fieldManager("mooring").serverSideApply();
        Deployment scaled = editOnTheLatestVersion("edited", d -> new DeploymentBuilder(d).editSpec().withReplicas(4).endSpec().build());
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(4);
        ManagedFieldsEntry fabric8 = entry(scaled, "fabric8-kubernetes-client");
        assertThat(fabric8.getOperation()).isEqualTo("Update");
        assertThat(fabric8.getFieldsV1().getAdditionalProperties()).isEqualTo(Map.of("f:spec", Map.of("f:replicas", Map.of())));
        assertThatThrownBy(() -> client.apps().deployments().resource(deployment("edited", 2, "nginx:1")).fieldManager("mooring")
                .serverSideApply())
                .hasMessageContaining("conflict with \"fabric8-kubernetes-client\" using apps/v1: .spec.replicas");
    }

    /**
     * fabric8's edit reads the object and sends its change with the resourceVersion it read, so a write
     * in between (the deployment controller records the rollout in the status) makes it a 409, as on a
     * real API server. Like kubectl's retry on conflict, the edit starts again from a fresh read.
     */
    private static Deployment editOnTheLatestVersion(String name, UnaryOperator<Deployment> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.apps().deployments().inNamespace("default").withName(name).edit(change);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    @Test
    void strategicMergePatchMergesContainersByName() {
        client.apps().deployments().resource(deployment("patched", 1, "nginx:1")).fieldManager("mooring").serverSideApply();
        Deployment patched = client.apps().deployments().inNamespace("default").withName("patched").patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"envoy\"}]}}}}");
        assertThat(patched.getSpec().getTemplate().getSpec().getContainers()).extracting(c -> c.getName())
                .containsExactly("sidecar", "app");
    }

    @Test
    void strictFieldValidationRefusesUnknownFieldsAndTheDefaultWarns() throws Exception {
        String body = """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "strict"},
                 "data": {"a": "1"}, "dataa": {"b": "2"}, "data": {"a": "3"}}""";
        HttpResponse<String> strict = post("/api/v1/namespaces/default/configmaps?fieldValidation=Strict", body);
        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(strict.body()).contains("ConfigMap in version \\\"v1\\\" cannot be handled as a ConfigMap: "
                + "strict decoding error: duplicate field \\\"data\\\", unknown field \\\"dataa\\\"");
        HttpResponse<String> warned = post("/api/v1/namespaces/default/configmaps", body);
        assertThat(warned.statusCode()).isEqualTo(201);
        assertThat(warned.headers().allValues("Warning")).containsExactly("299 - \"duplicate field \\\"data\\\"\"",
                "299 - \"unknown field \\\"dataa\\\"\"");
        ConfigMap stored = client.configMaps().inNamespace("default").withName("strict").get();
        assertThat(stored.getData()).as("the last of a repeated field wins").isEqualTo(Map.of("a", "3"));
        assertThat(stored.getAdditionalProperties()).as("the unknown field is dropped").doesNotContainKey("dataa");
    }

    @Test
    void fabric8sStrictValidationFailsAMergePatchWithAnUnknownField() {
        client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("merged").withNamespace("default")
                .endMetadata().build()).create();
        ConfigMap unknown = new ConfigMapBuilder().withNewMetadata().withName("merged").withNamespace("default").endMetadata().build();
        unknown.setAdditionalProperty("colour", "red");
        assertThatThrownBy(() -> client.configMaps().resource(unknown).fieldValidation(FieldValidateable.Validation.STRICT).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getStatus().getMessage()).endsWith("strict decoding error: unknown field \"colour\"");
                });
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStatusApplyOwnsOnlyTheStatus() {
        client.apps().deployments().resource(deployment("status", 1, "nginx:1")).fieldManager("mooring").serverSideApply();
        Deployment status = new DeploymentBuilder().withNewMetadata().withName("status").withNamespace("default").endMetadata()
                .withNewStatus().withReplicas(1).withObservedGeneration(1L).endStatus().build();
        PatchContext context = PatchContext.of(PatchType.SERVER_SIDE_APPLY);
        context.setFieldManager("controller");
        Deployment result = client.apps().deployments().inNamespace("default").withName("status").subresource("status")
                .patch(context, status);
        assertThat(result.getStatus().getReplicas()).isEqualTo(1);
        ManagedFieldsEntry controller = entry(result, "controller");
        assertThat(controller.getSubresource()).isEqualTo("status");
        assertThat(controller.getFieldsV1().getAdditionalProperties().keySet()).isEqualTo(java.util.Set.of("f:status"));
        assertThat(List.of(entry(result, "mooring").getSubresource() == null)).containsExactly(true);
    }
}
