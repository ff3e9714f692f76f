package io.mooring.sandbox.cluster.crd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mooring.sandbox.cluster.SandboxTestSupport;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** A CRD makes its kind served through every path: discovery, CRUD, status, watch, kubectl; deleting it takes its objects along. */
class CustomResourcesTest extends SandboxTestSupport {
    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: %1$s.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: %2$s, plural: %1$s, shortNames: [%3$s], categories: [all]}
              versions:
              - name: v1
                served: true
                storage: true
                subresources: {status: {}}
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          size: {type: integer, minimum: 1, default: 1}
                          color: {type: string}
                      status:
                        type: object
                        properties:
                          phase: {type: string}
            """;

    private static ResourceDefinitionContext context(String plural, String kind) {
        return new ResourceDefinitionContext.Builder().withGroup("example.com").withVersion("v1").withKind(kind).withPlural(plural)
                .withNamespaced(true).build();
    }

    private static CustomResourceDefinition establish(String plural, String kind, String shortName) {
        client.apiextensions().v1().customResourceDefinitions()
                .resource(Serialization.unmarshal(CRD.formatted(plural, kind, shortName), CustomResourceDefinition.class)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> condition(plural, "Established").equals("True"));
        return client.apiextensions().v1().customResourceDefinitions().withName(plural + ".example.com").get();
    }

    private static String condition(String plural, String type) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(plural + ".example.com").get();
        if (crd == null || crd.getStatus() == null || crd.getStatus().getConditions() == null) {
            return "";
        }
        return crd.getStatus().getConditions().stream().filter(c -> c.getType().equals(type))
                .map(CustomResourceDefinitionCondition::getStatus).findFirst().orElse("");
    }

    private static GenericKubernetesResource widget(String kind, String name, Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("example.com/v1");
        resource.setKind(kind);
        resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace("default").build());
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }

    @Test
    void anEstablishedCrdIsServedWithItsNamesAndSchema() throws Exception {
        CustomResourceDefinition crd = establish("widgets", "Widget", "wg");
        assertThat(crd.getStatus().getAcceptedNames().getKind()).isEqualTo("Widget");
        assertThat(crd.getStatus().getAcceptedNames().getListKind()).isEqualTo("WidgetList");
        assertThat(crd.getStatus().getAcceptedNames().getSingular()).isEqualTo("widget");
        assertThat(crd.getStatus().getStoredVersions()).containsExactly("v1");
        assertThat(crd.getMetadata().getFinalizers()).containsExactly("customresourcecleanup.apiextensions.k8s.io");
        assertThat(condition("widgets", "NamesAccepted")).isEqualTo("True");

        var resources = client.getApiResources("example.com/v1").getResources();
        assertThat(resources).anySatisfy(r -> {
            assertThat(r.getName()).isEqualTo("widgets");
            assertThat(r.getShortNames()).containsExactly("wg");
            assertThat(r.getNamespaced()).isTrue();
        });
        assertThat(resources).extracting(r -> r.getName()).contains("widgets/status");

        var widgets = client.genericKubernetesResources(context("widgets", "Widget")).inNamespace("default");
        // A watch over plain HTTP, as kubectl --watch makes it (fabric8 watches over WebSocket).
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.url() + "/apis/example.com/v1/namespaces/default/widgets?watch=true")).build();
        CompletableFuture<HttpResponse<Stream<String>>> watch = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        GenericKubernetesResource created = widgets.resource(widget("Widget", "w1", Map.of("color", "red", "typo", true))).create();
        assertThat(created.getAdditionalProperties().get("spec")).as("unknown fields pruned, defaults filled")
                .isEqualTo(Map.of("color", "red", "size", 1));
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        try (Stream<String> lines = watch.get(10, TimeUnit.SECONDS).body()) {
            assertThat(lines.findFirst()).hasValueSatisfying(line ->
                    assertThat(line).startsWith("{\"type\":\"ADDED\"").contains("\"name\":\"w1\""));
        }

        GenericKubernetesResource withStatus = widgets.withName("w1").get();
        withStatus.setAdditionalProperty("status", Map.of("phase", "Ready"));
        widgets.resource(withStatus).updateStatus();
        GenericKubernetesResource changed = widgets.withName("w1").get();
        changed.setAdditionalProperty("spec", Map.of("color", "blue", "size", 2));
        changed.setAdditionalProperty("status", Map.of("phase", "Ignored"));
        GenericKubernetesResource updated = widgets.resource(changed).update();
        assertThat(updated.getAdditionalProperties().get("status")).as("the main resource keeps the status").isEqualTo(Map.of("phase", "Ready"));
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);

        KubernetesClientException invalid = catchThrowableOfType(KubernetesClientException.class,
                () -> widgets.resource(widget("Widget", "w0", Map.of("size", 0))).create());
        assertThat(invalid.getCode()).isEqualTo(422);
        assertThat(invalid.getStatus().getMessage()).isEqualTo("Widget.example.com \"w0\" is invalid: spec.size: Invalid value: 0: "
                + "spec.size in body should be greater than or equal to 1");

        Kubectl get = kubectl(null, "get", "wg", "-n", "default");
        assertThat(get.exitCode()).as(get.stderr()).isZero();
        assertThat(get.stdout()).contains("w1");
    }

    @Test
    void deletingTheCrdDeletesItsObjectsAndStopsServingThem() {
        establish("gadgets", "Gadget", "gd");
        var gadgets = client.genericKubernetesResources(context("gadgets", "Gadget")).inNamespace("default");
        gadgets.resource(widget("Gadget", "g1", Map.of())).create();
        GenericKubernetesResource held = widget("Gadget", "g2", Map.of());
        held.getMetadata().setFinalizers(List.of("example.com/hold"));
        gadgets.resource(held).create();

        client.apiextensions().v1().customResourceDefinitions().withName("gadgets.example.com").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> condition("gadgets", "Terminating").equals("True"));
        await().atMost(Duration.ofSeconds(10)).until(() -> gadgets.withName("g1").get() == null);
        KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class,
                () -> gadgets.resource(widget("Gadget", "g3", Map.of())).create());
        assertThat(refused.getCode()).as("no new objects while the CRD is terminating").isEqualTo(405);

        gadgets.withName("g2").edit(g -> {
            g.getMetadata().setFinalizers(List.of());
            return g;
        });
        await().atMost(Duration.ofSeconds(10)).until(() ->
                client.apiextensions().v1().customResourceDefinitions().withName("gadgets.example.com").get() == null);
        KubernetesClientException gone = catchThrowableOfType(KubernetesClientException.class, () -> gadgets.list());
        assertThat(gone.getCode()).as("the resource is no longer served").isEqualTo(404);
    }

    @Test
    void aKindAlreadyServedInTheGroupIsNotAccepted() {
        establish("sprockets", "Sprocket", "sp");
        client.apiextensions().v1().customResourceDefinitions().resource(Serialization.unmarshal(
                CRD.formatted("sprocketz", "Sprocket", "spz"), CustomResourceDefinition.class)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> condition("sprocketz", "NamesAccepted").equals("False"));
        var conflicting = client.apiextensions().v1().customResourceDefinitions().withName("sprocketz.example.com").get();
        assertThat(conflicting.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("NamesAccepted");
            assertThat(c.getReason()).isEqualTo("KindConflict");
            assertThat(c.getMessage()).isEqualTo("\"Sprocket\" is already in use");
        });
        assertThat(condition("sprocketz", "Established")).isEqualTo("False");
    }

    @Test
    void namespaceDeletionTakesCustomResourcesAlong() {
        establish("gizmos", "Gizmo", "gz");
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("gizmo-land")
                .endMetadata().build()).create();
        var gizmos = client.genericKubernetesResources(context("gizmos", "Gizmo"));
        GenericKubernetesResource gizmo = widget("Gizmo", "gz1", Map.of());
        gizmo.getMetadata().setNamespace("gizmo-land");
        gizmos.inNamespace("gizmo-land").resource(gizmo).create();
        client.namespaces().withName("gizmo-land").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.namespaces().withName("gizmo-land").get() == null);
        assertThat(gizmos.inNamespace("gizmo-land").list().getItems()).isEmpty();
    }

    @Test
    void crdValidationSpeaksTheApiServersWords() {
        KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class, () ->
                client.apiextensions().v1().customResourceDefinitions().resource(Serialization.unmarshal(
                        CRD.formatted("things", "Thing", "th").replace("name: things.example.com", "name: wrong.example.com"),
                        CustomResourceDefinition.class)).create());
        assertThat(e.getCode()).isEqualTo(422);
        assertThat(e.getStatus().getDetails().getCauses()).anySatisfy(c -> {
            assertThat(c.getField()).isEqualTo("metadata.name");
            assertThat(c.getMessage()).isEqualTo("Invalid value: \"wrong.example.com\": must be spec.names.plural+\".\"+spec.group");
        });
    }
}
