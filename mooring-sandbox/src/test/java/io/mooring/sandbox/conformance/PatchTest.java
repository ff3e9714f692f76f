package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patch formats: JSON patch (RFC 6902), JSON merge patch (RFC 7386) and, for built-in kinds,
 * strategic merge patch, which merges lists by their keys (containers by name, ...).
 */
class PatchTest {
    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private String configMaps() {
        return "/api/v1/namespaces/" + cluster.namespace() + "/configmaps";
    }

    private String deployments() {
        return "/apis/apps/v1/namespaces/" + cluster.namespace() + "/deployments";
    }

    private void createConfigMap(String name) {
        RawApi.Reply reply = cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "%s", "labels": {"keep": "yes", "drop": "yes"}},
                 "data": {"a": "1", "b": "2"}}
                """.formatted(name));
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
    }

    private void createDeployment(String name) {
        RawApi.Reply reply = cluster.raw().post(deployments(), """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "%1$s"},
                 "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "%1$s"}},
                  "template": {"metadata": {"labels": {"app": "%1$s"}}, "spec": {"containers": [
                    {"name": "web", "image": "nginx:1.27", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]},
                    {"name": "sidecar", "image": "busybox:1.36"}]}}}}
                """.formatted(name));
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
    }

    private static JsonNode json(String text) {
        try {
            return RawApi.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> containers(JsonNode deployment) {
        List<String> result = new ArrayList<>();
        deployment.path("spec").path("template").path("spec").path("containers")
                .forEach(c -> result.add(c.path("name").asText() + "=" + c.path("image").asText()));
        return result;
    }

    @Test
    void jsonPatchAppliesItsOperationsInOrder() {
        createConfigMap("json-patched");

        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/json-patched", "application/json-patch+json", """
                [{"op": "add", "path": "/data/c", "value": "3"},
                 {"op": "replace", "path": "/data/a", "value": "one"},
                 {"op": "remove", "path": "/data/b"},
                 {"op": "test", "path": "/data/c", "value": "3"},
                 {"op": "copy", "from": "/data/a", "path": "/data/d"}]
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("data")).isEqualTo(json("{\"a\":\"one\",\"c\":\"3\",\"d\":\"one\"}"));
    }

    @Test
    void jsonPatchWithAFailingTestChangesNothing() {
        createConfigMap("json-tested");

        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/json-tested", "application/json-patch+json", """
                [{"op": "replace", "path": "/data/a", "value": "changed"}, {"op": "test", "path": "/data/b", "value": "not 2"}]
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(422);
        assertThat(reply.reason()).isEqualTo("Invalid");
        assertThat(cluster.raw().get(configMaps() + "/json-tested").json().path("data").path("a").asText()).isEqualTo("1");
    }

    @Test
    void jsonPatchThatIsNotAListIsABadRequest() {
        createConfigMap("json-malformed");

        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/json-malformed", "application/json-patch+json", "{\"op\": \"add\"}");

        assertThat(reply.code()).as("%s", reply).isEqualTo(400);
        assertThat(reply.reason()).isEqualTo("BadRequest");
    }

    @Test
    void mergePatchMergesMapsAndDeletesNulls() {
        createConfigMap("merged");

        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/merged", "application/merge-patch+json", """
                {"metadata": {"labels": {"drop": null, "added": "yes"}}, "data": {"b": null, "c": "3"}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("data")).isEqualTo(json("{\"a\":\"1\",\"c\":\"3\"}"));
        assertThat(reply.json().path("metadata").path("labels")).isEqualTo(json("{\"added\":\"yes\",\"keep\":\"yes\"}"));
    }

    @Test
    void mergePatchReplacesLists() {
        createDeployment("merge-lists");

        RawApi.Reply reply = cluster.raw().patch(deployments() + "/merge-lists", "application/merge-patch+json", """
                {"spec": {"template": {"spec": {"containers": [{"name": "only", "image": "nginx:1.28"}]}}}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(containers(reply.json())).as("a merge patch replaces a list whole").containsExactly("only=nginx:1.28");
    }

    @Test
    void strategicMergePatchMergesContainersByName() {
        createDeployment("strategic");

        RawApi.Reply reply = cluster.raw().patch(deployments() + "/strategic", "application/strategic-merge-patch+json", """
                {"spec": {"template": {"spec": {"containers": [{"name": "sidecar", "image": "busybox:1.37"}]}}}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(containers(reply.json())).as("containers merge by name").containsExactly("web=nginx:1.27", "sidecar=busybox:1.37");
    }

    @Test
    void strategicMergePatchDeletesByDirective() {
        createDeployment("strategic-delete");

        RawApi.Reply reply = cluster.raw().patch(deployments() + "/strategic-delete", "application/strategic-merge-patch+json", """
                {"spec": {"template": {"spec": {"containers": [{"name": "sidecar", "$patch": "delete"}]}}}}
                """);

        assertThat(containers(reply.json())).containsExactly("web=nginx:1.27");
    }

    @Test
    void strategicMergePatchMergesEnvByName() {
        createDeployment("strategic-env");

        RawApi.Reply reply = cluster.raw().patch(deployments() + "/strategic-env", "application/strategic-merge-patch+json", """
                {"spec": {"template": {"spec": {"containers": [{"name": "web", "env": [{"name": "B", "value": "two"}]}]}}}}
                """);

        JsonNode env = reply.json().path("spec").path("template").path("spec").path("containers").path(0).path("env");
        assertThat(env.toString()).isEqualTo("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"two\"}]");
    }

    @Test
    void strategicMergePatchOfMapsMerges() {
        createConfigMap("strategic-map");

        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/strategic-map", "application/strategic-merge-patch+json", """
                {"metadata": {"labels": {"added": "yes"}}, "data": {"b": null}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("data")).isEqualTo(json("{\"a\":\"1\"}"));
        assertThat(reply.json().path("metadata").path("labels").path("added").asText()).isEqualTo("yes");
    }

    @Test
    void patchOfAMissingObjectIsNotFound() {
        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/missing", "application/merge-patch+json", "{\"data\": {\"a\": \"1\"}}");

        assertThat(reply.code()).as("%s", reply).isEqualTo(404);
        assertThat(reply.message()).isEqualTo("configmaps \"missing\" not found");
    }

    @Test
    void unknownPatchTypeIsUnsupportedMediaType() {
        createConfigMap("unknown-type");

        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/unknown-type", "application/json", "{\"data\": {\"a\": \"1\"}}");

        assertThat(reply.code()).as("%s", reply).isEqualTo(415);
        assertThat(reply.reason()).isEqualTo("UnsupportedMediaType");
        assertThat(reply.message()).startsWith("the body of the request was in an unknown format - accepted media types include: ");
    }

    @Test
    void patchThatRenamesIsABadRequest() {
        createConfigMap("renamed");

        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/renamed", "application/merge-patch+json", "{\"metadata\": {\"name\": \"other\"}}");

        assertThat(reply.code()).as("%s", reply).isEqualTo(400);
        assertThat(cluster.raw().get(configMaps() + "/other").code()).isEqualTo(404);
    }

    @Test
    void forceOnAPatchThatIsNotAnApplyIsRefused() {
        createConfigMap("forced-merge");

        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/forced-merge?force=true", "application/merge-patch+json",
                "{\"data\": {\"a\": \"2\"}}");

        assertThat(reply.code()).as("%s", reply).isEqualTo(422);
        assertThat(reply.message()).contains("force: Forbidden: may not be specified for non-apply patch");
    }

    @Test
    void fabric8EditSendsAPatch() {
        createConfigMap("fabric8-edited");

        var edited = cluster.client().configMaps().inNamespace(cluster.namespace()).withName("fabric8-edited").edit(m -> {
            m.getData().put("a", "edited");
            return m;
        });

        assertThat(edited.getData()).containsEntry("a", "edited").containsEntry("b", "2");
    }
}
