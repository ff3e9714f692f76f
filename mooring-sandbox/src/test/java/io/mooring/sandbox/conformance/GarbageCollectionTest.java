package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Garbage collection by ownerReferences: what the API server itself does on a delete (the
 * propagation policy's finalizer on the owner), and what the garbage collector does after it
 * (delete dependents, in the background or before the owner; or orphan them).
 */
class GarbageCollectionTest {
    private static final Duration COLLECTION = Duration.ofSeconds(30);

    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private String configMaps() {
        return "/api/v1/namespaces/" + cluster.namespace() + "/configmaps";
    }

    private String owner(String name) {
        RawApi.Reply reply = cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "%s"}}
                """.formatted(name));
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        return reply.json().path("metadata").path("uid").asText();
    }

    private void dependent(String name, String owner, String ownerUid, String finalizers) {
        RawApi.Reply reply = cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "%s", "finalizers": [%s],
                 "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": "%s", "uid": "%s", "blockOwnerDeletion": true}]}}
                """.formatted(name, finalizers, owner, ownerUid));
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
    }

    private int code(String name) {
        return cluster.raw().get(configMaps() + "/" + name).code();
    }

    private RawApi.Reply delete(String name, String policy) {
        return cluster.raw().delete(configMaps() + "/" + name, """
                {"kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": "%s"}
                """.formatted(policy));
    }

    @Test
    void foregroundDeleteMarksTheOwnerWithTheForegroundFinalizer() {
        String uid = owner("foreground-marked");
        dependent("foreground-marked-child", "foreground-marked", uid, "\"conformance.mooring.io/hold\"");

        RawApi.Reply reply = delete("foreground-marked", "Foreground");

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
        assertThat(reply.json().path("metadata").path("finalizers")).extracting(JsonNode::asText).contains("foregroundDeletion");
        release("foreground-marked-child");
    }

    @Test
    void orphanDeleteMarksTheOwnerWithTheOrphanFinalizer() {
        String uid = owner("orphan-marked");
        dependent("orphan-marked-child", "orphan-marked", uid, "");

        RawApi.Reply reply = delete("orphan-marked", "Orphan");

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("metadata").path("finalizers")).extracting(JsonNode::asText).contains("orphan");
    }

    @Test
    void unknownPropagationPolicyIsRefused() {
        owner("bad-policy");

        RawApi.Reply reply = delete("bad-policy", "Sideways");

        assertThat(reply.code()).as("%s", reply).isEqualTo(422);
        assertThat(reply.reason()).isEqualTo("Invalid");
        assertThat(code("bad-policy")).isEqualTo(200);
    }

    @Test
    void backgroundDeleteRemovesTheOwnerAtOnceAndDependentsAfter() {
        String uid = owner("background");
        dependent("background-child", "background", uid, "");

        RawApi.Reply reply = delete("background", "Background");

        assertThat(reply.code()).isEqualTo(200);
        assertThat(code("background")).as("the owner goes at once").isEqualTo(404);
        await().atMost(COLLECTION).untilAsserted(() -> assertThat(code("background-child")).as("then its dependents").isEqualTo(404));
    }

    @Test
    void foregroundDeleteRemovesDependentsBeforeTheOwner() {
        String uid = owner("foreground");
        dependent("foreground-child", "foreground", uid, "\"conformance.mooring.io/hold\"");

        delete("foreground", "Foreground");

        await().atMost(COLLECTION).untilAsserted(() -> assertThat(cluster.raw().get(configMaps() + "/foreground-child").json()
                .path("metadata").path("deletionTimestamp").asText()).as("the dependent is being deleted").isNotEmpty());
        assertThat(code("foreground")).as("the owner waits for a blocking dependent").isEqualTo(200);
        release("foreground-child");
        await().atMost(COLLECTION).untilAsserted(() -> assertThat(code("foreground")).as("then goes").isEqualTo(404));
    }

    @Test
    void orphanDeleteKeepsDependentsAndDropsTheirOwnerReference() {
        String uid = owner("orphaning");
        dependent("orphaned-child", "orphaning", uid, "");

        delete("orphaning", "Orphan");

        await().atMost(COLLECTION).untilAsserted(() -> assertThat(code("orphaning")).isEqualTo(404));
        JsonNode child = cluster.raw().get(configMaps() + "/orphaned-child").json();
        assertThat(child.path("metadata").path("ownerReferences").findValuesAsText("uid")).as("the dependent is orphaned, not deleted")
                .doesNotContain(uid);
    }

    @Test
    void dependentWhoseOwnerDoesNotExistIsCollected() {
        dependent("dangling", "never-existed", "11111111-2222-3333-4444-555555555555", "");

        await().atMost(COLLECTION).untilAsserted(() -> assertThat(code("dangling")).isEqualTo(404));
    }

    @Test
    void dependentWithALiveOwnerStays() {
        String uid = owner("alive");
        dependent("alive-child", "alive", uid, "");

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(code("alive-child")).isEqualTo(200));
    }

    private void release(String name) {
        cluster.raw().patch(configMaps() + "/" + name, "application/merge-patch+json", "{\"metadata\": {\"finalizers\": null}}");
    }
}
