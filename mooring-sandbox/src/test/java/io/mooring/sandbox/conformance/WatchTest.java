package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Watches: where they start (a resourceVersion, or now with the current objects), what they
 * deliver (only later changes, filtered, in order), how they end (timeout, 410 Gone), and both
 * transports clients use (chunked HTTP lines, WebSocket messages).
 */
class WatchTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private String configMaps() {
        return "/api/v1/namespaces/" + cluster.namespace() + "/configmaps";
    }

    private String create(String name, String label) {
        RawApi.Reply reply = cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "%s", "labels": {"watch": "%s"}}, "data": {"key": "v1"}}
                """.formatted(name, label));
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        return reply.json().path("metadata").path("resourceVersion").asText();
    }

    private String change(String name, String value) {
        RawApi.Reply reply = cluster.raw().patch(configMaps() + "/" + name, "application/merge-patch+json",
                "{\"data\": {\"key\": \"" + value + "\"}}");
        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        return reply.json().path("metadata").path("resourceVersion").asText();
    }

    private static JsonNode nextChange(WatchStream watch) throws InterruptedException {
        return watch.nextMatching(WAIT, e -> !"BOOKMARK".equals(WatchStream.type(e)));
    }

    @Test
    void watchFromAResourceVersionDeliversOnlyLaterChanges() throws InterruptedException {
        create("from-a", "from");
        String after = create("from-b", "from");
        try (WatchStream watch = cluster.raw().stream(configMaps() + "?watch=true&labelSelector=watch%3Dfrom&resourceVersion=" + after)) {
            change("from-a", "v2");

            JsonNode event = nextChange(watch);

            assertThat(WatchStream.type(event)).as("no replay of the creations before the resourceVersion: %s", event).isEqualTo("MODIFIED");
            assertThat(WatchStream.name(event)).isEqualTo("from-a");
            assertThat(event.path("object").path("data").path("key").asText()).isEqualTo("v2");
        }
    }

    @Test
    void watchWithoutResourceVersionStartsWithTheCurrentObjects() throws InterruptedException {
        create("now-a", "now");
        create("now-b", "now");
        try (WatchStream watch = cluster.raw().stream(configMaps() + "?watch=true&labelSelector=watch%3Dnow")) {
            List<JsonNode> initial = List.of(nextChange(watch), nextChange(watch));
            create("now-c", "now");
            JsonNode live = nextChange(watch);

            assertThat(initial).extracting(WatchStream::type).as("existing objects arrive as ADDED").containsOnly("ADDED");
            assertThat(initial).extracting(WatchStream::name).containsExactlyInAnyOrder("now-a", "now-b");
            assertThat(WatchStream.type(live)).isEqualTo("ADDED");
            assertThat(WatchStream.name(live)).as("then the live changes").isEqualTo("now-c");
        }
    }

    @Test
    void eventsArriveInOrderWithTheirResourceVersions() throws InterruptedException {
        String start = create("ordered", "ordered");
        try (WatchStream watch = cluster.raw().stream(configMaps() + "?watch=true&labelSelector=watch%3Dordered&resourceVersion=" + start)) {
            String second = change("ordered", "v2");
            String third = change("ordered", "v3");
            cluster.raw().delete(configMaps() + "/ordered");

            JsonNode first = nextChange(watch);
            JsonNode next = nextChange(watch);
            JsonNode deleted = nextChange(watch);

            assertThat(first.path("object").path("metadata").path("resourceVersion").asText()).isEqualTo(second);
            assertThat(next.path("object").path("metadata").path("resourceVersion").asText()).isEqualTo(third);
            assertThat(WatchStream.type(deleted)).isEqualTo("DELETED");
            assertThat(deleted.path("object").path("data").path("key").asText()).as("a deletion carries the last state").isEqualTo("v3");
        }
    }

    @Test
    void watchOfOneObjectByFieldSelectorSeesOnlyIt() throws InterruptedException {
        create("single-watched", "single");
        String start = create("single-other", "single");
        try (WatchStream watch = cluster.raw().stream(configMaps() + "?watch=true&fieldSelector=metadata.name%3Dsingle-watched&resourceVersion="
                + start)) {
            change("single-other", "v2");
            change("single-watched", "v2");

            JsonNode event = nextChange(watch);

            assertThat(WatchStream.name(event)).isEqualTo("single-watched");
        }
    }

    @Test
    void objectThatStopsMatchingTheLabelSelectorLeavesTheWatchAsDeleted() throws InterruptedException {
        String start = create("leaving", "leave");
        try (WatchStream watch = cluster.raw().stream(configMaps() + "?watch=true&labelSelector=watch%3Dleave&resourceVersion=" + start)) {
            cluster.raw().patch(configMaps() + "/leaving", "application/merge-patch+json", "{\"metadata\": {\"labels\": {\"watch\": \"gone\"}}}");
            JsonNode left = nextChange(watch);
            cluster.raw().patch(configMaps() + "/leaving", "application/merge-patch+json", "{\"metadata\": {\"labels\": {\"watch\": \"leave\"}}}");
            JsonNode back = nextChange(watch);

            assertThat(WatchStream.type(left)).as("a watcher's cache must drop an object that no longer matches: %s", left)
                    .isEqualTo("DELETED");
            assertThat(WatchStream.type(back)).as("and add it again when it matches again: %s", back).isEqualTo("ADDED");
        }
    }

    @Test
    void watchOverWebSocketSendsOneEventPerMessage() throws InterruptedException {
        String start = create("socket-a", "socket");
        try (WatchStream watch = cluster.raw().websocket(configMaps() + "?watch=true&labelSelector=watch%3Dsocket&resourceVersion=" + start)) {
            change("socket-a", "v2");
            create("socket-b", "socket");

            JsonNode modified = nextChange(watch);
            JsonNode added = nextChange(watch);

            assertThat(WatchStream.type(modified)).as("%s", modified).isEqualTo("MODIFIED");
            assertThat(WatchStream.name(modified)).isEqualTo("socket-a");
            assertThat(WatchStream.type(added)).isEqualTo("ADDED");
            assertThat(WatchStream.name(added)).isEqualTo("socket-b");
        }
    }

    @Test
    void watchEndsWhenTimeoutSecondsPass() throws InterruptedException {
        try (WatchStream watch = cluster.raw().stream(configMaps() + "?watch=true&timeoutSeconds=1")) {
            assertThat(watch.endsWithin(Duration.ofSeconds(8))).as("the server closes the watch after timeoutSeconds").isTrue();
        }
    }

    @Test
    void webSocketWatchEndsWhenTimeoutSecondsPass() throws InterruptedException {
        try (WatchStream watch = cluster.raw().websocket(configMaps() + "?watch=true&timeoutSeconds=1")) {
            assertThat(watch.endsWithin(Duration.ofSeconds(8))).as("the server closes the socket after timeoutSeconds").isTrue();
        }
    }

    @Test
    void initialEventsEndWithABookmarkWhenAskedFor() throws InterruptedException {
        create("bookmarked", "bookmark");
        try (WatchStream watch = cluster.raw().stream(configMaps() + "?watch=true&labelSelector=watch%3Dbookmark"
                + "&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")) {
            JsonNode added = watch.next(WAIT);
            JsonNode bookmark = watch.next(WAIT);

            assertThat(WatchStream.type(added)).isEqualTo("ADDED");
            assertThat(WatchStream.type(bookmark)).as("%s", bookmark).isEqualTo("BOOKMARK");
            JsonNode metadata = bookmark.path("object").path("metadata");
            assertThat(metadata.path("resourceVersion").asText()).as("a bookmark carries the version the watch reached").isNotEmpty();
            assertThat(metadata.path("annotations").path("k8s.io/initial-events-end").asText()).isEqualTo("true");
            assertThat(bookmark.path("object").path("kind").asText()).as("a bookmark's object has the watched kind").isEqualTo("ConfigMap");
        }
    }

    @Test
    void watchFromAVersionOlderThanTheHistoryIsGone() throws InterruptedException {
        String old;
        if (cluster.isSandbox()) {
            old = create("expired", "expired");
            for (int i = 0; i <= Conformance.SANDBOX_WATCH_HISTORY; i++) {
                change("expired", "v" + i);
            }
        } else {
            old = "1";
        }
        try (WatchStream watch = cluster.raw().stream(configMaps() + "?watch=true&resourceVersion=" + old)) {
            JsonNode event = watch.next(WAIT);

            assumeThat(cluster.isSandbox() || "ERROR".equals(WatchStream.type(event)))
                    .as("this real server still keeps resourceVersion 1 (not compacted yet)").isTrue();
            assertThat(watch.httpCode()).as("the watch starts, then reports the error as an event").isEqualTo(200);
            assertThat(WatchStream.type(event)).as("%s", event).isEqualTo("ERROR");
            assertThat(event.path("object").path("kind").asText()).isEqualTo("Status");
            assertThat(event.path("object").path("code").asInt()).isEqualTo(410);
            assertThat(event.path("object").path("reason").asText()).isEqualTo("Expired");
            assertThat(event.path("object").path("message").asText()).startsWith("too old resource version: " + old);
        }
    }

    @Test
    void fabric8WatchSeesAddModifyAndDelete() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        var maps = cluster.client().configMaps().inNamespace(cluster.namespace()).withLabel("watch", "fabric8");
        // From the list's version: a watch that connects only after the changes (a loaded machine)
        // would otherwise see the object's current state as one ADDED.
        String from = maps.list().getMetadata().getResourceVersion();
        try (Watch ignored = maps.withResourceVersion(from).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                seen.add(action + " " + resource.getMetadata().getName() + " " + resource.getData().get("key"));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            create("fabric8-watched", "fabric8");
            change("fabric8-watched", "v2");
            cluster.raw().delete(configMaps() + "/fabric8-watched");

            await().atMost(WAIT).untilAsserted(() -> assertThat(seen).containsExactly(
                    "ADDED fabric8-watched v1", "MODIFIED fabric8-watched v2", "DELETED fabric8-watched v2"));
        }
    }

    @Test
    void fabric8WatchFromAResourceVersionSkipsEarlierChanges() throws Exception {
        create("fabric8-early", "fabric8-from");
        String after = change("fabric8-early", "v2");
        List<String> seen = new CopyOnWriteArrayList<>();
        var maps = cluster.client().configMaps().inNamespace(cluster.namespace()).withLabel("watch", "fabric8-from");
        try (Watch ignored = maps.withResourceVersion(after).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                seen.add(action + " " + resource.getData().get("key"));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            change("fabric8-early", "v3");

            await().atMost(WAIT).untilAsserted(() -> assertThat(seen).containsExactly("MODIFIED v3"));
        }
    }

    @Test
    void fabric8WatchFromAnExpiredVersionClosesWithGone() throws Exception {
        assumeThat(cluster.isSandbox()).as("only the sandbox's history can be outrun on purpose").isTrue();
        String old = create("fabric8-expired", "fabric8-expired");
        for (int i = 0; i <= Conformance.SANDBOX_WATCH_HISTORY; i++) {
            change("fabric8-expired", "v" + i);
        }
        CompletableFuture<WatcherException> closed = new CompletableFuture<>();
        try (Watch ignored = cluster.client().configMaps().inNamespace(cluster.namespace()).withResourceVersion(old).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
            }

            @Override
            public void onClose(WatcherException cause) {
                closed.complete(cause);
            }
        })) {
            WatcherException cause = closed.get(10, TimeUnit.SECONDS);

            assertThat(cause.isHttpGone()).as("fabric8 tells its caller to list again: %s", cause).isTrue();
        }
    }

    @Test
    void fabric8InformerListsThenFollowsChanges() {
        create("informed-existing", "informer");
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = cluster.client().configMaps().inNamespace(cluster.namespace())
                .withLabel("watch", "informer").inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap obj) {
                        seen.add("add " + obj.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                        seen.add("update " + newObj.getMetadata().getName() + " " + newObj.getData().get("key"));
                    }

                    @Override
                    public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                        seen.add("delete " + obj.getMetadata().getName());
                    }
                });
        try (informer) {
            await().atMost(WAIT).until(informer::hasSynced);
            create("informed-new", "informer");
            change("informed-existing", "v2");
            cluster.client().configMaps().inNamespace(cluster.namespace()).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("informed-new").endMetadata().build()).delete();

            await().atMost(WAIT).untilAsserted(() -> assertThat(seen).containsExactly(
                    "add informed-existing", "add informed-new", "update informed-existing v2", "delete informed-new"));
            assertThat(informer.getStore().list()).extracting(m -> m.getMetadata().getName()).containsExactly("informed-existing");
        }
    }

    @Test
    void fabric8WatchWithAnUnknownFieldSelectorFailsAtOnce() {
        var watch = cluster.client().configMaps().inNamespace(cluster.namespace()).withField("data.key", "x");

        assertThatThrownBy(() -> watch.watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })).as("the server refuses the watch before it starts, over WebSocket as over HTTP")
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    }

    @Test
    void legacyWatchPathWatchesOneObject() throws InterruptedException {
        String start = create("legacy-watched", "legacy");
        create("legacy-other", "legacy");
        try (WatchStream watch = cluster.raw().stream("/api/v1/watch/namespaces/" + cluster.namespace() + "/configmaps/legacy-watched"
                + "?resourceVersion=" + start)) {
            change("legacy-other", "v2");
            change("legacy-watched", "v2");

            assertThat(WatchStream.name(nextChange(watch))).isEqualTo("legacy-watched");
        }
    }

    @Test
    void initialEventsWithoutBookmarksAreRefused() {
        RawApi.Reply reply = cluster.raw().get(configMaps() + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan");

        assertThat(reply.code()).as("%s", reply).isEqualTo(422);
        assertThat(reply.message()).contains("allowWatchBookmarks");
    }

    @Test
    void watchAcrossNamespacesSeesThisNamespace() throws InterruptedException {
        String start = create("cluster-wide", "wide");
        try (WatchStream watch = cluster.raw().stream("/api/v1/configmaps?watch=true&labelSelector=watch%3Dwide&resourceVersion=" + start)) {
            change("cluster-wide", "v2");

            JsonNode event = nextChange(watch);

            assertThat(event.path("object").path("metadata").path("namespace").asText()).isEqualTo(cluster.namespace());
        }
    }
}
