package io.mooring.sandbox.workloads.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.mooring.sandbox.store.WatchEvent;
import io.mooring.sandbox.workloads.SandboxCluster;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Pods;
import io.mooring.sandbox.workloads.objects.TemplateHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deployments, their ReplicaSets and pods, through fabric8 against a started sandbox. */
class DeploymentTest {
    private static final String NS = "default";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static SandboxCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start();
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static DeploymentBuilder deployment(String name, int replicas, String image) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec().endTemplate()
                .endSpec();
    }

    private static RollableScalableResource<Deployment> named(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name);
    }

    private static void awaitRolledOut(String name, int replicas) {
        await().atMost(WAIT).untilAsserted(() -> {
            Deployment d = named(name).get();
            assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
            assertThat(d.getStatus().getUpdatedReplicas()).as("updated replicas of %s", d.getStatus()).isEqualTo(replicas);
            assertThat(d.getStatus().getAvailableReplicas()).as("available replicas of %s", d.getStatus()).isEqualTo(replicas);
            assertThat(d.getStatus().getReplicas()).as("no old replicas left in %s", d.getStatus()).isEqualTo(replicas);
        });
    }

    private static List<ReplicaSet> replicaSets(String app) {
        return client.apps().replicaSets().inNamespace(NS).withLabel("app", app).list().getItems();
    }

    private static DeploymentCondition condition(Deployment d, String type) {
        return d.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    }

    @Test
    void deploymentBecomesAvailableThroughItsReplicaSetAndRunningPods() {
        client.resource(deployment("web", 3, "nginx:1.27").build()).create();
        awaitRolledOut("web", 3);

        JsonNode template = cluster.sandbox().api().store().get("apps/deployments", NS, "web").orElseThrow().path("spec").path("template");
        String hash = TemplateHash.of(template, null);
        List<ReplicaSet> sets = replicaSets("web");
        assertThat(sets).extracting(rs -> rs.getMetadata().getName()).as("one ReplicaSet named after the template hash")
                .containsExactly("web-" + hash);
        ReplicaSet rs = sets.getFirst();
        assertThat(rs.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
        assertThat(rs.getSpec().getSelector().getMatchLabels()).containsEntry("pod-template-hash", hash);
        assertThat(rs.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("Deployment");
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).isTrue();
        });
        List<Pod> pods = client.pods().inNamespace(NS).withLabel("app", "web").list().getItems();
        assertThat(pods).hasSize(3).allSatisfy(pod -> {
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getMetadata().getLabels()).containsEntry("pod-template-hash", hash);
            OwnerReference owner = pod.getMetadata().getOwnerReferences().getFirst();
            assertThat(owner.getName()).isEqualTo("web-" + hash);
            assertThat(owner.getController()).isTrue();
            assertThat(pod.getSpec().getNodeName()).startsWith("sandbox-node-");
        });
        Deployment d = named("web").get();
        assertThat(d.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
        assertThat(d.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(d.getStatus().getUnavailableReplicas()).as("zero counts are left out, as Go's omitempty does").isNull();
        assertThat(condition(d, "Available").getReason()).isEqualTo("MinimumReplicasAvailable");
        assertThat(condition(d, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
    }

    @Test
    void rollingUpdateStaysWithinMaxSurgeAndMaxUnavailable() {
        client.resource(deployment("roll", 4, "nginx:1.27").editSpec().withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withNewMaxSurge(1).withNewMaxUnavailable(0).endRollingUpdate().endStrategy().endSpec().build()).create();
        awaitRolledOut("roll", 4);
        Set<String> ready = new HashSet<>(client.pods().inNamespace(NS).withLabel("app", "roll").list().getItems().stream()
                .map(p -> p.getMetadata().getName()).toList());
        List<WatchEvent> podEvents = new ArrayList<>();
        List<WatchEvent> rsEvents = cluster.record("apps/replicasets", "app", "roll", () -> podEvents.addAll(cluster.record("/pods", "app", "roll", () -> {
            named("roll").edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editFirstContainer()
                    .withImage("nginx:1.28").endContainer().endSpec().endTemplate().endSpec().build());
            awaitRolledOut("roll", 4);
        })));
        Map<String, Integer> sizes = new HashMap<>();
        int largest = 0;
        for (WatchEvent event : rsEvents) {
            sizes.put(Json.name(event.object()), event.type() == WatchEvent.Type.DELETED ? 0 : event.object().at("/spec/replicas").asInt());
            largest = Math.max(largest, sizes.values().stream().mapToInt(Integer::intValue).sum());
        }
        int fewestReady = ready.size();
        for (WatchEvent event : podEvents) {
            if (event.type() != WatchEvent.Type.DELETED && Pods.ready(event.object())) {
                ready.add(Json.name(event.object()));
            } else {
                ready.remove(Json.name(event.object()));
            }
            fewestReady = Math.min(fewestReady, ready.size());
        }
        assertThat(largest).as("replicas over all ReplicaSets never exceed 4 + maxSurge 1").isLessThanOrEqualTo(5);
        assertThat(fewestReady).as("ready pods never drop below 4 - maxUnavailable 0").isGreaterThanOrEqualTo(4);
        assertThat(replicaSets("roll")).extracting(rs -> rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision")
                        + "=" + rs.getSpec().getReplicas())
                .containsExactlyInAnyOrder("1=0", "2=4");
        assertThat(named("roll").get().getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
    }

    @Test
    void recreateStopsEveryOldPodBeforeStartingNewOnes() {
        client.resource(deployment("recreate", 3, "nginx:1.27").editSpec().withNewStrategy().withType("Recreate").endStrategy()
                .endSpec().build()).create();
        awaitRolledOut("recreate", 3);
        Map<String, String> images = new HashMap<>();
        client.pods().inNamespace(NS).withLabel("app", "recreate").list().getItems()
                .forEach(p -> images.put(p.getMetadata().getName(), "nginx:1.27"));
        List<WatchEvent> events = cluster.record("/pods", "app", "recreate", () -> {
            named("recreate").edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editFirstContainer()
                    .withImage("nginx:1.28").endContainer().endSpec().endTemplate().endSpec().build());
            awaitRolledOut("recreate", 3);
        });
        boolean overlapped = false;
        for (WatchEvent event : events) {
            if (event.type() == WatchEvent.Type.DELETED) {
                images.remove(Json.name(event.object()));
            } else {
                images.put(Json.name(event.object()), event.object().at("/spec/containers/0/image").asText());
            }
            overlapped |= images.containsValue("nginx:1.27") && images.containsValue("nginx:1.28");
        }
        assertThat(overlapped).as("no new pod while an old one exists").isFalse();
    }

    @Test
    void scalingChangesTheReplicaSetAndItsPods() {
        client.resource(deployment("scale", 2, "nginx:1.27").build()).create();
        awaitRolledOut("scale", 2);
        named("scale").edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(5).endSpec().build());
        awaitRolledOut("scale", 5);
        named("scale").edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(1).endSpec().build());
        awaitRolledOut("scale", 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.pods().inNamespace(NS).withLabel("app", "scale").list().getItems())
                .hasSize(1));
        assertThat(replicaSets("scale")).singleElement().satisfies(rs -> assertThat(rs.getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/desired-replicas", "1"));
    }

    @Test
    void pausedDeploymentHoldsItsRolloutUntilResumed() {
        client.resource(deployment("paused", 2, "nginx:1.27").build()).create();
        awaitRolledOut("paused", 2);
        named("paused").edit(d -> new DeploymentBuilder(d).editSpec().withPaused(true).editTemplate().editSpec().editFirstContainer()
                .withImage("nginx:1.28").endContainer().endSpec().endTemplate().endSpec().build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(condition(named("paused").get(), "Progressing").getReason())
                .isEqualTo("DeploymentPaused"));
        assertThat(replicaSets("paused")).as("no new ReplicaSet while paused").hasSize(1);
        named("paused").edit(d -> new DeploymentBuilder(d).editSpec().withPaused(false).endSpec().build());
        awaitRolledOut("paused", 2);
        assertThat(replicaSets("paused")).hasSize(2);
    }

    @Test
    void minReadySecondsDelaysAvailability() {
        client.resource(deployment("patient", 2, "nginx:1.27").editSpec().withMinReadySeconds(3).endSpec().build()).create();
        await().atMost(WAIT).untilAsserted(() -> {
            Deployment d = named("patient").get();
            assertThat(d.getStatus().getReadyReplicas()).isEqualTo(2);
            assertThat(d.getStatus().getAvailableReplicas()).as("ready but not yet for 3 seconds").isNull();
        });
        awaitRolledOut("patient", 2);
    }

    @Test
    void stalledRolloutExceedsItsProgressDeadline() {
        client.resource(deployment("stuck", 2, "nginx:1.27").editSpec().withProgressDeadlineSeconds(2).editTemplate().editMetadata()
                .addToAnnotations("sandbox.mooring.io/never-ready", "true").endMetadata().endTemplate().endSpec().build()).create();
        await().atMost(WAIT).untilAsserted(() -> {
            DeploymentCondition progressing = condition(named("stuck").get(), "Progressing");
            assertThat(progressing.getStatus()).isEqualTo("False");
            assertThat(progressing.getReason()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(progressing.getMessage()).endsWith("has timed out progressing.");
        });
        assertThat(condition(named("stuck").get(), "Available").getStatus()).isEqualTo("False");
    }

    @Test
    void oldReplicaSetsBeyondTheHistoryLimitAreDeleted() {
        client.resource(deployment("history", 1, "nginx:1.25").editSpec().withRevisionHistoryLimit(1).endSpec().build()).create();
        awaitRolledOut("history", 1);
        for (String image : List.of("nginx:1.26", "nginx:1.27")) {
            named("history").edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editFirstContainer()
                    .withImage(image).endContainer().endSpec().endTemplate().endSpec().build());
            awaitRolledOut("history", 1);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(replicaSets("history"))
                .extracting(rs -> rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"))
                .as("the current revision and one old one").containsExactlyInAnyOrder("2", "3"));
    }

    @Test
    void replicaSetReplacesADeletedPod() {
        client.resource(deployment("heal", 2, "nginx:1.27").build()).create();
        awaitRolledOut("heal", 2);
        Pod victim = client.pods().inNamespace(NS).withLabel("app", "heal").list().getItems().getFirst();
        client.resource(victim).delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.pods().inNamespace(NS).withLabel("app", "heal").list().getItems())
                .extracting(p -> p.getMetadata().getName()).hasSize(2).doesNotContain(victim.getMetadata().getName()));
        awaitRolledOut("heal", 2);
    }

}
