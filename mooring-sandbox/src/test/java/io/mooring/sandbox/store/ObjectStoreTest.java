package io.mooring.sandbox.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectStoreTest {
    private static final String MAPS = "/configmaps";

    private static ObjectNode map(String namespace, String name, String value) {
        ObjectNode map = JsonNodeFactory.instance.objectNode();
        map.putObject("metadata").put("namespace", namespace).put("name", name);
        map.putObject("data").put("v", value);
        return map;
    }

    private static List<String> names(ObjectStore.Page page) {
        List<String> names = new ArrayList<>();
        page.items().forEach(o -> names.add(o.path("metadata").path("name").asText() + "=" + o.path("data").path("v").asText()));
        return names;
    }

    @Test
    void pageReadsTheCollectionAsItWasAtAnEarlierRevision() {
        ObjectStore store = new ObjectStore(100);
        store.commitNew(MAPS, map("ns", "a", "1"));
        store.commitNew(MAPS, map("ns", "b", "1"));
        store.commitNew(MAPS, map("ns", "c", "1"));
        long then = store.revision();
        store.commitChange(MAPS, map("ns", "b", "2"));
        store.commitRemoval(MAPS, "ns", "c");
        store.commitNew(MAPS, map("ns", "d", "1"));

        assertThat(names(store.page(MAPS, "ns", o -> true, null, 0, then))).containsExactly("a=1", "b=1", "c=1");
        assertThat(names(store.page(MAPS, "ns", o -> true, null, 0, 0))).containsExactly("a=1", "b=2", "d=1");
        assertThat(names(store.page(MAPS, "ns", o -> true, "ns/a", 0, then))).as("after a key").containsExactly("b=1", "c=1");
    }

    @Test
    void pageStopsAtTheLimitAndSaysWhereAndHowManyFollow() {
        ObjectStore store = new ObjectStore(100);
        for (String name : List.of("a", "b", "c", "d", "e")) {
            store.commitNew(MAPS, map("ns", name, "1"));
        }

        ObjectStore.Page first = store.page(MAPS, "ns", o -> true, null, 2, 0);
        ObjectStore.Page last = store.page(MAPS, "ns", o -> true, "ns/d", 2, 0);

        assertThat(names(first)).containsExactly("a=1", "b=1");
        assertThat(first.lastKey()).isEqualTo("ns/b");
        assertThat(first.remaining()).isEqualTo(3);
        assertThat(names(last)).containsExactly("e=1");
        assertThat(last.lastKey()).as("nothing follows the last page").isNull();
    }

    @Test
    void namespaceScopeHoldsExactlyThatNamespace() {
        ObjectStore store = new ObjectStore(100);
        for (String namespace : List.of("team", "team-b", "team.c", "team0", "teams")) {
            store.commitNew(MAPS, map(namespace, "x", namespace));
        }

        assertThat(names(store.page(MAPS, "team", o -> true, null, 0, 0))).containsExactly("x=team");
        assertThat(store.page(MAPS, null, o -> true, null, 0, 0).items()).hasSize(5);
    }

    @Test
    void readingBeforeTheHistoryIsGone() {
        ObjectStore store = new ObjectStore(2);
        store.commitNew(MAPS, map("ns", "a", "1"));
        long early = store.revision();
        for (int i = 2; i <= 4; i++) {
            store.commitChange(MAPS, map("ns", "a", Integer.toString(i)));
        }

        assertThatThrownBy(() -> store.page(MAPS, "ns", o -> true, null, 0, early)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(410));
        assertThatThrownBy(() -> store.watch(MAPS, e -> e, early, 10)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(410));
    }

    @Test
    void watchReplaysOnlyLaterChangesOfItsResource() throws InterruptedException {
        ObjectStore store = new ObjectStore(100);
        store.commitNew(MAPS, map("ns", "a", "1"));
        long from = store.revision();
        store.commitNew("/secrets", map("ns", "s", "1"));
        store.commitChange(MAPS, map("ns", "a", "2"));

        try (Subscription watch = store.watch(MAPS, e -> e, from, 10)) {
            WatchEvent event = watch.poll(100);

            assertThat(event.type()).isEqualTo(WatchEvent.Type.MODIFIED);
            assertThat(event.object().path("data").path("v").asText()).isEqualTo("2");
            assertThat(event.previous().path("data").path("v").asText()).as("the view sees the state before").isEqualTo("1");
            assertThat(watch.poll(50)).as("other resources do not reach it").isNull();
        }
    }

    @Test
    void watchWithoutRevisionStartsWithTheCurrentObjectsThenFollows() throws InterruptedException {
        ObjectStore store = new ObjectStore(100);
        store.commitNew(MAPS, map("ns", "a", "1"));
        try (Subscription watch = store.watch(MAPS, e -> e, null, 10)) {
            store.commitNew(MAPS, map("ns", "b", "1"));

            assertThat(watch.poll(100).type()).isEqualTo(WatchEvent.Type.ADDED);
            assertThat(watch.poll(100).object().path("metadata").path("name").asText()).isEqualTo("b");
        }
    }

    @Test
    void removalLeavesEarlierEventsAsTheyWere() throws InterruptedException {
        ObjectStore store = new ObjectStore(100);
        ObjectNode stored = store.commitNew(MAPS, map("ns", "a", "1"));
        String version = stored.path("metadata").path("resourceVersion").asText();
        long from = store.revision() - 1;

        JsonNode removed = store.commitRemoval(MAPS, "ns", "a");

        assertThat(stored.path("metadata").path("resourceVersion").asText()).as("a stored object never changes").isEqualTo(version);
        assertThat(removed.path("metadata").path("resourceVersion").asText()).as("the deletion has its own revision").isNotEqualTo(version);
        try (Subscription watch = store.watch(MAPS, e -> e, from, 10)) {
            assertThat(watch.poll(100).object().path("metadata").path("resourceVersion").asText()).isEqualTo(version);
            assertThat(watch.poll(100).type()).isEqualTo(WatchEvent.Type.DELETED);
        }
    }

    @Test
    void slowWatchIsCutOffWithGone() throws InterruptedException {
        ObjectStore store = new ObjectStore(100);
        try (Subscription watch = store.watch(MAPS, e -> e, null, 2)) {
            for (String name : List.of("a", "b", "c")) {
                store.commitNew(MAPS, map("ns", name, "1"));
            }
            watch.poll(10);
            watch.poll(10);

            assertThatThrownBy(() -> watch.poll(10)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(410));
        }
    }

    @Test
    void getAndListHandOutCopies() {
        ObjectStore store = new ObjectStore(100);
        store.insert(MAPS, map("ns", "a", "1"));

        store.get(MAPS, "ns", "a").orElseThrow().withObjectProperty("data").put("v", "changed");
        store.list(MAPS, "ns", o -> true).items().getFirst().withObjectProperty("data").put("v", "changed");

        assertThat(store.read(MAPS, "ns", "a").path("data").path("v").asText()).isEqualTo("1");
    }
}
