package io.mooring.sandbox.workloads.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.workloads.objects.Cache;
import io.mooring.sandbox.workloads.objects.Client;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Kinds;
import io.mooring.sandbox.workloads.objects.Owners;
import io.mooring.sandbox.workloads.objects.Pods;
import io.mooring.sandbox.workloads.objects.Reconciler;
import io.mooring.sandbox.workloads.objects.Revisions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The StatefulSet controller: pods {@code <set>-0..N-1} with their claims. With OrderedReady, one
 * pod at a time: each is created only when the ones before it run and are ready, and removed
 * from the highest ordinal down, each waiting for the ones above to go; Parallel creates and
 * removes them all at once. A RollingUpdate replaces pods from the highest ordinal down to the
 * partition, one at a time, each once the one above is ready again; OnDelete replaces a pod only
 * when someone deletes it. Failed pods are replaced. Revisions are ControllerRevisions; the status
 * counts replicas, ready, available, current and updated pods.
 */
public final class StatefulSetController extends Reconciler {
    private static final String BY_CONTROLLER = "controller";

    private final Cache sets;
    private final Cache pods;
    private final Cache revisions;
    private final Cache claims;

    public StatefulSetController(Client client, Clock clock) {
        super("statefulsets", client, clock);
        this.sets = watch(Kinds.STATEFUL_SETS);
        this.pods = watch(Kinds.PODS).index(BY_CONTROLLER, Owners::controllerUid);
        this.revisions = watch(Kinds.CONTROLLER_REVISIONS).index(BY_CONTROLLER, Owners::controllerUid);
        this.claims = watch(Kinds.PERSISTENT_VOLUME_CLAIMS);
    }

    @Override
    protected void changed(String typeKey, Cache.Change change) {
        if (typeKey.equals(Kinds.STATEFUL_SETS)) {
            enqueue(Json.key(change.current()));
        } else if (!typeKey.equals(Kinds.PERSISTENT_VOLUME_CLAIMS)) {
            String owner = Owners.controllerName(change.current(), "StatefulSet");
            if (owner != null) {
                enqueue(Json.key(Json.namespace(change.current()), owner));
            }
        }
    }

    /** What one sync works with. */
    private record Sync(ObjectNode set, String currentRevision, JsonNode currentTemplate, String updateRevision,
                        JsonNode updateTemplate, int start, int replicas, boolean monotonic, int minReady, Instant now) {
        boolean healthy(JsonNode pod) {
            return !Json.deleting(pod) && Pods.phase(pod).equals(Pods.RUNNING) && Pods.available(pod, minReady, now);
        }
    }

    @Override
    protected void reconcile(String key, Instant now) {
        ObjectNode set = sets.get(key);
        if (set == null || Json.deleting(set)) {
            return;
        }
        Revisions.Sync history;
        try {
            history = Revisions.sync(client, set, revisions.byIndex(BY_CONTROLLER, Json.uid(set)),
                    Json.labels(set.path("spec").path("template")));
        } catch (ApiException e) {
            if ("AlreadyExists".equals(e.reason())) {
                Revisions.collided(client, Kinds.STATEFUL_SETS, set);
            }
            throw e;
        }
        String update = Json.name(history.update());
        String currentName = set.path("status").path("currentRevision").asText(update);
        JsonNode current = history.all().stream().filter(r -> Json.name(r).equals(currentName)).findFirst().orElse(history.update());
        Sync sync = new Sync(set, Json.name(current), Revisions.template(current), update, Revisions.template(history.update()),
                Json.intOr(set.path("spec").path("ordinals").path("start"), 0), Json.intOr(set.path("spec").path("replicas"), 1),
                !set.path("spec").path("podManagementPolicy").asText("OrderedReady").equals("Parallel"),
                Json.intOr(set.path("spec").path("minReadySeconds"), 0), now);

        List<ObjectNode> owned = pods.byIndex(BY_CONTROLLER, Json.uid(set));
        TreeMap<Integer, ObjectNode> replicas = new TreeMap<>();
        List<ObjectNode> condemned = new ArrayList<>();
        for (ObjectNode pod : owned) {
            int ordinal = StatefulSetPods.ordinal(set, pod);
            if (ordinal >= sync.start() && ordinal < sync.start() + sync.replicas()) {
                replicas.put(ordinal, pod);
            } else {
                condemned.add(pod);
            }
        }
        condemned.sort(Comparator.comparingInt((JsonNode p) -> StatefulSetPods.ordinal(set, p)).reversed());
        boolean waiting = createReplicas(sync, replicas) || removeCondemned(sync, replicas, condemned);
        if (!waiting && set.path("spec").path("updateStrategy").path("type").asText("RollingUpdate").equals("RollingUpdate")) {
            rollOne(sync, replicas);
        }
        writeStatus(sync, owned);
        Set<String> live = new HashSet<>(List.of(sync.currentRevision(), sync.updateRevision()));
        owned.forEach(p -> live.add(Json.labels(p).getOrDefault(Revisions.HASH_LABEL, "")));
        Revisions.cleanup(client, history.all(), live, Json.intOr(set.path("spec").path("revisionHistoryLimit"), 10));
        if (sync.minReady() > 0) {
            owned.stream().filter(p -> Pods.ready(p) && !Pods.available(p, sync.minReady(), now))
                    .map(p -> Pods.untilAvailable(p, sync.minReady(), now)).min(Duration::compareTo)
                    .ifPresent(wait -> enqueueAfter(key, wait));
        }
    }

    /** Replaces failed pods and creates missing ones; true when an OrderedReady set must wait for one. */
    private boolean createReplicas(Sync sync, TreeMap<Integer, ObjectNode> replicas) {
        for (int ordinal = sync.start(); ordinal < sync.start() + sync.replicas(); ordinal++) {
            ObjectNode pod = replicas.get(ordinal);
            if (pod != null && Pods.terminal(pod) && !Json.deleting(pod)) {
                client.delete(Kinds.PODS, pod);
                pod = null;
            }
            if (pod == null) {
                createClaims(sync.set(), ordinal);
                boolean current = ordinal < sync.start() + partition(sync.set());
                client.create(Kinds.PODS, StatefulSetPods.pod(sync.set(), current ? sync.currentTemplate() : sync.updateTemplate(),
                        current ? sync.currentRevision() : sync.updateRevision(), ordinal));
                if (sync.monotonic()) {
                    return true;
                }
                continue;
            }
            if (sync.monotonic() && !sync.healthy(pod)) {
                return true;
            }
        }
        return false;
    }

    /** Removes pods beyond the replicas, highest ordinal first; true when an OrderedReady set must wait. */
    private boolean removeCondemned(Sync sync, TreeMap<Integer, ObjectNode> replicas, List<ObjectNode> condemned) {
        JsonNode firstUnhealthy = replicas.values().stream().filter(p -> !sync.healthy(p)).findFirst()
                .orElse(condemned.stream().filter(p -> !sync.healthy(p)).reduce((a, b) -> b).orElse(null));
        for (ObjectNode pod : condemned) {
            if (Json.deleting(pod)) {
                if (sync.monotonic()) {
                    return true;
                }
                continue;
            }
            if (sync.monotonic() && !sync.healthy(pod) && pod != firstUnhealthy) {
                return true;
            }
            client.delete(Kinds.PODS, pod);
            if (StatefulSetPods.retention(sync.set(), "whenScaled").equals("Delete")) {
                deleteClaims(sync.set(), StatefulSetPods.ordinal(sync.set(), pod));
            }
            if (sync.monotonic()) {
                return true;
            }
        }
        return false;
    }

    /** Deletes the highest pod not at the update revision, once the ones above it are healthy (maxUnavailable 1). */
    private void rollOne(Sync sync, TreeMap<Integer, ObjectNode> replicas) {
        for (int ordinal = sync.start() + sync.replicas() - 1; ordinal >= sync.start() + partition(sync.set()); ordinal--) {
            ObjectNode pod = replicas.get(ordinal);
            if (pod == null) {
                return;
            }
            String revision = Json.labels(pod).getOrDefault(Revisions.HASH_LABEL, "");
            if (!revision.equals(sync.updateRevision()) && !Json.deleting(pod)) {
                client.delete(Kinds.PODS, pod);
                return;
            }
            if (!sync.healthy(pod)) {
                return;
            }
        }
    }

    private static int partition(JsonNode set) {
        return Json.intOr(set.path("spec").path("updateStrategy").path("rollingUpdate").path("partition"), 0);
    }

    private void createClaims(JsonNode set, int ordinal) {
        for (JsonNode template : set.path("spec").path("volumeClaimTemplates")) {
            String name = StatefulSetPods.claimName(template, set, ordinal);
            if (claims.get(Json.namespace(set), name) == null) {
                try {
                    client.create(Kinds.PERSISTENT_VOLUME_CLAIMS, StatefulSetPods.claim(set, template, ordinal));
                } catch (ApiException e) {
                    if (!"AlreadyExists".equals(e.reason())) {
                        throw e;
                    }
                }
            }
        }
    }

    private void deleteClaims(JsonNode set, int ordinal) {
        for (JsonNode template : set.path("spec").path("volumeClaimTemplates")) {
            ObjectNode claim = claims.get(Json.namespace(set), StatefulSetPods.claimName(template, set, ordinal));
            if (claim != null && !Json.deleting(claim)) {
                client.delete(Kinds.PERSISTENT_VOLUME_CLAIMS, claim);
            }
        }
    }

    private void writeStatus(Sync sync, List<ObjectNode> owned) {
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        for (ObjectNode pod : owned) {
            if (Pods.phase(pod).equals(Pods.RUNNING) && Pods.ready(pod)) {
                ready++;
                if (Pods.available(pod, sync.minReady(), sync.now())) {
                    available++;
                }
            }
            if (!Json.deleting(pod)) {
                String revision = Json.labels(pod).getOrDefault(Revisions.HASH_LABEL, "");
                current += revision.equals(sync.currentRevision()) ? 1 : 0;
                updated += revision.equals(sync.updateRevision()) ? 1 : 0;
            }
        }
        String currentRevision = sync.currentRevision();
        boolean rolling = sync.set().path("spec").path("updateStrategy").path("type").asText("RollingUpdate").equals("RollingUpdate");
        if (rolling && updated == owned.size() && ready == owned.size()) {
            current = updated;
            currentRevision = sync.updateRevision();
        }
        ObjectNode status = Json.object();
        Json.putIfNonZero(status, "observedGeneration", Json.generation(sync.set()));
        status.put("replicas", owned.size());
        Json.putIfNonZero(status, "readyReplicas", ready);
        Json.putIfNonZero(status, "currentReplicas", current);
        Json.putIfNonZero(status, "updatedReplicas", updated);
        status.put("currentRevision", currentRevision);
        status.put("updateRevision", sync.updateRevision());
        JsonNode collisions = sync.set().path("status").path("collisionCount");
        if (collisions.isNumber()) {
            status.set("collisionCount", collisions);
        }
        status.put("availableReplicas", available);
        if (!status.equals(sync.set().path("status"))) {
            client.updateStatus(Kinds.STATEFUL_SETS, sync.set(), status);
        }
    }
}
