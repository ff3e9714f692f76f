package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Lists in pages ({@code limit} and {@code continue}): every page belongs to the snapshot of the
 * first one, so that a client that pages through a changing collection still sees one consistent
 * list, with the resourceVersion to watch from afterwards.
 */
class PaginationTest {
    private static final int OBJECTS = 7;

    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    @BeforeAll
    static void objects() {
        for (int i = 0; i < OBJECTS; i++) {
            RawApi.Reply reply = cluster.raw().post(configMaps(), """
                    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "item-%d", "labels": {"paged": "yes"}}, "data": {"n": "%d"}}
                    """.formatted(i, i));
            assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        }
    }

    private static String configMaps() {
        return "/api/v1/namespaces/" + cluster.namespace() + "/configmaps";
    }

    private static JsonNode page(String query) {
        RawApi.Reply reply = cluster.raw().get(configMaps() + "?" + query);
        assertThat(reply.code()).as("%s: %s", query, reply).isEqualTo(200);
        return reply.json();
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
        return names;
    }

    private static String token(JsonNode list) {
        return URLEncoder.encode(list.path("metadata").path("continue").asText(), StandardCharsets.UTF_8);
    }

    @Test
    void limitReturnsAPageWithAContinueTokenAndTheRemainingCount() {
        int total = page("").path("items").size();

        JsonNode first = page("limit=3");

        assertThat(first.path("items")).hasSize(3);
        assertThat(first.path("metadata").path("continue").asText()).as("more pages follow").isNotEmpty();
        assertThat(first.path("metadata").path("remainingItemCount").asLong()).as("without selectors the rest is counted")
                .isEqualTo(total - 3);
    }

    @Test
    void pagesTogetherHoldEveryObjectOnceInListOrder() {
        List<String> all = names(page(""));

        List<String> paged = new ArrayList<>();
        JsonNode list = page("limit=2");
        paged.addAll(names(list));
        while (!list.path("metadata").path("continue").asText().isEmpty()) {
            list = page("limit=2&continue=" + token(list));
            paged.addAll(names(list));
        }

        assertThat(paged).isEqualTo(all);
        assertThat(list.path("metadata").has("remainingItemCount")).as("the last page has nothing remaining").isFalse();
    }

    @Test
    void laterPagesShowTheCollectionAsOfTheFirstPage() {
        JsonNode first = page("labelSelector=paged%3Dyes&limit=2");
        String version = first.path("metadata").path("resourceVersion").asText();
        cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "item-9-late", "labels": {"paged": "yes"}}}
                """);
        cluster.raw().patch(configMaps() + "/item-5", "application/merge-patch+json", "{\"data\": {\"n\": \"changed\"}}");
        cluster.raw().delete(configMaps() + "/item-6");

        List<JsonNode> rest = new ArrayList<>();
        JsonNode list = first;
        while (!list.path("metadata").path("continue").asText().isEmpty()) {
            list = page("labelSelector=paged%3Dyes&limit=2&continue=" + token(list));
            assertThat(list.path("metadata").path("resourceVersion").asText()).as("every page is at the first page's version")
                    .isEqualTo(version);
            list.path("items").forEach(rest::add);
        }

        assertThat(rest).extracting(i -> i.path("metadata").path("name").asText())
                .as("created after the first page: absent; deleted after it: present").contains("item-6").doesNotContain("item-9-late");
        assertThat(rest).filteredOn(i -> i.path("metadata").path("name").asText().equals("item-5"))
                .extracting(i -> i.path("data").path("n").asText()).as("changed after the first page: as it was").containsExactly("5");
        cluster.raw().delete(configMaps() + "/item-9-late");
        cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "item-6", "labels": {"paged": "yes"}}, "data": {"n": "6"}}
                """);
        cluster.raw().patch(configMaps() + "/item-5", "application/merge-patch+json", "{\"data\": {\"n\": \"5\"}}");
    }

    @Test
    void withASelectorTheRemainingCountIsLeftOut() {
        JsonNode first = page("labelSelector=paged%3Dyes&limit=2");

        assertThat(first.path("metadata").path("continue").asText()).isNotEmpty();
        assertThat(first.path("metadata").has("remainingItemCount"))
                .as("the server cannot count what a selector matches without reading it all").isFalse();
    }

    @Test
    void continueTokenThatIsNotOneIsABadRequest() {
        RawApi.Reply reply = cluster.raw().get(configMaps() + "?limit=2&continue=bm90LWEtdG9rZW4");

        assertThat(reply.code()).as("%s", reply).isEqualTo(400);
        assertThat(reply.reason()).isEqualTo("BadRequest");
    }

    @Test
    void continueTokenOlderThanTheHistoryIsGone() {
        assumeThat(cluster.isSandbox()).as("only the sandbox's history can be outrun on purpose").isTrue();
        JsonNode first = page("limit=2");
        cluster.raw().post(configMaps(), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "churn"}}
                """);
        for (int i = 0; i <= Conformance.SANDBOX_WATCH_HISTORY; i++) {
            cluster.raw().patch(configMaps() + "/churn", "application/merge-patch+json", "{\"data\": {\"n\": \"" + i + "\"}}");
        }

        RawApi.Reply reply = cluster.raw().get(configMaps() + "?limit=2&continue=" + token(first));

        assertThat(reply.code()).as("%s", reply).isEqualTo(410);
        assertThat(reply.reason()).isEqualTo("Expired");
        assertThat(reply.message()).startsWith("The provided continue parameter is too old to display a consistent list result.");
        assertThat(reply.json().path("metadata").path("continue").asText())
                .as("the error carries a fresh token to read the rest inconsistently").isNotEmpty();
    }

    @Test
    void exactResourceVersionReadsTheListAsItWas() {
        String before = page("labelSelector=paged%3Dyes").path("metadata").path("resourceVersion").asText();
        cluster.raw().patch(configMaps() + "/item-1", "application/merge-patch+json", "{\"data\": {\"n\": \"later\"}}");

        JsonNode then = page("labelSelector=paged%3Dyes&resourceVersionMatch=Exact&resourceVersion=" + before);

        assertThat(then.path("metadata").path("resourceVersion").asText()).isEqualTo(before);
        assertThat(then.path("items")).filteredOn(i -> i.path("metadata").path("name").asText().equals("item-1"))
                .extracting(i -> i.path("data").path("n").asText()).containsExactly("1");
        cluster.raw().patch(configMaps() + "/item-1", "application/merge-patch+json", "{\"data\": {\"n\": \"1\"}}");
    }

    @Test
    void fabric8ListsInPages() {
        var list = cluster.client().configMaps().inNamespace(cluster.namespace()).withLabel("paged", "yes")
                .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(3L).build());

        assertThat(list.getItems()).hasSize(3);
        assertThat(list.getMetadata().getContinue()).isNotEmpty();
    }
}
