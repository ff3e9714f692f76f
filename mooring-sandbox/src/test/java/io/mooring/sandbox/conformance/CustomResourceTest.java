package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CustomResourceDefinitions register new kinds, served at their group version with their scope,
 * status subresource and printer columns, until the definition is deleted. The registration is
 * the apiextensions controller's work, so every test here waits for it.
 */
class CustomResourceTest {
    private static final Duration REGISTRATION = Duration.ofSeconds(30);
    private static final String GROUP = "conformance.mooring.io";

    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private static String crd(String plural, String kind, String scope) {
        return """
                {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                 "metadata": {"name": "%1$s.%4$s"},
                 "spec": {"group": "%4$s", "scope": "%3$s",
                  "names": {"plural": "%1$s", "singular": "%5$s", "kind": "%2$s", "shortNames": ["%5$s-short"], "categories": ["conformance"]},
                  "versions": [{"name": "v1", "served": true, "storage": true,
                    "subresources": {"status": {}},
                    "additionalPrinterColumns": [{"name": "Size", "type": "integer", "jsonPath": ".spec.size"},
                                                 {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}],
                    "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                      "spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                      "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}}}]}}
                """.formatted(plural, kind, scope, GROUP, kind.toLowerCase());
    }

    @BeforeAll
    static void definitions() {
        for (String definition : List.of(crd("widgets", "Widget", "Namespaced"), crd("gadgets", "Gadget", "Cluster"))) {
            RawApi.Reply reply = cluster.raw().post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", definition);
            assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        }
        await().atMost(REGISTRATION).untilAsserted(() -> assertThat(resources()).contains("widgets", "gadgets"));
    }

    @AfterAll
    static void removeDefinitions() {
        cluster.raw().delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets." + GROUP);
        cluster.raw().delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets." + GROUP);
    }

    private static List<String> resources() {
        RawApi.Reply reply = cluster.raw().get("/apis/" + GROUP + "/v1");
        List<String> names = new ArrayList<>();
        if (reply.code() == 200) {
            reply.json().path("resources").forEach(r -> names.add(r.path("name").asText()));
        }
        return names;
    }

    private String widgets() {
        return "/apis/" + GROUP + "/v1/namespaces/" + cluster.namespace() + "/widgets";
    }

    private JsonNode createWidget(String name, int size) {
        RawApi.Reply reply = cluster.raw().post(widgets(), """
                {"apiVersion": "%s/v1", "kind": "Widget", "metadata": {"name": "%s"}, "spec": {"size": %d}, "status": {"ready": true}}
                """.formatted(GROUP, name, size));
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        return reply.json();
    }

    @Test
    void definitionBecomesEstablished() {
        await().atMost(REGISTRATION).untilAsserted(() -> {
            JsonNode conditions = cluster.raw().get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets." + GROUP)
                    .json().path("status").path("conditions");
            assertThat(conditions).filteredOn(c -> c.path("type").asText().equals("Established"))
                    .extracting(c -> c.path("status").asText()).as("kubectl waits for condition=established").containsExactly("True");
        });
    }

    @Test
    void discoveryListsTheKindWithItsScopeNamesAndStatus() {
        JsonNode list = cluster.raw().get("/apis/" + GROUP + "/v1").json();

        JsonNode widgets = null;
        JsonNode gadgets = null;
        List<String> names = new ArrayList<>();
        for (JsonNode resource : list.path("resources")) {
            names.add(resource.path("name").asText());
            if (resource.path("name").asText().equals("widgets")) {
                widgets = resource;
            } else if (resource.path("name").asText().equals("gadgets")) {
                gadgets = resource;
            }
        }
        assertThat(widgets).isNotNull();
        assertThat(gadgets).isNotNull();
        assertThat(widgets.path("namespaced").asBoolean()).isTrue();
        assertThat(gadgets.path("namespaced").asBoolean()).isFalse();
        assertThat(widgets.path("kind").asText()).isEqualTo("Widget");
        assertThat(widgets.path("shortNames").path(0).asText()).isEqualTo("widget-short");
        assertThat(widgets.path("categories").path(0).asText()).isEqualTo("conformance");
        assertThat(names).contains("widgets/status");
        JsonNode groups = cluster.raw().get("/apis").json().path("groups");
        assertThat(groups.findValuesAsText("name")).contains(GROUP);
    }

    @Test
    void namespacedKindIsServedInNamespaces() {
        createWidget("first", 1);

        assertThat(cluster.raw().get(widgets() + "/first").json().path("spec").path("size").asInt()).isEqualTo(1);
        assertThat(cluster.raw().get("/apis/" + GROUP + "/v1/widgets").json().path("items").findValuesAsText("name"))
                .as("a namespaced kind is listed across namespaces").contains("first");
        assertThat(cluster.raw().post("/apis/" + GROUP + "/v1/widgets", """
                {"apiVersion": "%s/v1", "kind": "Widget", "metadata": {"name": "nowhere"}}
                """.formatted(GROUP)).code()).as("but not created outside one").isIn(404, 405);
    }

    @Test
    void clusterScopedKindIsServedWithoutNamespace() {
        RawApi.Reply created = cluster.raw().post("/apis/" + GROUP + "/v1/gadgets", """
                {"apiVersion": "%s/v1", "kind": "Gadget", "metadata": {"name": "%s-gadget"}, "spec": {"size": 3}}
                """.formatted(GROUP, cluster.namespace()));

        assertThat(created.code()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("metadata").has("namespace")).isFalse();
        assertThat(cluster.raw().get("/apis/" + GROUP + "/v1/namespaces/" + cluster.namespace() + "/gadgets").code())
                .as("a cluster-scoped kind has no namespaced URL").isEqualTo(404);
        cluster.raw().delete("/apis/" + GROUP + "/v1/gadgets/" + cluster.namespace() + "-gadget");
    }

    @Test
    void statusSubresourceSplitsSpecAndStatus() {
        JsonNode created = createWidget("split", 1);
        assertThat(created.path("status").isMissingNode()).as("create drops status when there is a status subresource").isTrue();

        ObjectNode status = (ObjectNode) created.deepCopy();
        ((ObjectNode) status.path("spec")).put("size", 99);
        status.putObject("status").put("ready", true);
        JsonNode afterStatus = cluster.raw().put(widgets() + "/split/status", status.toString()).json();
        ObjectNode spec = (ObjectNode) afterStatus.deepCopy();
        ((ObjectNode) spec.path("spec")).put("size", 2);
        spec.putObject("status").put("ready", false);
        JsonNode afterSpec = cluster.raw().put(widgets() + "/split", spec.toString()).json();

        assertThat(afterStatus.path("spec").path("size").asInt()).as("a status write keeps the spec").isEqualTo(1);
        assertThat(afterStatus.path("status").path("ready").asBoolean()).isTrue();
        assertThat(afterSpec.path("spec").path("size").asInt()).isEqualTo(2);
        assertThat(afterSpec.path("status").path("ready").asBoolean()).as("a spec write keeps the status").isTrue();
        assertThat(afterSpec.path("metadata").path("generation").asLong()).as("the spec change is generation 2").isEqualTo(2);
        assertThat(afterStatus.path("metadata").path("generation").asLong()).isEqualTo(1);
    }

    @Test
    void customResourcesTakeMergeAndJsonPatchesButNotStrategicMerge() {
        createWidget("patched", 1);

        RawApi.Reply merge = cluster.raw().patch(widgets() + "/patched", "application/merge-patch+json", "{\"spec\": {\"size\": 5}}");
        RawApi.Reply json = cluster.raw().patch(widgets() + "/patched", "application/json-patch+json",
                "[{\"op\": \"replace\", \"path\": \"/spec/size\", \"value\": 6}]");
        RawApi.Reply strategic = cluster.raw().patch(widgets() + "/patched", "application/strategic-merge-patch+json",
                "{\"spec\": {\"size\": 7}}");

        assertThat(merge.json().path("spec").path("size").asInt()).isEqualTo(5);
        assertThat(json.json().path("spec").path("size").asInt()).isEqualTo(6);
        assertThat(strategic.code()).as("custom resources have no strategic merge schema: %s", strategic).isEqualTo(415);
        assertThat(strategic.reason()).isEqualTo("UnsupportedMediaType");
    }

    @Test
    void tableUsesTheAdditionalPrinterColumns() {
        createWidget("printed", 4);

        JsonNode table = cluster.raw().get(widgets(), "application/json;as=Table;v=v1;g=meta.k8s.io").json();

        assertThat(table.path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Size", "Age");
        JsonNode row = null;
        for (JsonNode r : table.path("rows")) {
            if (r.path("cells").path(0).asText().equals("printed")) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("cells").path(1).asInt()).isEqualTo(4);
    }

    @Test
    void deletingTheDefinitionStopsServingTheKind() {
        RawApi.Reply created = cluster.raw().post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                crd("doodads", "Doodad", "Namespaced"));
        assertThat(created.code()).as("%s", created).isEqualTo(201);
        String doodads = "/apis/" + GROUP + "/v1/namespaces/" + cluster.namespace() + "/doodads";
        await().atMost(REGISTRATION).untilAsserted(() -> assertThat(cluster.raw().get(doodads).code()).isEqualTo(200));

        cluster.raw().delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/doodads." + GROUP);

        await().atMost(REGISTRATION).untilAsserted(() -> assertThat(cluster.raw().get(doodads).code()).isEqualTo(404));
        assertThat(resources()).doesNotContain("doodads");
    }
}
