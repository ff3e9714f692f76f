package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side apply ({@code application/apply-patch+yaml}): the object a manager declares is merged
 * in, the fields it set are recorded as its own in managedFields, fields it stops declaring are
 * removed, and setting another manager's field is a conflict unless forced.
 */
class ServerSideApplyTest {
    private static final String APPLY = "application/apply-patch+yaml";

    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private String configMap(String name) {
        return "/api/v1/namespaces/" + cluster.namespace() + "/configmaps/" + name;
    }

    private RawApi.Reply apply(String name, String manager, String data, boolean force) {
        return cluster.raw().patch(configMap(name) + "?fieldManager=" + manager + (force ? "&force=true" : ""), APPLY, """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                %s
                """.formatted(name, data.indent(2)));
    }

    private static JsonNode entry(JsonNode object, String manager) {
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            if (entry.path("manager").asText().equals(manager)) {
                return entry;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    @Test
    void applyCreatesAMissingObject() {
        RawApi.Reply reply = apply("created-by-apply", "conformance", "a: \"1\"", false);

        assertThat(reply.code()).as("an apply that creates answers 201: %s", reply).isEqualTo(201);
        assertThat(reply.json().path("data").path("a").asText()).isEqualTo("1");
        assertThat(reply.json().path("metadata").path("uid").asText()).isNotEmpty();
    }

    @Test
    void applyOfAnExistingObjectUpdatesIt() {
        apply("applied-twice", "conformance", "a: \"1\"", false);

        RawApi.Reply reply = apply("applied-twice", "conformance", "a: \"2\"", false);

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("data").path("a").asText()).isEqualTo("2");
    }

    @Test
    void reapplyingTheSameManifestChangesNothing() {
        // A Service: the server fills in many defaults, and no controller writes it after (a Deployment's would).
        String services = "/api/v1/namespaces/" + cluster.namespace() + "/services/reapplied?fieldManager=conformance";
        String manifest = """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "reapplied"},
                 "spec": {"selector": {"app": "reapplied"}, "ports": [{"port": 80}]}}
                """;
        String first = cluster.raw().patch(services, APPLY, manifest).json().path("metadata").path("resourceVersion").asText();

        RawApi.Reply again = cluster.raw().patch(services, APPLY, manifest);

        assertThat(again.code()).as("%s", again).isEqualTo(200);
        assertThat(again.json().path("metadata").path("resourceVersion").asText()).as("an apply that changes nothing writes nothing")
                .isEqualTo(first);
    }

    @Test
    void applyWithoutAFieldManagerIsRefused() {
        RawApi.Reply reply = cluster.raw().patch(configMap("no-manager"), APPLY, """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "no-manager"}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(422);
        assertThat(reply.reason()).isEqualTo("Invalid");
        assertThat(reply.message()).contains("fieldManager: Required value: is required for apply patch");
    }

    @Test
    void dryRunApplyStoresNothing() {
        RawApi.Reply reply = cluster.raw().patch(configMap("dry-applied") + "?fieldManager=conformance&dryRun=All", APPLY, """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "dry-applied"}, "data": {"a": "1"}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        assertThat(cluster.raw().get(configMap("dry-applied")).code()).isEqualTo(404);
    }

    @Test
    void fabric8ServerSideApplyCreatesAndUpdates() {
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("fabric8-applied").endMetadata().addToData("a", "1").build();
        var resource = cluster.client().configMaps().inNamespace(cluster.namespace()).resource(map);
        resource.fieldManager("conformance").forceConflicts().serverSideApply();
        map.getData().put("a", "2");

        ConfigMap applied = cluster.client().configMaps().inNamespace(cluster.namespace()).resource(map)
                .fieldManager("conformance").forceConflicts().serverSideApply();

        assertThat(applied.getData()).containsEntry("a", "2");
    }

    @Test
    void applyRecordsTheManagersFields() {
        RawApi.Reply reply = apply("owned", "conformance", "a: \"1\"", false);

        JsonNode entry = entry(reply.json(), "conformance");
        assertThat(entry.path("operation").asText()).isEqualTo("Apply");
        assertThat(entry.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(entry.path("fieldsType").asText()).isEqualTo("FieldsV1");
        assertThat(entry.path("fieldsV1").path("f:data").has("f:a")).as("%s", entry).isTrue();
    }

    @Test
    void fieldsAManagerStopsApplyingAreRemoved() {
        apply("shrinking", "conformance", "a: \"1\"\nb: \"2\"", false);

        RawApi.Reply reply = apply("shrinking", "conformance", "a: \"1\"", false);

        assertThat(reply.json().path("data").has("b")).as("b was applied before and is not any more").isFalse();
        assertThat(reply.json().path("data").path("a").asText()).isEqualTo("1");
    }

    @Test
    void fieldsOfOtherManagersStayWhenOmitted() {
        apply("shared", "first", "a: \"1\"", false);
        apply("shared", "second", "b: \"2\"", false);

        RawApi.Reply reply = apply("shared", "second", "c: \"3\"", false);

        assertThat(reply.json().path("data").path("a").asText()).as("first's field is not second's to remove").isEqualTo("1");
        assertThat(reply.json().path("data").has("b")).isFalse();
    }

    @Test
    void applyingAnotherManagersFieldConflicts() {
        apply("contested", "first", "a: \"1\"", false);

        RawApi.Reply reply = apply("contested", "second", "a: \"2\"", false);

        assertThat(reply.code()).as("%s", reply).isEqualTo(409);
        assertThat(reply.reason()).isEqualTo("Conflict");
        assertThat(reply.message()).isEqualTo("Apply failed with 1 conflict: conflict with \"first\": .data.a");
        JsonNode cause = reply.json().path("details").path("causes").path(0);
        assertThat(cause.path("reason").asText()).isEqualTo("FieldManagerConflict");
        assertThat(cause.path("field").asText()).isEqualTo(".data.a");
        assertThat(cluster.raw().get(configMap("contested")).json().path("data").path("a").asText()).isEqualTo("1");
    }

    @Test
    void forcedApplyTakesTheFieldOver() {
        apply("taken", "first", "a: \"1\"", false);

        RawApi.Reply reply = apply("taken", "second", "a: \"2\"", true);

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("data").path("a").asText()).isEqualTo("2");
        assertThat(entry(reply.json(), "second").path("fieldsV1").path("f:data").has("f:a")).isTrue();
        assertThat(entry(reply.json(), "first").path("fieldsV1").path("f:data").has("f:a")).as("first lost it").isFalse();
    }

    @Test
    void applyingTheSameValueSharesTheField() {
        apply("agreed", "first", "a: \"1\"", false);

        RawApi.Reply reply = apply("agreed", "second", "a: \"1\"", false);

        assertThat(reply.code()).as("the same value is no conflict: %s", reply).isEqualTo(200);
        assertThat(entry(reply.json(), "first").path("fieldsV1").path("f:data").has("f:a")).isTrue();
        assertThat(entry(reply.json(), "second").path("fieldsV1").path("f:data").has("f:a")).isTrue();
    }

    @Test
    void updatesAreRecordedForTheirManager() {
        apply("updated", "first", "a: \"1\"", false);

        RawApi.Reply reply = cluster.raw().patch(configMap("updated") + "?fieldManager=editor", "application/merge-patch+json",
                "{\"data\": {\"b\": \"2\"}}");

        JsonNode entry = entry(reply.json(), "editor");
        assertThat(entry.path("operation").asText()).isEqualTo("Update");
        assertThat(entry.path("fieldsV1").path("f:data").has("f:b")).as("%s", entry).isTrue();
    }
}
