package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finalizers: an object that has some is only marked for deletion (deletionTimestamp) and stays
 * until the last one is removed, by whoever put it there.
 */
class FinalizerTest {
    private static final String HOLD = "conformance.mooring.io/hold";

    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private String configMaps() {
        return "/api/v1/namespaces/" + cluster.namespace() + "/configmaps";
    }

    private JsonNode createHeld(String name) {
        RawApi.Reply reply = cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "%s", "finalizers": ["%s"]}, "data": {"key": "v"}}
                """.formatted(name, HOLD));
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        return reply.json();
    }

    private RawApi.Reply release(String name) {
        return cluster.raw().patch(configMaps() + "/" + name, "application/merge-patch+json", "{\"metadata\": {\"finalizers\": null}}");
    }

    @Test
    void deleteOfAnObjectWithAFinalizerOnlyMarksIt() {
        createHeld("marked");

        RawApi.Reply deleted = cluster.raw().delete(configMaps() + "/marked");
        JsonNode stored = cluster.raw().get(configMaps() + "/marked").json();

        assertThat(deleted.code()).as("%s", deleted).isEqualTo(200);
        assertThat(deleted.json().path("metadata").path("deletionTimestamp").asText()).as("the answer is the marked object").isNotEmpty();
        assertThat(stored.path("metadata").path("deletionTimestamp").asText()).as("the object stays, marked").isNotEmpty();
        assertThat(stored.path("metadata").path("deletionGracePeriodSeconds").asLong()).isZero();
        assertThat(stored.path("metadata").path("finalizers").path(0).asText()).isEqualTo(HOLD);
        release("marked");
    }

    @Test
    void removingTheLastFinalizerOfAMarkedObjectDeletesIt() {
        createHeld("released");
        cluster.raw().delete(configMaps() + "/released");

        RawApi.Reply reply = release("released");

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(cluster.raw().get(configMaps() + "/released").code()).as("nothing holds it any more").isEqualTo(404);
    }

    @Test
    void objectWithFinalizersThatIsNotMarkedStays() {
        createHeld("unmarked");

        release("unmarked");

        assertThat(cluster.raw().get(configMaps() + "/unmarked").code()).as("a finalizer only matters during deletion").isEqualTo(200);
    }

    @Test
    void markedObjectAcceptsNoNewFinalizer() {
        createHeld("no-new");
        cluster.raw().delete(configMaps() + "/no-new");

        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/no-new", "application/merge-patch+json",
                "{\"metadata\": {\"finalizers\": [\"" + HOLD + "\", \"conformance.mooring.io/other\"]}}");

        assertThat(reply.code()).as("%s", reply).isEqualTo(422);
        assertThat(reply.reason()).isEqualTo("Invalid");
        assertThat(reply.message()).contains("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted");
        release("no-new");
    }

    @Test
    void markedObjectCanStillBeChanged() {
        createHeld("still-writable");
        cluster.raw().delete(configMaps() + "/still-writable");

        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/still-writable", "application/merge-patch+json",
                "{\"data\": {\"key\": \"cleanup done\"}}");

        assertThat(reply.code()).as("a finalizer's owner may write while it cleans up: %s", reply).isEqualTo(200);
        assertThat(reply.json().path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
        release("still-writable");
    }

    @Test
    void deletionTimestampCannotBeTakenBack() {
        createHeld("no-undo");
        JsonNode marked = cluster.raw().delete(configMaps() + "/no-undo").json();
        ObjectNode update = (ObjectNode) marked.deepCopy();
        ((ObjectNode) update.path("metadata")).remove("deletionTimestamp");
        ((ObjectNode) update.path("metadata")).remove("deletionGracePeriodSeconds");

        RawApi.Reply reply = cluster.raw().put(configMaps() + "/no-undo", update.toString());

        assertThat(reply.json().path("metadata").path("deletionTimestamp").asText()).as("an update cannot unmark: %s", reply)
                .isEqualTo(marked.path("metadata").path("deletionTimestamp").asText());
        release("no-undo");
    }

    @Test
    void secondDeleteOfAMarkedObjectChangesNothing() {
        createHeld("twice-deleted");
        JsonNode first = cluster.raw().delete(configMaps() + "/twice-deleted").json();

        RawApi.Reply second = cluster.raw().delete(configMaps() + "/twice-deleted");

        assertThat(second.code()).as("%s", second).isEqualTo(200);
        assertThat(second.json().path("metadata").path("deletionTimestamp").asText())
                .isEqualTo(first.path("metadata").path("deletionTimestamp").asText());
        assertThat(second.json().path("metadata").path("resourceVersion").asText())
                .isEqualTo(first.path("metadata").path("resourceVersion").asText());
        release("twice-deleted");
    }

    @Test
    void watchSeesTheMarkThenTheDeletion() throws InterruptedException {
        String version = createHeld("watched").path("metadata").path("resourceVersion").asText();
        try (WatchStream watch = cluster.raw().stream(configMaps() + "?watch=true&fieldSelector=metadata.name%3Dwatched&resourceVersion=" + version)) {
            cluster.raw().delete(configMaps() + "/watched");
            release("watched");

            JsonNode marked = watch.nextMatching(Duration.ofSeconds(10), e -> !"BOOKMARK".equals(WatchStream.type(e)));
            JsonNode deleted = watch.nextMatching(Duration.ofSeconds(10), e -> !"BOOKMARK".equals(WatchStream.type(e)));

            assertThat(WatchStream.type(marked)).isEqualTo("MODIFIED");
            assertThat(marked.path("object").path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
            assertThat(WatchStream.type(deleted)).as("the update that empties the finalizers is the deletion itself: %s", deleted)
                    .isEqualTo("DELETED");
        }
    }
}
