package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side printing: {@code kubectl get} asks for a {@code Table} and prints its columns as
 * they come, so the columns (and which are {@code -o wide} only, priority 1) are the API's.
 */
class TableTest {
    static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    @BeforeAll
    static void objects() {
        String ns = cluster.namespace();
        post("/api/v1/namespaces/" + ns + "/configmaps", """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "printed"}, "data": {"a": "1", "b": "2"}}
                """);
        post("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "printed"},
                 "spec": {"nodeSelector": {"conformance.mooring.io/nowhere": "true"}, "containers": [{"name": "main", "image": "busybox:1.36"}]}}
                """);
        post("/apis/rbac.authorization.k8s.io/v1/namespaces/" + ns + "/roles", """
                {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "printed"},
                 "rules": [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]}]}
                """);
        post("/apis/apps/v1/namespaces/" + ns + "/deployments", """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "printed"},
                 "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "printed"}},
                  "template": {"metadata": {"labels": {"app": "printed"}}, "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}
                """);
    }

    private static void post(String path, String body) {
        RawApi.Reply reply = cluster.raw().post(path, body);
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
    }

    private static JsonNode table(String path) {
        RawApi.Reply reply = cluster.raw().get(path, TABLE);
        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("kind").asText()).as("%s", reply).isEqualTo("Table");
        return reply.json();
    }

    private static List<String> columns(JsonNode table, int priority) {
        List<String> names = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> {
            if (c.path("priority").asInt() == priority) {
                names.add(c.path("name").asText());
            }
        });
        return names;
    }

    private static JsonNode row(JsonNode table, String name) {
        for (JsonNode row : table.path("rows")) {
            if (row.path("cells").path(0).asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + name + " in " + table);
    }

    @Test
    void listAsTableHasColumnsRowsAndPartialObjects() {
        JsonNode table = table("/api/v1/namespaces/" + cluster.namespace() + "/configmaps");

        assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(columns(table, 0)).containsExactly("Name", "Data", "Age");
        JsonNode row = row(table, "printed");
        assertThat(row.path("cells").path(1).asInt()).as("two data keys").isEqualTo(2);
        assertThat(row.path("object").path("kind").asText()).as("rows carry the object's metadata only, by default")
                .isEqualTo("PartialObjectMetadata");
        assertThat(row.path("object").path("metadata").path("name").asText()).isEqualTo("printed");
        assertThat(table.path("metadata").path("resourceVersion").asText()).isNotEmpty();
    }

    @Test
    void includeObjectGivesTheWholeObject() {
        JsonNode table = table("/api/v1/namespaces/" + cluster.namespace() + "/configmaps?includeObject=Object");

        assertThat(row(table, "printed").path("object").path("data").path("a").asText()).isEqualTo("1");
    }

    @Test
    void podsHaveTheirColumnsAndWideOnes() {
        JsonNode table = table("/api/v1/namespaces/" + cluster.namespace() + "/pods");

        assertThat(columns(table, 0)).containsExactly("Name", "Ready", "Status", "Restarts", "Age");
        assertThat(columns(table, 1)).as("-o wide").containsExactly("IP", "Node", "Nominated Node", "Readiness Gates");
        JsonNode row = row(table, "printed");
        assertThat(row.path("cells").path(1).asText()).isEqualTo("0/1");
        assertThat(row.path("cells").path(2).asText()).isEqualTo("Pending");
        assertThat(row.path("cells")).as("one cell per column").hasSize(9);
    }

    @Test
    void deploymentsHaveTheirColumnsAndWideOnes() {
        JsonNode table = table("/apis/apps/v1/namespaces/" + cluster.namespace() + "/deployments");

        assertThat(columns(table, 0)).containsExactly("Name", "Ready", "Up-to-date", "Available", "Age");
        assertThat(columns(table, 1)).containsExactly("Containers", "Images", "Selector");
        JsonNode cells = row(table, "printed").path("cells");
        assertThat(cells.path(5).asText()).isEqualTo("web");
        assertThat(cells.path(6).asText()).isEqualTo("nginx:1.27");
        assertThat(cells.path(7).asText()).isEqualTo("app=printed");
    }

    @Test
    void rolesPrintTheirCreationTime() {
        JsonNode table = table("/apis/rbac.authorization.k8s.io/v1/namespaces/" + cluster.namespace() + "/roles");

        assertThat(columns(table, 0)).containsExactly("Name", "Created At");
        assertThat(row(table, "printed").path("cells").path(1).asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void namespacesPrintTheirPhase() {
        JsonNode table = table("/api/v1/namespaces/" + cluster.namespace());

        assertThat(columns(table, 0)).containsExactly("Name", "Status", "Age");
        assertThat(row(table, cluster.namespace()).path("cells").path(1).asText()).isEqualTo("Active");
    }

    @Test
    void oneObjectAsTableHasOneRow() {
        JsonNode table = table("/api/v1/namespaces/" + cluster.namespace() + "/configmaps/printed");

        assertThat(table.path("rows")).hasSize(1);
    }

    @Test
    void watchAsTableStreamsOneRowTables() throws InterruptedException {
        String version = cluster.raw().get("/api/v1/namespaces/" + cluster.namespace() + "/configmaps").json()
                .path("metadata").path("resourceVersion").asText();
        String path = "/api/v1/namespaces/" + cluster.namespace() + "/configmaps?watch=true&resourceVersion=" + version;
        try (WatchStream watch = cluster.raw().stream(path, TABLE)) {
            post("/api/v1/namespaces/" + cluster.namespace() + "/configmaps", """
                    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "printed-live"}}
                    """);

            JsonNode event = watch.nextMatching(Duration.ofSeconds(10), e -> !"BOOKMARK".equals(WatchStream.type(e)));

            assertThat(WatchStream.type(event)).isEqualTo("ADDED");
            assertThat(event.path("object").path("kind").asText()).as("kubectl get -w reads tables: %s", event).isEqualTo("Table");
            assertThat(event.path("object").path("rows")).hasSize(1);
            assertThat(event.path("object").path("rows").path(0).path("cells").path(0).asText()).isEqualTo("printed-live");
        }
    }
}
