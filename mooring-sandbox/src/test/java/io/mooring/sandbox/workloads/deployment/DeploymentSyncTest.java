package io.mooring.sandbox.workloads.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import io.mooring.sandbox.workloads.objects.Conditions;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.TemplateHash;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentSyncTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private static ObjectNode deployment(int replicas, String image, String extraSpec) {
        return (ObjectNode) new YamlReader().readOne("deployment", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default, uid: d-1, generation: 2, creationTimestamp: "2025-06-01T11:00:00Z"}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: %s}]}
                %s
                """.formatted(replicas, image, extraSpec.indent(2)));
    }

    /** A ReplicaSet of the deployment for an image, with its size and how many of its pods are available. */
    private static ObjectNode replicaSet(ObjectNode deployment, String image, int revision, int replicas, int available, String created) {
        ObjectNode template = deployment.path("spec").path("template").deepCopy();
        ((ObjectNode) template.at("/spec/containers/0")).put("image", image);
        String hash = TemplateHash.of(template, null);
        template.withObjectProperty("metadata").withObjectProperty("labels").put(TemplateHash.POD_TEMPLATE_HASH, hash);
        ObjectNode rs = Json.object();
        ObjectNode metadata = rs.putObject("metadata");
        metadata.put("name", "web-" + hash);
        metadata.put("namespace", "default");
        metadata.put("uid", "rs-" + revision);
        metadata.put("generation", 1);
        metadata.put("creationTimestamp", created);
        metadata.putObject("annotations").put(DeploymentSync.REVISION, Integer.toString(revision))
                .put("deployment.kubernetes.io/desired-replicas", deployment.path("spec").path("replicas").asText())
                .put("deployment.kubernetes.io/max-replicas", "0");
        rs.putObject("spec").put("replicas", replicas).set("template", template);
        rs.putObject("status").put("replicas", replicas).put("readyReplicas", available).put("availableReplicas", available)
                .put("observedGeneration", 1);
        return rs;
    }

    private static int sizeAfter(DeploymentSync.Plan plan, ObjectNode rs) {
        return plan.updates().stream().filter(u -> u.name().equals(Json.name(rs))).findFirst()
                .map(u -> u.patch().at("/spec/replicas").asInt()).orElse(rs.at("/spec/replicas").asInt());
    }

    @Test
    void newDeploymentCreatesItsReplicaSetAtFullSize() {
        ObjectNode deployment = deployment(3, "nginx:1.27", "");
        DeploymentSync.Plan plan = DeploymentSync.plan(deployment, List.of(), Set.of(), NOW);
        assertThat(plan.creates()).hasSize(1);
        ObjectNode rs = plan.creates().getFirst();
        String hash = TemplateHash.of(deployment.path("spec").path("template"), null);
        assertThat(Json.name(rs)).isEqualTo("web-" + hash);
        assertThat(rs.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(rs.at("/spec/selector/matchLabels/pod-template-hash").asText()).isEqualTo(hash);
        assertThat(rs.at("/spec/template/metadata/labels/pod-template-hash").asText()).isEqualTo(hash);
        assertThat(rs.at("/metadata/ownerReferences/0/controller").asBoolean()).isTrue();
        assertThat(Json.annotations(rs)).containsEntry(DeploymentSync.REVISION, "1")
                .containsEntry("deployment.kubernetes.io/desired-replicas", "3").containsEntry("deployment.kubernetes.io/max-replicas", "4");
        assertThat(plan.revision()).isEqualTo("1");
        assertThat(Conditions.reason(plan.status(), "Progressing")).isEqualTo("NewReplicaSetCreated");
        assertThat(Conditions.reason(plan.status(), "Available")).as("nothing is available yet").isEqualTo("MinimumReplicasUnavailable");
    }

    @Test
    void rollingUpdateSurgesTheNewReplicaSetAndTakesOldOnesDownToTheMinimum() {
        ObjectNode deployment = deployment(10, "nginx:1.28", "");
        ObjectNode old = replicaSet(deployment, "nginx:1.27", 1, 10, 10, "2025-06-01T11:00:00Z");
        DeploymentSync.Plan plan = DeploymentSync.plan(deployment, List.of(old), Set.of(), NOW);
        assertThat(plan.creates()).hasSize(1);
        assertThat(plan.creates().getFirst().at("/spec/replicas").asInt()).as("maxSurge 25% of 10 rounds up to 3").isEqualTo(3);
        assertThat(Json.annotations(plan.creates().getFirst())).containsEntry(DeploymentSync.REVISION, "2");
        assertThat(sizeAfter(plan, old)).as("the 2 pods that maxUnavailable allows go in the same sync").isEqualTo(8);
    }

    @Test
    void rollingUpdateGrowsTheNewReplicaSetOnceItsPodsAreAvailable() {
        ObjectNode deployment = deployment(10, "nginx:1.28", "");
        ObjectNode old = replicaSet(deployment, "nginx:1.27", 1, 8, 8, "2025-06-01T11:00:00Z");
        ObjectNode fresh = replicaSet(deployment, "nginx:1.28", 2, 3, 3, "2025-06-01T11:30:00Z");
        DeploymentSync.Plan plan = DeploymentSync.plan(deployment, List.of(old, fresh), Set.of(), NOW);
        assertThat(sizeAfter(plan, fresh)).as("11 pods, room for 2 more within desired + surge").isEqualTo(5);
        assertThat(sizeAfter(plan, old)).as("a sync that scales up does not also scale down").isEqualTo(8);
        assertThat(Conditions.reason(plan.status(), "Progressing")).isEqualTo("ReplicaSetUpdated");
    }

    @Test
    void rollingUpdateTakesUnavailableOldPodsFirst() {
        ObjectNode deployment = deployment(10, "nginx:1.28", "");
        ObjectNode old = replicaSet(deployment, "nginx:1.27", 1, 10, 6, "2025-06-01T11:00:00Z");
        ObjectNode fresh = replicaSet(deployment, "nginx:1.28", 2, 3, 3, "2025-06-01T11:30:00Z");
        DeploymentSync.Plan plan = DeploymentSync.plan(deployment, List.of(old, fresh), Set.of(), NOW);
        assertThat(sizeAfter(plan, old)).as("13 - 8 minimum - 0 new unavailable = 5 may go, 4 of them unhealthy").isEqualTo(5);
    }

    @Test
    void finishedRolloutReportsNewReplicaSetAvailableAndCleansUpHistory() {
        ObjectNode deployment = deployment(2, "nginx:1.29", "revisionHistoryLimit: 1");
        ObjectNode oldest = replicaSet(deployment, "nginx:1.27", 1, 0, 0, "2025-06-01T10:00:00Z");
        ObjectNode older = replicaSet(deployment, "nginx:1.28", 2, 0, 0, "2025-06-01T11:00:00Z");
        ObjectNode current = replicaSet(deployment, "nginx:1.29", 3, 2, 2, "2025-06-01T11:30:00Z");
        deployment.putObject("status").put("observedGeneration", 2).put("replicas", 2).put("updatedReplicas", 2)
                .put("availableReplicas", 2);
        DeploymentSync.Plan plan = DeploymentSync.plan(deployment, List.of(oldest, older, current), Set.of(), NOW);
        assertThat(plan.deletes()).extracting(Json::name).as("one old set kept, the lowest revision goes").containsExactly(Json.name(oldest));
        JsonNode progressing = Conditions.get(plan.status(), "Progressing");
        assertThat(progressing.path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
        assertThat(progressing.path("message").asText()).isEqualTo("ReplicaSet \"" + Json.name(current) + "\" has successfully progressed.");
        assertThat(Conditions.isTrue(plan.status(), "Available")).isTrue();
    }

    @Test
    void recreateScalesOldToZeroAndWaitsForItsPodsBeforeCreating() {
        ObjectNode deployment = deployment(3, "nginx:1.28", "strategy: {type: Recreate}");
        ObjectNode old = replicaSet(deployment, "nginx:1.27", 1, 3, 3, "2025-06-01T11:00:00Z");
        DeploymentSync.Plan first = DeploymentSync.plan(deployment, List.of(old), Set.of("rs-1"), NOW);
        assertThat(sizeAfter(first, old)).isZero();
        assertThat(first.creates()).isEmpty();

        ObjectNode emptied = replicaSet(deployment, "nginx:1.27", 1, 0, 0, "2025-06-01T11:00:00Z");
        emptied.withObjectProperty("status").put("replicas", 0);
        DeploymentSync.Plan waiting = DeploymentSync.plan(deployment, List.of(emptied), Set.of("rs-1"), NOW);
        assertThat(waiting.creates()).as("a terminating old pod still runs").isEmpty();
        DeploymentSync.Plan free = DeploymentSync.plan(deployment, List.of(emptied), Set.of(), NOW);
        assertThat(free.creates()).hasSize(1);
        assertThat(free.creates().getFirst().at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void pausedDeploymentScalesButDoesNotRoll() {
        ObjectNode deployment = deployment(5, "nginx:1.28", "paused: true");
        ObjectNode old = replicaSet(deployment, "nginx:1.27", 1, 3, 3, "2025-06-01T11:00:00Z");
        DeploymentSync.Plan plan = DeploymentSync.plan(deployment, List.of(old), Set.of(), NOW);
        assertThat(plan.creates()).as("no new ReplicaSet while paused").isEmpty();
        assertThat(sizeAfter(plan, old)).as("the only active set takes the new size").isEqualTo(5);
        JsonNode progressing = Conditions.get(plan.status(), "Progressing");
        assertThat(progressing.path("status").asText()).isEqualTo("Unknown");
        assertThat(progressing.path("reason").asText()).isEqualTo("DeploymentPaused");
    }

    @Test
    void stalledRolloutTimesOutAfterTheProgressDeadline() {
        ObjectNode deployment = deployment(2, "nginx:1.28", "progressDeadlineSeconds: 60");
        ObjectNode fresh = replicaSet(deployment, "nginx:1.28", 1, 2, 0, "2025-06-01T11:00:00Z");
        ObjectNode status = deployment.putObject("status");
        status.put("observedGeneration", 2).put("replicas", 2).put("updatedReplicas", 2).put("unavailableReplicas", 2);
        Conditions.setDeploymentCondition(status, Conditions.deploymentCondition("Progressing", "True", "ReplicaSetUpdated",
                "ReplicaSet is progressing.", NOW.minusSeconds(61)));
        DeploymentSync.Plan plan = DeploymentSync.plan(deployment, List.of(fresh), Set.of(), NOW);
        JsonNode progressing = Conditions.get(plan.status(), "Progressing");
        assertThat(progressing.path("status").asText()).isEqualTo("False");
        assertThat(progressing.path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");

        DeploymentSync.Plan early = DeploymentSync.plan(deployment, List.of(fresh), Set.of(), NOW.minusSeconds(30));
        assertThat(early.recheckAfter()).as("looks again when the deadline passes").isNotNull();
    }

    @Test
    void scalingEventSharesNewReplicasProportionally() {
        ObjectNode deployment = deployment(20, "nginx:1.28", "");
        ObjectNode old = replicaSet(deployment, "nginx:1.27", 1, 8, 8, "2025-06-01T11:00:00Z");
        ObjectNode fresh = replicaSet(deployment, "nginx:1.28", 2, 5, 0, "2025-06-01T11:30:00Z");
        for (ObjectNode rs : List.of(old, fresh)) {
            rs.withObjectProperty("metadata").withObjectProperty("annotations").put("deployment.kubernetes.io/desired-replicas", "10")
                    .put("deployment.kubernetes.io/max-replicas", "13");
        }
        DeploymentSync.Plan plan = DeploymentSync.plan(deployment, List.of(old, fresh), Set.of(), NOW);
        assertThat(sizeAfter(plan, old) + sizeAfter(plan, fresh)).as("20 + 5 surge").isEqualTo(25);
        assertThat(sizeAfter(plan, old)).as("8 of 13 before grows to about 8/13 of 25").isEqualTo(15);
    }
}
