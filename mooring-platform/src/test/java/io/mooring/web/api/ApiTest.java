package io.mooring.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.web.Http;
import io.mooring.web.WebFixture;
import io.mooring.web.auth.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.mooring.web.OpenApiContract.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST API against the sandbox, every answer held to the OpenAPI document: reads, the resource
 * tree, diff, sync and rollback as operations, history, environments, events, the audit log, and
 * errors that say what to do.
 */
@ExtendWith(WebFixture.Extension.class)
class ApiTest {
    private static final String APPS = "/api/v1/applications";
    private static final String WEB = APPS + "/{namespace}/{name}";

    static WebFixture fixture;

    @BeforeAll
    static void awaitCompared(WebFixture web) {
        fixture = web;
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode list = fixture.as(Role.VIEWER).get(APPS).json();
            assertThat(list.path("items").findValuesAsText("status")).as("both compared, web synced and healthy: " + list)
                    .contains("Synced", "Healthy").doesNotContain("Unknown");
        });
    }

    private static Http.Response get(Http http, String template, String path) {
        return check("GET", template, http.get(path));
    }

    @Test
    void listsApplicationsWithSyncStateAndHealth() {
        JsonNode items = get(fixture.as(Role.VIEWER), APPS, APPS).json().path("items");
        assertThat(items).hasSize(2);
        JsonNode web = items.get(1);
        assertThat(web.path("name").asText()).isEqualTo("web");
        assertThat(web.path("automated").asBoolean()).isTrue();
        assertThat(web.path("sync").path("status").asText()).isEqualTo("Synced");
        assertThat(web.path("environment").asText()).isEqualTo("dev");
        assertThat(get(fixture.as(Role.VIEWER), APPS, APPS + "?environment=prod").json().path("items")).as("none in prod").isEmpty();
        assertThat(get(fixture.as(Role.VIEWER), APPS, APPS + "?namespace=").json().path("items")).as("every namespace").hasSize(2);
    }

    @Test
    void getsOneApplicationOrSaysWhereItLooked() {
        JsonNode web = get(fixture.as(Role.VIEWER), WEB, APPS + "/mooring/web").json();
        assertThat(web.path("spec").path("source").path("path").asText()).isEqualTo("apps/web");
        assertThat(web.path("status").path("resources")).hasSize(2);
        Http.Response missing = get(fixture.as(Role.VIEWER), WEB, APPS + "/mooring/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").path("message").asText()).contains("\"nope\" not found in namespace mooring");
    }

    @Test
    void theResourceTreeShowsWhatTheClusterMadeBelowEachObject() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode tree = get(fixture.as(Role.VIEWER), WEB + "/resources", APPS + "/mooring/web/resources").json().path("items");
            JsonNode deployment = null;
            for (JsonNode node : tree) {
                if (node.path("kind").asText().equals("Deployment")) {
                    deployment = node;
                }
            }
            assertThat(deployment).as("the Deployment in " + tree).isNotNull();
            assertThat(deployment.path("health").path("status").asText()).isEqualTo("Healthy");
            JsonNode replicaSet = deployment.path("children").get(0);
            assertThat(replicaSet.path("kind").asText()).isEqualTo("ReplicaSet");
            assertThat(replicaSet.path("children")).as("its pods").hasSize(2);
            assertThat(replicaSet.path("children").get(0).path("kind").asText()).isEqualTo("Pod");
        });
    }

    @Test
    void syncRunsAsAnOperationIsRecordedAndRollsBack() {
        Http operator = fixture.as(Role.OPERATOR);
        // Other tests of the run may have synced batch (a manual Application) already: a commit of its own first.
        fixture.repo.write("apps/batch/config.yaml", WebFixture.configMap("batch-config", "1")).commit("batch 1");
        JsonNode diff = get(operator, WEB + "/diff", APPS + "/mooring/batch/diff").json();
        assertThat(diff.path("differs").asBoolean()).as("batch is manual: Git moved, the cluster did not: " + diff).isTrue();
        assertThat(diff.path("changes").get(0).path("name").asText()).isEqualTo("batch-config");

        JsonNode first = awaitOperation(sync(operator, "{}"));
        assertThat(first.path("phase").asText()).as(first.toString()).isEqualTo("Succeeded");
        assertThat(first.path("steps").toString()).contains("ConfigMap/batch/batch-config");
        assertThat(value()).isEqualTo("1");
        fixture.repo.write("apps/batch/config.yaml", WebFixture.configMap("batch-config", "2")).commit("batch 2");
        assertThat(awaitOperation(sync(operator, "{\"timeout\": \"2m\"}")).path("phase").asText()).isEqualTo("Succeeded");
        assertThat(value()).isEqualTo("2");

        List<JsonNode> history = new ArrayList<>();
        get(operator, WEB + "/history", APPS + "/mooring/batch/history").json().path("items").forEach(history::add);
        assertThat(history).as("two syncs recorded").hasSizeGreaterThanOrEqualTo(2);
        long firstId = history.get(history.size() - 2).path("id").asLong();
        Http.Response rollback = check("POST", WEB + "/rollback", operator.json("POST", APPS + "/mooring/batch/rollback", "{\"id\": " + firstId + "}"));
        assertThat(rollback.status()).as(rollback.toString()).isEqualTo(202);
        assertThat(awaitOperation(rollback).path("phase").asText()).isEqualTo("Succeeded");
        assertThat(value()).as("rolled back to the first revision").isEqualTo("1");

        Http.Response refused = check("POST", WEB + "/rollback", operator.json("POST", APPS + "/mooring/web/rollback", "{\"id\": 1}"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error").path("message").asText()).contains("syncs automatically");

        List<String> audited = fixture.as(Role.ADMIN).get("/api/v1/audit?actor=token:test-operator").json().path("items").findValuesAsText("result");
        assertThat(audited).as("accepted, then how each operation ended").contains("accepted", "Succeeded", "failure");
        JsonNode events = get(operator, "/api/v1/events", "/api/v1/events?application=batch").json().path("items");
        assertThat(events.findValuesAsText("reason")).contains("SyncSucceeded");
    }

    private static Http.Response sync(Http operator, String body) {
        Http.Response started = check("POST", WEB + "/sync", operator.json("POST", APPS + "/mooring/batch/sync", body));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.header("Location")).startsWith("/api/v1/operations/");
        return started;
    }

    private static JsonNode awaitOperation(Http.Response started) {
        String location = started.header("Location");
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            last[0] = check("GET", "/api/v1/operations/{id}", fixture.as(Role.VIEWER).get(location)).json();
            return !last[0].path("phase").asText().equals("Running");
        });
        return last[0];
    }

    private static String value() {
        return fixture.client.configMaps().inNamespace("batch").withName("batch-config").get().getData().get("value");
    }

    @Test
    void refreshIsAcceptedForOperators() {
        Http.Response refresh = check("POST", WEB + "/refresh", fixture.as(Role.OPERATOR).json("POST", APPS + "/mooring/web/refresh", null));
        assertThat(refresh.status()).isEqualTo(202);
        assertThat(fixture.as(Role.VIEWER).get(APPS + "/mooring/web").json().path("metadata").path("annotations").has("mooring.io/refresh")).isTrue();
    }

    @Test
    void environmentsInOrderWithTheirApplications() {
        JsonNode items = get(fixture.as(Role.VIEWER), "/api/v1/environments", "/api/v1/environments").json().path("items");
        assertThat(items.findValuesAsText("name")).containsExactly("dev", "prod");
        assertThat(items.get(0).path("applications").asInt()).isEqualTo(2);
        assertThat(items.get(0).path("promotesTo").get(0).asText()).isEqualTo("prod");
    }

    @Test
    void errorsAreJsonWithAMessageAndWhatToDo() {
        Http.Response badJson = check("POST", WEB + "/sync", fixture.as(Role.OPERATOR).json("POST", APPS + "/mooring/batch/sync", "{nope"));
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.json().path("error").path("hint").asText()).isNotEmpty();
        Http.Response badTimeout = check("POST", WEB + "/sync", fixture.as(Role.OPERATOR).json("POST", APPS + "/mooring/batch/sync",
                "{\"timeout\": \"soon\"}"));
        assertThat(badTimeout.json().path("error").path("message").asText()).contains("'soon' is no duration");
        Http.Response unknown = fixture.as(Role.VIEWER).get("/api/v1/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").path("hint").asText()).contains("openapi.json");
        Http.Response badLimit = check("GET", "/api/v1/events", fixture.as(Role.VIEWER).get("/api/v1/events?limit=-3"));
        assertThat(badLimit.status()).isEqualTo(400);
    }

    @Test
    void theServedDocumentIsTheOneInTheRepository() {
        Http.Response served = fixture.browser().get("/api/v1/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.json()).isEqualTo(io.mooring.web.OpenApiContract.DOCUMENT);
    }
}
