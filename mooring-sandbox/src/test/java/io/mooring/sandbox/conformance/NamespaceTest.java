package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Namespaces hold namespaced objects: nothing is created in a namespace that does not exist or is
 * being deleted, and deleting a namespace deletes what it holds (the namespace controller's work,
 * finished through the namespace's {@code kubernetes} finalizer).
 */
class NamespaceTest {
    private static final Duration DELETION = Duration.ofSeconds(60);

    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private static RawApi.Reply createConfigMap(String namespace, String name, String finalizers) {
        return cluster.raw().post("/api/v1/namespaces/" + namespace + "/configmaps", """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "%s", "finalizers": [%s]}}
                """.formatted(name, finalizers));
    }

    @Test
    void createInAMissingNamespaceIsNotFound() {
        RawApi.Reply reply = createConfigMap("conformance-no-such-namespace", "orphan", "");

        assertThat(reply.code()).as("%s", reply).isEqualTo(404);
        assertThat(reply.reason()).isEqualTo("NotFound");
        assertThat(reply.message()).isEqualTo("namespaces \"conformance-no-such-namespace\" not found");
    }

    @Test
    void newNamespaceIsActiveWithTheKubernetesFinalizerAndItsNameLabel() {
        String namespace = cluster.newNamespace("fresh");

        JsonNode object = cluster.raw().get("/api/v1/namespaces/" + namespace).json();

        assertThat(object.path("status").path("phase").asText()).isEqualTo("Active");
        assertThat(object.path("spec").path("finalizers").path(0).asText()).as("the namespace controller's finalizer")
                .isEqualTo("kubernetes");
        assertThat(object.path("metadata").path("labels").path("kubernetes.io/metadata.name").asText())
                .as("every namespace is labelled with its name, for namespace selectors").isEqualTo(namespace);
    }

    @Test
    void deletingANamespaceMarksItTerminatingAndRefusesNewContent() {
        String namespace = cluster.newNamespace("closing");
        assertThat(createConfigMap(namespace, "held", "\"conformance.mooring.io/hold\"").code()).isEqualTo(201);

        RawApi.Reply deleted = cluster.raw().delete("/api/v1/namespaces/" + namespace);
        RawApi.Reply refused = createConfigMap(namespace, "late", "");

        assertThat(deleted.code()).as("%s", deleted).isEqualTo(200);
        assertThat(deleted.json().path("status").path("phase").asText()).isEqualTo("Terminating");
        assertThat(deleted.json().path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
        assertThat(refused.code()).as("%s", refused).isEqualTo(403);
        assertThat(refused.reason()).isEqualTo("Forbidden");
        assertThat(refused.message()).isEqualTo("configmaps \"late\" is forbidden: unable to create new content in namespace "
                + namespace + " because it is being terminated");
        release(namespace, "held");
    }

    @Test
    void deletingANamespaceDeletesEverythingInIt() {
        String namespace = cluster.newNamespace("doomed");
        assertThat(createConfigMap(namespace, "content", "").code()).isEqualTo(201);
        assertThat(cluster.raw().post("/api/v1/namespaces/" + namespace + "/secrets", """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "content"}}
                """).code()).isEqualTo(201);

        cluster.raw().delete("/api/v1/namespaces/" + namespace);

        await().atMost(DELETION).untilAsserted(() -> assertThat(cluster.raw().get("/api/v1/namespaces/" + namespace).code())
                .as("the namespace goes once it is empty").isEqualTo(404));
        assertThat(cluster.raw().get("/api/v1/namespaces/" + namespace + "/configmaps/content").code()).isEqualTo(404);
        assertThat(cluster.raw().get("/api/v1/namespaces/" + namespace + "/secrets/content").code()).isEqualTo(404);
    }

    @Test
    void namespaceWaitsForTheFinalizersOfItsContent() {
        String namespace = cluster.newNamespace("waiting");
        assertThat(createConfigMap(namespace, "held", "\"conformance.mooring.io/hold\"").code()).isEqualTo(201);

        cluster.raw().delete("/api/v1/namespaces/" + namespace);

        await().atMost(DELETION).untilAsserted(() -> assertThat(cluster.raw().get("/api/v1/namespaces/" + namespace + "/configmaps/held")
                .json().path("metadata").path("deletionTimestamp").asText()).as("the content is being deleted").isNotEmpty());
        assertThat(cluster.raw().get("/api/v1/namespaces/" + namespace).code()).as("the namespace waits for it").isEqualTo(200);
        release(namespace, "held");
        await().atMost(DELETION).untilAsserted(() -> assertThat(cluster.raw().get("/api/v1/namespaces/" + namespace).code())
                .isEqualTo(404));
    }

    private static void release(String namespace, String name) {
        cluster.raw().patch("/api/v1/namespaces/" + namespace + "/configmaps/" + name, "application/merge-patch+json",
                "{\"metadata\": {\"finalizers\": null}}");
    }
}
