package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Label selectors (equality and set-based) and field selectors on lists and watches; field
 * selectors are limited per kind, and the server refuses the fields it does not index.
 */
class SelectorTest {
    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    @BeforeAll
    static void objects() {
        String configMaps = "/api/v1/namespaces/" + cluster.namespace() + "/configmaps";
        for (String[] object : new String[][] {
                {"front", "{\"app\": \"web\", \"tier\": \"front\"}"},
                {"back", "{\"app\": \"web\", \"tier\": \"back\"}"},
                {"db", "{\"app\": \"db\"}"},
                {"plain", "{}"}}) {
            RawApi.Reply reply = cluster.raw().post(configMaps, """
                    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "%s", "labels": %s}}
                    """.formatted(object[0], object[1]));
            assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        }
    }

    private static List<String> names(String query) {
        RawApi.Reply reply = cluster.raw().get("/api/v1/namespaces/" + cluster.namespace() + "/configmaps?" + query);
        assertThat(reply.code()).as("%s: %s", query, reply).isEqualTo(200);
        List<String> names = new ArrayList<>();
        reply.json().path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
        // A real cluster publishes its CA bundle in every namespace; it carries no labels.
        names.remove("kube-root-ca.crt");
        return names;
    }

    private static String encode(String selector) {
        return URLEncoder.encode(selector, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "labelSelector {0} matches {1}")
    @CsvSource(delimiter = ';', value = {
            "app=web; front back",
            "app==web; front back",
            "app!=web; db plain",
            "tier in (front,back); front back",
            "tier in (front); front",
            "tier notin (front); back db plain",
            "tier; front back",
            "!tier; db plain",
            "app=web,tier!=front; back",
            "app in (web,db),!tier; db",
            "app notin (web),app; db"})
    void labelSelectorMatchesAsTheApiServerDoes(String selector, String expected) {
        assertThat(names("labelSelector=" + encode(selector))).as("%s (objects without a label match != and notin)", selector)
                .containsExactlyInAnyOrder(expected.split(" "));
    }

    @Test
    void malformedLabelSelectorIsABadRequest() {
        RawApi.Reply reply = cluster.raw().get("/api/v1/namespaces/" + cluster.namespace() + "/configmaps?labelSelector="
                + encode("tier in (front"));

        assertThat(reply.code()).as("%s", reply).isEqualTo(400);
        assertThat(reply.reason()).isEqualTo("BadRequest");
        assertThat(reply.message()).startsWith("unable to parse requirement");
    }

    @Test
    void labelValueThatIsNotAValidLabelIsABadRequest() {
        RawApi.Reply reply = cluster.raw().get("/api/v1/namespaces/" + cluster.namespace() + "/configmaps?labelSelector="
                + encode("app=not a label"));

        assertThat(reply.code()).as("%s", reply).isEqualTo(400);
        assertThat(reply.reason()).isEqualTo("BadRequest");
    }

    @Test
    void fieldSelectorOnNameAndNamespace() {
        assertThat(names("fieldSelector=" + encode("metadata.name=db"))).containsExactly("db");
        assertThat(names("fieldSelector=" + encode("metadata.name!=db"))).containsExactlyInAnyOrder("front", "back", "plain");
        assertThat(names("fieldSelector=" + encode("metadata.name==db,metadata.namespace=" + cluster.namespace()))).containsExactly("db");
        assertThat(names("fieldSelector=" + encode("metadata.name=db") + "&labelSelector=" + encode("app=web")))
                .as("both selectors must match").isEmpty();
    }

    @Test
    void fieldSelectorOnNamespaceAcrossNamespaces() {
        RawApi.Reply reply = cluster.raw().get("/api/v1/configmaps?fieldSelector=" + encode("metadata.namespace=" + cluster.namespace()));

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("items").findValuesAsText("namespace")).containsOnly(cluster.namespace());
    }

    @Test
    void unknownFieldOfAKindWithoutOwnFieldsIsRefused() {
        RawApi.Reply reply = cluster.raw().get("/api/v1/namespaces/" + cluster.namespace() + "/configmaps?fieldSelector="
                + encode("data.key=x"));

        assertThat(reply.code()).as("%s", reply).isEqualTo(400);
        assertThat(reply.reason()).isEqualTo("BadRequest");
        assertThat(reply.message()).isEqualTo("\"data.key\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
    }

    @Test
    void unknownFieldOfPodsIsRefusedWithTheirOwnMessage() {
        RawApi.Reply reply = cluster.raw().get("/api/v1/namespaces/" + cluster.namespace() + "/pods?fieldSelector="
                + encode("spec.containers=x"));

        assertThat(reply.code()).as("%s", reply).isEqualTo(400);
        assertThat(reply.message()).isEqualTo("field label not supported: spec.containers");
    }

    @Test
    void fieldSelectorIsCheckedOnWatchesToo() {
        RawApi.Reply reply = cluster.raw().get("/api/v1/namespaces/" + cluster.namespace() + "/configmaps?watch=true&fieldSelector="
                + encode("data.key=x"));

        assertThat(reply.code()).as("%s", reply).isEqualTo(400);
    }

    @Test
    void podFieldsThatControllersSelectOn() {
        String pods = "/api/v1/namespaces/" + cluster.namespace() + "/pods";
        for (String[] pod : new String[][] {{"placed", "\"nodeName\": \"conformance-absent-node\","}, {"unplaced", ""}}) {
            RawApi.Reply created = cluster.raw().post(pods, """
                    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "%s"},
                     "spec": {%s "nodeSelector": {"conformance.mooring.io/nowhere": "true"},
                              "containers": [{"name": "main", "image": "busybox:1.36"}]}}
                    """.formatted(pod[0], pod[1]));
            assertThat(created.code()).as("%s", created).isEqualTo(201);
        }
        setPhase(pods + "/placed", "Running");
        setPhase(pods + "/unplaced", "Pending");

        assertThat(podNames(pods, "spec.nodeName=conformance-absent-node")).containsExactly("placed");
        assertThat(podNames(pods, "spec.nodeName=")).as("controllers find unscheduled pods by an empty nodeName")
                .containsExactly("unplaced");
        assertThat(podNames(pods, "status.phase=Running")).containsExactly("placed");
        assertThat(podNames(pods, "status.phase!=Running,spec.nodeName=")).containsExactly("unplaced");
        assertThat(podNames("/api/v1/pods", "spec.nodeName=conformance-absent-node,metadata.namespace=" + cluster.namespace()))
                .containsExactly("placed");
    }

    private static void setPhase(String pod, String phase) {
        RawApi.Reply reply = cluster.raw().patch(pod + "/status", "application/merge-patch+json",
                "{\"status\": {\"phase\": \"" + phase + "\"}}");
        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
    }

    private static List<String> podNames(String pods, String fieldSelector) {
        RawApi.Reply reply = cluster.raw().get(pods + "?fieldSelector=" + encode(fieldSelector));
        assertThat(reply.code()).as("%s: %s", fieldSelector, reply).isEqualTo(200);
        List<String> names = new ArrayList<>();
        reply.json().path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
        return names;
    }

    @Test
    void secretsBySecretType() {
        String secrets = "/api/v1/namespaces/" + cluster.namespace() + "/secrets";
        cluster.raw().post(secrets, """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "typed"}, "type": "example.com/custom"}
                """);
        cluster.raw().post(secrets, """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "opaque"}, "type": "Opaque"}
                """);

        JsonNode list = cluster.raw().get(secrets + "?fieldSelector=" + encode("type=example.com/custom")).json();

        assertThat(list.path("items").findValuesAsText("name")).containsExactly("typed");
    }

    @Test
    void eventsByInvolvedObject() {
        String events = "/api/v1/namespaces/" + cluster.namespace() + "/events";
        for (String target : new String[] {"front", "back"}) {
            RawApi.Reply reply = cluster.raw().post(events, """
                    {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "about-%s"},
                     "involvedObject": {"apiVersion": "v1", "kind": "ConfigMap", "namespace": "%s", "name": "%s"},
                     "reason": "Tested", "message": "conformance", "type": "Normal", "source": {"component": "conformance"}}
                    """.formatted(target, cluster.namespace(), target));
            assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        }

        JsonNode list = cluster.raw().get(events + "?fieldSelector=" + encode("involvedObject.kind=ConfigMap,involvedObject.name=back")).json();

        assertThat(list.path("items")).extracting(e -> e.path("metadata").path("name").asText()).containsExactly("about-back");
    }
}
