package io.mooring.sandbox.workloads.statefulset;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.mooring.sandbox.store.WatchEvent;
import io.mooring.sandbox.workloads.SandboxCluster;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Pods;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** StatefulSets through fabric8 against a started sandbox. */
class StatefulSetTest {
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

    private static StatefulSetBuilder statefulSet(String name, int replicas, String image) {
        return new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("db").withImage(image).endContainer().endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
                .withAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                .endSpec().endVolumeClaimTemplate().endSpec();
    }

    private static RollableScalableResource<StatefulSet> named(String name) {
        return client.apps().statefulSets().inNamespace(NS).withName(name);
    }

    private static void awaitReady(String name, int replicas) {
        await().atMost(WAIT).untilAsserted(() -> {
            StatefulSet set = named(name).get();
            assertThat(set.getStatus().getObservedGeneration()).isEqualTo(set.getMetadata().getGeneration());
            assertThat(set.getStatus().getReadyReplicas()).as("status %s", set.getStatus()).isEqualTo(replicas);
            assertThat(set.getStatus().getUpdatedReplicas()).isEqualTo(replicas);
            assertThat(set.getStatus().getCurrentRevision()).isEqualTo(set.getStatus().getUpdateRevision());
        });
    }

    /** The order in which events of one type happened to the set's pods, by pod name. */
    private static List<String> order(List<WatchEvent> events, WatchEvent.Type type) {
        List<String> names = new ArrayList<>();
        events.stream().filter(e -> e.type() == type).map(e -> Json.name(e.object())).filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    @Test
    void orderedReadyCreatesPodsOneByOneWithTheirClaims() {
        List<WatchEvent> events = cluster.record("/pods", "app", "db", () -> {
            client.resource(statefulSet("db", 3, "postgres:16").build()).create();
            awaitReady("db", 3);
        });
        assertThat(order(events, WatchEvent.Type.ADDED)).containsExactly("db-0", "db-1", "db-2");
        Set<String> ready = new HashSet<>();
        for (WatchEvent event : events) {
            String name = Json.name(event.object());
            if (event.type() == WatchEvent.Type.ADDED) {
                int ordinal = Integer.parseInt(name.substring("db-".length()));
                for (int before = 0; before < ordinal; before++) {
                    assertThat(ready).as("db-%d exists only once db-%d is ready", ordinal, before).contains("db-" + before);
                }
            } else if (Pods.ready(event.object())) {
                ready.add(name);
            }
        }
        Pod first = client.pods().inNamespace(NS).withName("db-0").get();
        assertThat(first.getMetadata().getLabels()).containsEntry("statefulset.kubernetes.io/pod-name", "db-0")
                .containsEntry("apps.kubernetes.io/pod-index", "0").containsKey("controller-revision-hash");
        assertThat(first.getSpec().getHostname()).isEqualTo("db-0");
        assertThat(first.getSpec().getSubdomain()).isEqualTo("db");
        assertThat(first.getSpec().getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName())
                .isEqualTo("data-db-0"));
        List<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inNamespace(NS).withLabel("app", "db").list().getItems();
        assertThat(claims).extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("data-db-0", "data-db-1", "data-db-2");
        StatefulSet set = named("db").get();
        assertThat(set.getStatus().getReplicas()).isEqualTo(3);
        assertThat(set.getStatus().getAvailableReplicas()).isEqualTo(3);
        assertThat(set.getStatus().getUpdateRevision()).startsWith("db-");
        assertThat(client.apps().controllerRevisions().inNamespace(NS).withName(set.getStatus().getUpdateRevision()).get()).isNotNull();
    }

    @Test
    void rollingUpdateReplacesPodsFromTheHighestOrdinalDown() {
        client.resource(statefulSet("cache", 3, "redis:7.0").build()).create();
        awaitReady("cache", 3);
        String before = named("cache").get().getStatus().getCurrentRevision();
        List<WatchEvent> events = cluster.record("/pods", "app", "cache", () -> {
            named("cache").edit(s -> new StatefulSetBuilder(s).editSpec().editTemplate().editSpec().editFirstContainer()
                    .withImage("redis:7.2").endContainer().endSpec().endTemplate().endSpec().build());
            await().atMost(WAIT).until(() -> !named("cache").get().getStatus().getCurrentRevision().equals(before));
            awaitReady("cache", 3);
        });
        assertThat(order(events, WatchEvent.Type.DELETED)).containsExactly("cache-2", "cache-1", "cache-0");
        assertThat(client.pods().inNamespace(NS).withLabel("app", "cache").list().getItems())
                .allSatisfy(p -> assertThat(p.getSpec().getContainers().getFirst().getImage()).isEqualTo("redis:7.2"));
        assertThat(client.apps().controllerRevisions().inNamespace(NS).withLabel("app", "cache").list().getItems())
                .as("the old and the new revision").hasSize(2);
    }

    @Test
    void scalingDownRemovesTheHighestOrdinalsAndKeepsTheirClaims() {
        client.resource(statefulSet("queue", 3, "rabbitmq:3").build()).create();
        awaitReady("queue", 3);
        named("queue").edit(s -> new StatefulSetBuilder(s).editSpec().withReplicas(1).endSpec().build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.pods().inNamespace(NS).withLabel("app", "queue").list().getItems())
                .extracting(p -> p.getMetadata().getName()).containsExactly("queue-0"));
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withLabel("app", "queue").list().getItems())
                .as("the default retention policy keeps claims").hasSize(3);
    }

    @Test
    void parallelPolicyCreatesAllPodsAtOnce() {
        List<WatchEvent> events = cluster.record("/pods", "app", "swarm", () -> {
            client.resource(statefulSet("swarm", 3, "busybox").editSpec().withPodManagementPolicy("Parallel").endSpec().build()).create();
            awaitReady("swarm", 3);
        });
        long createdBeforeAnyReady = 0;
        for (WatchEvent event : events) {
            if (Pods.ready(event.object())) {
                break;
            }
            createdBeforeAnyReady += event.type() == WatchEvent.Type.ADDED ? 1 : 0;
        }
        assertThat(createdBeforeAnyReady).as("no pod waits for another").isEqualTo(3);
    }
}
