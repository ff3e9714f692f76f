package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Create, read, replace and delete, and the {@code Status} errors of each: the codes, reasons and
 * messages a real API server answers, since kubectl prints them and clients branch on them.
 */
class CrudTest {
    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private String configMaps() {
        return "/api/v1/namespaces/" + cluster.namespace() + "/configmaps";
    }

    private static String configMap(String name, String data) {
        return """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "%s"}, "data": {"key": "%s"}}
                """.formatted(name, data);
    }

    @Test
    void createAnswers201WithUidTimestampAndResourceVersion() {
        RawApi.Reply reply = cluster.raw().post(configMaps(), configMap("created", "v"));

        assertThat(reply.code()).as("a create answers 201 Created: %s", reply).isEqualTo(201);
        JsonNode metadata = reply.json().path("metadata");
        assertThat(metadata.path("uid").asText()).as("the server assigns a uid").isNotEmpty();
        assertThat(metadata.path("creationTimestamp").asText()).as("and a creation time in RFC 3339")
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(metadata.path("resourceVersion").asText()).as("and a resource version").isNotEmpty();
        assertThat(metadata.path("namespace").asText()).as("the namespace comes from the URL").isEqualTo(cluster.namespace());
        assertThat(reply.json().path("data").path("key").asText()).isEqualTo("v");
    }

    @Test
    void responsesAreJson() {
        RawApi.Reply reply = cluster.raw().get(configMaps());

        assertThat(reply.header("Content-Type")).as("clients decode by content type").startsWith("application/json");
        assertThat(reply.json().path("kind").asText()).as("a list names its kind").isEqualTo("ConfigMapList");
        assertThat(reply.json().path("apiVersion").asText()).isEqualTo("v1");
        assertThat(reply.json().path("metadata").path("resourceVersion").asText()).as("a list carries the resource version it is current at")
                .isNotEmpty();
    }

    @Test
    void getOfAMissingObjectIsNotFound() {
        RawApi.Reply reply = cluster.raw().get(configMaps() + "/absent");

        assertThat(reply.code()).as("%s", reply).isEqualTo(404);
        JsonNode status = reply.json();
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("status").asText()).isEqualTo("Failure");
        assertThat(status.path("reason").asText()).isEqualTo("NotFound");
        assertThat(status.path("message").asText()).as("the apiserver's message names the resource and the name")
                .isEqualTo("configmaps \"absent\" not found");
        assertThat(status.path("details").path("name").asText()).isEqualTo("absent");
        assertThat(status.path("details").path("kind").asText()).as("details.kind holds the resource name").isEqualTo("configmaps");
    }

    @Test
    void notFoundOfAGroupedResourceNamesTheGroup() {
        RawApi.Reply reply = cluster.raw().get("/apis/apps/v1/namespaces/" + cluster.namespace() + "/deployments/absent");

        assertThat(reply.code()).isEqualTo(404);
        assertThat(reply.message()).isEqualTo("deployments.apps \"absent\" not found");
        assertThat(reply.json().path("details").path("group").asText()).isEqualTo("apps");
    }

    @Test
    void unknownResourceIsNotFound() {
        RawApi.Reply reply = cluster.raw().get("/api/v1/namespaces/" + cluster.namespace() + "/widgets");

        assertThat(reply.code()).isEqualTo(404);
        assertThat(reply.reason()).isEqualTo("NotFound");
        assertThat(reply.message()).isEqualTo("the server could not find the requested resource");
    }

    @Test
    void createOfAnExistingNameIsAlreadyExists() {
        cluster.raw().post(configMaps(), configMap("twice", "a"));
        RawApi.Reply reply = cluster.raw().post(configMaps(), configMap("twice", "b"));

        assertThat(reply.code()).as("%s", reply).isEqualTo(409);
        assertThat(reply.reason()).isEqualTo("AlreadyExists");
        assertThat(reply.message()).isEqualTo("configmaps \"twice\" already exists");
        assertThat(reply.json().path("details").path("name").asText()).isEqualTo("twice");
        assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("twice").get().getData())
                .as("the first object is untouched").containsEntry("key", "a");
    }

    @Test
    void fabric8ReportsAlreadyExistsAsConflict() {
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("fabric8-twice").endMetadata().build();
        cluster.client().configMaps().inNamespace(cluster.namespace()).resource(map).create();

        assertThatThrownBy(() -> cluster.client().configMaps().inNamespace(cluster.namespace()).resource(map).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
                });
    }

    @Test
    void createWithoutNameOrGenerateNameIsInvalid() {
        RawApi.Reply reply = cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(422);
        assertThat(reply.reason()).isEqualTo("Invalid");
        assertThat(reply.message()).isEqualTo("ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required");
        JsonNode cause = reply.json().path("details").path("causes").path(0);
        assertThat(cause.path("reason").asText()).as("causes say which field failed and why").isEqualTo("FieldValueRequired");
        assertThat(cause.path("field").asText()).isEqualTo("metadata.name");
        assertThat(reply.json().path("details").path("kind").asText()).as("an Invalid error names the kind").isEqualTo("ConfigMap");
    }

    @Test
    void nameThatIsNotADnsSubdomainIsInvalid() {
        RawApi.Reply reply = cluster.raw().post(configMaps(), configMap("Not_Valid", "x"));

        assertThat(reply.code()).as("%s", reply).isEqualTo(422);
        assertThat(reply.reason()).isEqualTo("Invalid");
        assertThat(reply.message()).startsWith("ConfigMap \"Not_Valid\" is invalid: metadata.name: Invalid value: \"Not_Valid\": "
                + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters");
    }

    @Test
    void namespaceNameMustBeADnsLabel() {
        RawApi.Reply reply = cluster.raw().post("/api/v1/namespaces", """
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "has.dots"}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(422);
        assertThat(reply.message()).startsWith("Namespace \"has.dots\" is invalid: metadata.name: Invalid value: \"has.dots\": "
                + "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'");
    }

    @Test
    void generateNameAppendsFiveRandomCharacters() {
        RawApi.Reply first = cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"generateName": "gen-"}}
                """);
        RawApi.Reply second = cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"generateName": "gen-"}}
                """);

        assertThat(first.code()).isEqualTo(201);
        String name = first.json().path("metadata").path("name").asText();
        assertThat(name).as("the prefix and five random characters").matches("gen-[a-z0-9]{5}");
        assertThat(first.json().path("metadata").path("generateName").asText()).as("generateName is kept").isEqualTo("gen-");
        assertThat(second.json().path("metadata").path("name").asText()).as("each create draws a new name").isNotEqualTo(name);
        assertThat(cluster.raw().get(configMaps() + "/" + name).code()).isEqualTo(200);
    }

    @Test
    void namespaceInTheBodyMustMatchTheUrl() {
        RawApi.Reply reply = cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "elsewhere", "namespace": "default"}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(400);
        assertThat(reply.reason()).isEqualTo("BadRequest");
        assertThat(reply.message()).isEqualTo("the namespace of the provided object does not match the namespace sent on the request");
    }

    @Test
    void kindInTheBodyMustMatchTheUrl() {
        RawApi.Reply reply = cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "mismatch"}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(400);
        assertThat(reply.reason()).isEqualTo("BadRequest");
    }

    @Test
    void bodyThatIsNotJsonIsABadRequest() {
        RawApi.Reply reply = cluster.raw().post(configMaps(), "{not json");

        assertThat(reply.code()).as("%s", reply).isEqualTo(400);
        assertThat(reply.reason()).isEqualTo("BadRequest");
    }

    @Test
    void replaceChangesTheObjectAndItsResourceVersion() {
        JsonNode created = cluster.raw().post(configMaps(), configMap("replaced", "one")).json();
        String version = created.path("metadata").path("resourceVersion").asText();

        RawApi.Reply reply = cluster.raw().put(configMaps() + "/replaced", """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "replaced", "resourceVersion": "%s"}, "data": {"key": "two"}}
                """.formatted(version));

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("data").path("key").asText()).isEqualTo("two");
        assertThat(reply.json().path("metadata").path("resourceVersion").asText()).as("a change gets a new resource version")
                .isNotEqualTo(version);
        assertThat(reply.json().path("metadata").path("uid").asText()).as("the uid never changes")
                .isEqualTo(created.path("metadata").path("uid").asText());
        assertThat(reply.json().path("metadata").path("creationTimestamp").asText())
                .isEqualTo(created.path("metadata").path("creationTimestamp").asText());
    }

    @Test
    void replaceOfAMissingObjectIsNotFound() {
        RawApi.Reply reply = cluster.raw().put(configMaps() + "/never-created", configMap("never-created", "x"));

        assertThat(reply.code()).as("%s", reply).isEqualTo(404);
        assertThat(reply.message()).isEqualTo("configmaps \"never-created\" not found");
    }

    @Test
    void replaceWithAnotherNameInTheBodyIsABadRequest() {
        cluster.raw().post(configMaps(), configMap("url-name", "x"));
        RawApi.Reply reply = cluster.raw().put(configMaps() + "/url-name", configMap("body-name", "x"));

        assertThat(reply.code()).as("%s", reply).isEqualTo(400);
        assertThat(reply.message()).isEqualTo("the name of the object (body-name) does not match the name on the URL (url-name)");
    }

    @Test
    void deleteRemovesTheObject() {
        cluster.raw().post(configMaps(), configMap("deleted", "x"));

        RawApi.Reply reply = cluster.raw().delete(configMaps() + "/deleted");

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(cluster.raw().get(configMaps() + "/deleted").code()).as("the object is gone").isEqualTo(404);
        assertThat(cluster.raw().delete(configMaps() + "/deleted").code()).as("a second delete finds nothing").isEqualTo(404);
    }

    @Test
    void deleteWithAStaleUidPreconditionConflicts() {
        cluster.raw().post(configMaps(), configMap("precondition", "x"));

        RawApi.Reply reply = cluster.raw().delete(configMaps() + "/precondition", """
                {"kind": "DeleteOptions", "apiVersion": "v1", "preconditions": {"uid": "00000000-0000-0000-0000-000000000000"}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(409);
        assertThat(reply.reason()).isEqualTo("Conflict");
        assertThat(reply.message()).contains("precondition").contains("00000000-0000-0000-0000-000000000000");
        assertThat(cluster.raw().get(configMaps() + "/precondition").code()).as("the object stays").isEqualTo(200);
    }

    @Test
    void deleteCollectionRemovesWhatTheSelectorMatches() {
        for (String name : new String[] {"sweep-a", "sweep-b", "keep-c"}) {
            cluster.raw().post(configMaps(), """
                    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "%s", "labels": {"sweep": "%s"}}}
                    """.formatted(name, name.startsWith("sweep") ? "yes" : "no"));
        }

        RawApi.Reply reply = cluster.raw().delete(configMaps() + "?labelSelector=sweep%3Dyes");

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(cluster.raw().get(configMaps() + "/sweep-a").code()).isEqualTo(404);
        assertThat(cluster.raw().get(configMaps() + "/sweep-b").code()).isEqualTo(404);
        assertThat(cluster.raw().get(configMaps() + "/keep-c").code()).as("what the selector does not match stays").isEqualTo(200);
    }

    @Test
    void dryRunCreateAnswersLikeACreateButStoresNothing() {
        RawApi.Reply reply = cluster.raw().post(configMaps() + "?dryRun=All", configMap("dry", "x"));

        assertThat(reply.code()).as("a dry-run create answers as a create: %s", reply).isEqualTo(201);
        assertThat(reply.json().path("metadata").path("name").asText()).isEqualTo("dry");
        assertThat(reply.json().path("metadata").path("uid").asText()).as("with the fields the server would set").isNotEmpty();
        assertThat(cluster.raw().get(configMaps() + "/dry").code()).as("but nothing is stored").isEqualTo(404);
    }

    @Test
    void dryRunUpdateAndDeleteLeaveTheObjectAlone() {
        JsonNode created = cluster.raw().post(configMaps(), configMap("dry-kept", "before")).json();
        String version = created.path("metadata").path("resourceVersion").asText();

        RawApi.Reply update = cluster.raw().put(configMaps() + "/dry-kept?dryRun=All", configMap("dry-kept", "after"));
        RawApi.Reply delete = cluster.raw().delete(configMaps() + "/dry-kept?dryRun=All");

        assertThat(update.code()).as("%s", update).isEqualTo(200);
        assertThat(update.json().path("data").path("key").asText()).as("the answer shows the update").isEqualTo("after");
        assertThat(delete.code()).as("%s", delete).isEqualTo(200);
        JsonNode stored = cluster.raw().get(configMaps() + "/dry-kept").json();
        assertThat(stored.path("data").path("key").asText()).as("the store does not").isEqualTo("before");
        assertThat(stored.path("metadata").path("resourceVersion").asText()).isEqualTo(version);
    }

    @Test
    void unknownDryRunValueIsRefused() {
        RawApi.Reply reply = cluster.raw().post(configMaps() + "?dryRun=Everything", configMap("dry-unknown", "x"));

        assertThat(reply.code()).as("an unknown dryRun value must not be taken as a real write: %s", reply).isEqualTo(422);
        assertThat(reply.reason()).isEqualTo("Invalid");
        assertThat(reply.message()).contains("dryRun").contains("supported values: \"All\"");
        assertThat(cluster.raw().get(configMaps() + "/dry-unknown").code()).isEqualTo(404);
    }

    @Test
    void clusterScopedObjectsHaveNoNamespace() {
        RawApi.Reply reply = cluster.raw().post("/apis/rbac.authorization.k8s.io/v1/clusterroles", """
                {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "%s-reader"},
                 "rules": [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]}]}
                """.formatted(cluster.namespace()));

        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        assertThat(reply.json().path("metadata").has("namespace")).as("a cluster-scoped object has no namespace").isFalse();
        assertThat(cluster.raw().get("/apis/rbac.authorization.k8s.io/v1/namespaces/" + cluster.namespace() + "/clusterroles").code())
                .as("and no namespaced URL").isEqualTo(404);
        cluster.raw().delete("/apis/rbac.authorization.k8s.io/v1/clusterroles/" + cluster.namespace() + "-reader");
    }

    @Test
    void verbsAResourceDoesNotHaveAreRefused() {
        RawApi.Reply create = cluster.raw().post("/api/v1/componentstatuses", """
                {"apiVersion": "v1", "kind": "ComponentStatus", "metadata": {"name": "made-up"}}
                """);
        RawApi.Reply deleteAll = cluster.raw().delete("/api/v1/namespaces");

        assertThat(create.code()).as("component statuses are read-only: %s", create).isEqualTo(405);
        assertThat(create.reason()).isEqualTo("MethodNotAllowed");
        assertThat(deleteAll.code()).as("namespaces cannot be deleted as a collection: %s", deleteAll).isEqualTo(405);
    }

    @Test
    void metadataOnlyListCarriesPartialObjects() {
        cluster.raw().post(configMaps(), configMap("metadata-only", "secret-ish"));

        RawApi.Reply reply = cluster.raw().get(configMaps(), "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json");

        assertThat(reply.json().path("kind").asText()).isEqualTo("PartialObjectMetadataList");
        JsonNode item = reply.json().path("items").findParents("metadata").stream()
                .filter(i -> i.path("metadata").path("name").asText().equals("metadata-only")).findFirst().orElseThrow();
        assertThat(item.path("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(item.has("data")).as("only metadata travels").isFalse();
    }

    @Test
    void listAcrossNamespacesIncludesThisNamespace() {
        cluster.raw().post(configMaps(), configMap("everywhere", "x"));

        JsonNode list = cluster.raw().get("/api/v1/configmaps").json();

        assertThat(list.path("items").findValuesAsText("namespace")).contains(cluster.namespace());
    }
}
