package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status subresource splits an object between its owner (spec, through the main resource) and
 * its controller (status, through {@code /status}); metadata.generation counts spec changes so that
 * a controller can say which one it observed. A suspended CronJob is used: a built-in kind with a
 * status subresource that no controller writes to while the test runs.
 */
class StatusSubresourceTest {
    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private String cronJobs() {
        return "/apis/batch/v1/namespaces/" + cluster.namespace() + "/cronjobs";
    }

    private JsonNode create(String name) {
        RawApi.Reply reply = cluster.raw().post(cronJobs(), """
                {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "%s"},
                 "spec": {"schedule": "0 0 1 1 *", "suspend": true, "jobTemplate": {"spec": {"template": {"spec": {
                   "restartPolicy": "Never", "containers": [{"name": "main", "image": "busybox:1.36"}]}}}}},
                 "status": {"lastScheduleTime": "2020-01-01T00:00:00Z"}}
                """.formatted(name));
        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
        return reply.json();
    }

    private static ObjectNode copy(JsonNode object) {
        return (ObjectNode) object.deepCopy();
    }

    @Test
    void createIgnoresTheStatusInTheBody() {
        JsonNode created = create("create-status");

        assertThat(created.path("status").path("lastScheduleTime").isMissingNode())
                .as("status is the controller's: a create cannot set it: %s", created.path("status")).isTrue();
        assertThat(created.path("metadata").path("generation").asLong()).as("a new object is generation 1").isEqualTo(1);
    }

    @Test
    void specUpdateKeepsTheStoredStatus() {
        JsonNode created = create("spec-keeps-status");
        ObjectNode status = copy(created);
        status.putObject("status").put("lastScheduleTime", "2021-02-03T04:05:06Z");
        JsonNode withStatus = cluster.raw().put(cronJobs() + "/spec-keeps-status/status", status.toString()).json();

        ObjectNode update = copy(withStatus);
        ((ObjectNode) update.path("spec")).put("schedule", "0 0 2 1 *");
        update.putObject("status").put("lastScheduleTime", "1999-01-01T00:00:00Z");
        RawApi.Reply reply = cluster.raw().put(cronJobs() + "/spec-keeps-status", update.toString());

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("spec").path("schedule").asText()).isEqualTo("0 0 2 1 *");
        assertThat(reply.json().path("status").path("lastScheduleTime").asText())
                .as("the status in a main-resource update is ignored").isEqualTo("2021-02-03T04:05:06Z");
    }

    @Test
    void statusUpdateKeepsTheStoredSpec() {
        JsonNode created = create("status-keeps-spec");
        ObjectNode update = copy(created);
        ((ObjectNode) update.path("spec")).put("schedule", "5 5 5 5 *");
        update.putObject("status").put("lastScheduleTime", "2022-01-01T00:00:00Z");

        RawApi.Reply reply = cluster.raw().put(cronJobs() + "/status-keeps-spec/status", update.toString());

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("status").path("lastScheduleTime").asText()).isEqualTo("2022-01-01T00:00:00Z");
        assertThat(reply.json().path("spec").path("schedule").asText()).as("the spec in a status update is ignored")
                .isEqualTo("0 0 1 1 *");
    }

    @Test
    void statusUpdateKeepsLabelsAndAnnotations() {
        JsonNode created = create("status-keeps-labels");
        ObjectNode update = copy(created);
        ((ObjectNode) update.path("metadata")).putObject("labels").put("from", "status");
        update.putObject("status").put("lastScheduleTime", "2022-01-01T00:00:00Z");

        RawApi.Reply reply = cluster.raw().put(cronJobs() + "/status-keeps-labels/status", update.toString());

        assertThat(reply.json().path("metadata").path("labels").path("from").isMissingNode())
                .as("a status write changes only status").isTrue();
    }

    @Test
    void statusPatchChangesOnlyStatus() {
        create("status-patch");

        RawApi.Reply reply = cluster.raw().patch(cronJobs() + "/status-patch/status", "application/merge-patch+json", """
                {"spec": {"schedule": "9 9 9 9 *"}, "status": {"lastScheduleTime": "2023-01-01T00:00:00Z"}}
                """);

        assertThat(reply.code()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().path("status").path("lastScheduleTime").asText()).isEqualTo("2023-01-01T00:00:00Z");
        assertThat(reply.json().path("spec").path("schedule").asText()).isEqualTo("0 0 1 1 *");
    }

    @Test
    void getOfTheStatusSubresourceAnswersTheWholeObject() {
        create("status-get");

        RawApi.Reply reply = cluster.raw().get(cronJobs() + "/status-get/status");

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.json().path("kind").asText()).isEqualTo("CronJob");
        assertThat(reply.json().path("spec").path("schedule").asText()).isEqualTo("0 0 1 1 *");
    }

    @Test
    void generationCountsSpecChangesOnly() {
        create("generations");
        String path = cronJobs() + "/generations";

        long afterSpec = cluster.raw().patch(path, "application/merge-patch+json", "{\"spec\": {\"schedule\": \"1 1 1 1 *\"}}")
                .json().path("metadata").path("generation").asLong();
        long afterLabel = cluster.raw().patch(path, "application/merge-patch+json", "{\"metadata\": {\"labels\": {\"x\": \"y\"}}}")
                .json().path("metadata").path("generation").asLong();
        long afterStatus = cluster.raw().patch(path + "/status", "application/merge-patch+json",
                "{\"status\": {\"lastScheduleTime\": \"2024-01-01T00:00:00Z\"}}").json().path("metadata").path("generation").asLong();
        long afterSecondSpec = cluster.raw().patch(path, "application/merge-patch+json", "{\"spec\": {\"suspend\": false}}")
                .json().path("metadata").path("generation").asLong();

        assertThat(afterSpec).as("a spec change bumps the generation").isEqualTo(2);
        assertThat(afterLabel).as("a metadata change does not").isEqualTo(2);
        assertThat(afterStatus).as("a status change does not").isEqualTo(2);
        assertThat(afterSecondSpec).isEqualTo(3);
        cluster.raw().patch(path, "application/merge-patch+json", "{\"spec\": {\"suspend\": true}}");
    }

    @Test
    void updateThatChangesNothingKeepsTheVersionOfAnObjectWithoutStatus() {
        JsonNode created = create("no-op-without-status");

        RawApi.Reply reply = cluster.raw().put(cronJobs() + "/no-op-without-status", created.toString());

        assertThat(reply.json().path("metadata").path("resourceVersion").asText())
                .isEqualTo(created.path("metadata").path("resourceVersion").asText());
        assertThat(reply.json().has("status")).as("no status appears from nowhere").isEqualTo(created.has("status"));
    }

    @Test
    void generationCannotBeSetByTheClient() {
        JsonNode created = create("generation-ignored");
        ObjectNode update = copy(created);
        ((ObjectNode) update.path("metadata")).put("generation", 42);

        RawApi.Reply reply = cluster.raw().put(cronJobs() + "/generation-ignored", update.toString());

        assertThat(reply.json().path("metadata").path("generation").asLong()).isEqualTo(1);
    }

    @Test
    void kindWithoutStatusSubresourceHasNoStatusUrl() {
        cluster.raw().post("/api/v1/namespaces/" + cluster.namespace() + "/configmaps", """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "no-status"}}
                """);

        RawApi.Reply reply = cluster.raw().get("/api/v1/namespaces/" + cluster.namespace() + "/configmaps/no-status/status");

        assertThat(reply.code()).as("%s", reply).isEqualTo(404);
        assertThat(reply.message()).isEqualTo("the server could not find the requested resource");
    }
}
