package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optimistic concurrency: a write that names a resourceVersion succeeds only against that version;
 * a write that changes nothing stores nothing (no new version, no watch event).
 */
class ResourceVersionTest {
    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private String configMaps() {
        return "/api/v1/namespaces/" + cluster.namespace() + "/configmaps";
    }

    private JsonNode create(String name) {
        RawApi.Reply reply = cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "%s", "labels": {"a": "b"}}, "data": {"key": "v1"}}
                """.formatted(name));
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        return reply.json();
    }

    private static String version(JsonNode object) {
        return object.path("metadata").path("resourceVersion").asText();
    }

    @Test
    void updateWithAStaleResourceVersionConflicts() {
        String stale = version(create("stale"));
        cluster.raw().put(configMaps() + "/stale", """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "stale", "resourceVersion": "%s"}, "data": {"key": "v2"}}
                """.formatted(stale));

        RawApi.Reply reply = cluster.raw().put(configMaps() + "/stale", """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "stale", "resourceVersion": "%s"}, "data": {"key": "v3"}}
                """.formatted(stale));

        assertThat(reply.code()).as("%s", reply).isEqualTo(409);
        assertThat(reply.reason()).isEqualTo("Conflict");
        assertThat(reply.message()).isEqualTo("Operation cannot be fulfilled on configmaps \"stale\": "
                + "the object has been modified; please apply your changes to the latest version and try again");
        assertThat(reply.json().path("details").path("kind").asText()).isEqualTo("configmaps");
        assertThat(cluster.raw().get(configMaps() + "/stale").json().path("data").path("key").asText())
                .as("the losing write changed nothing").isEqualTo("v2");
    }

    @Test
    void updateWithoutResourceVersionOverwrites() {
        create("unconditional");

        RawApi.Reply reply = cluster.raw().put(configMaps() + "/unconditional", """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "unconditional"}, "data": {"key": "forced"}}
                """);

        assertThat(reply.code()).as("ConfigMaps allow unconditional updates: %s", reply).isEqualTo(200);
        assertThat(reply.json().path("data").path("key").asText()).isEqualTo("forced");
    }

    @Test
    void patchCarryingAStaleResourceVersionConflicts() {
        String stale = version(create("patched-stale"));
        cluster.raw().patch(configMaps() + "/patched-stale", "application/merge-patch+json", "{\"data\": {\"key\": \"v2\"}}");

        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/patched-stale", "application/merge-patch+json", """
                {"metadata": {"resourceVersion": "%s"}, "data": {"key": "v3"}}
                """.formatted(stale));

        assertThat(reply.code()).as("a resourceVersion in a patch is a precondition: %s", reply).isEqualTo(409);
        assertThat(reply.reason()).isEqualTo("Conflict");
    }

    @Test
    void fabric8UpdateOfAStaleCopyConflicts() {
        create("fabric8-stale");
        var maps = cluster.client().configMaps().inNamespace(cluster.namespace());
        var copy = maps.withName("fabric8-stale").get();
        maps.withName("fabric8-stale").edit(m -> {
            m.getData().put("key", "someone else");
            return m;
        });

        copy.getData().put("key", "mine");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> maps.resource(copy).update())
                .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(409));
    }

    @Test
    void updateThatChangesNothingKeepsTheResourceVersion() {
        JsonNode created = create("no-op");

        RawApi.Reply reply = cluster.raw().put(configMaps() + "/no-op", created.toString());

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(version(reply.json())).as("nothing changed, so nothing was written").isEqualTo(version(created));
    }

    @Test
    void patchThatChangesNothingKeepsTheResourceVersion() {
        JsonNode created = create("no-op-patch");

        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/no-op-patch", "application/merge-patch+json",
                "{\"metadata\": {\"labels\": {\"a\": \"b\"}}, \"data\": {\"key\": \"v1\"}}");

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(version(reply.json())).isEqualTo(version(created));
    }

    @Test
    void updateThatChangesNothingSendsNoWatchEvent() throws InterruptedException {
        JsonNode created = create("no-op-watched");
        try (WatchStream watch = cluster.raw().stream(configMaps() + "?watch=true&resourceVersion=" + version(created)
                + "&fieldSelector=metadata.name%3Dno-op-watched")) {
            cluster.raw().put(configMaps() + "/no-op-watched", created.toString());
            cluster.raw().patch(configMaps() + "/no-op-watched", "application/merge-patch+json", "{\"data\": {\"key\": \"real\"}}");

            JsonNode event = watch.nextMatching(Duration.ofSeconds(10), e -> !"BOOKMARK".equals(WatchStream.type(e)));

            assertThat(event).as("the first event is the real change").isNotNull();
            assertThat(event.path("object").path("data").path("key").asText()).as("not the no-op: %s", event).isEqualTo("real");
        }
    }

    @Test
    void everyChangeGetsANewResourceVersion() {
        JsonNode created = create("versions");
        String first = version(created);
        String second = version(cluster.raw().patch(configMaps() + "/versions", "application/merge-patch+json",
                "{\"data\": {\"key\": \"v2\"}}").json());
        String third = version(cluster.raw().patch(configMaps() + "/versions", "application/merge-patch+json",
                "{\"metadata\": {\"annotations\": {\"note\": \"metadata counts too\"}}}").json());

        assertThat(second).isNotEqualTo(first);
        assertThat(third).as("a metadata-only change is a change").isNotEqualTo(second);
    }
}
