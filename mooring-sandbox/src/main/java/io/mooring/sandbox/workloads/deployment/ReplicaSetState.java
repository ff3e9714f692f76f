package io.mooring.sandbox.workloads.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.objects.Json;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ReplicaSet as a Deployment sync sees it: what is stored, plus the replicas, annotations and
 * minReadySeconds the sync decides for it (written when they differ).
 */
final class ReplicaSetState {
    /** Oldest first, by creation then name ({@code ReplicaSetsByCreationTimestamp}). */
    static final Comparator<ReplicaSetState> BY_CREATION = Comparator.comparing(ReplicaSetState::created)
            .thenComparing(ReplicaSetState::name);
    /** Lowest revision first, then oldest ({@code ReplicaSetsByRevision}). */
    static final Comparator<ReplicaSetState> BY_REVISION = Comparator.comparingLong(ReplicaSetState::revision).thenComparing(BY_CREATION);

    final ObjectNode object;
    int replicas;
    int minReadySeconds;
    final Map<String, String> annotations;

    ReplicaSetState(ObjectNode object) {
        this.object = object;
        this.replicas = Json.intOr(object.path("spec").path("replicas"), 1);
        this.minReadySeconds = Json.intOr(object.path("spec").path("minReadySeconds"), 0);
        this.annotations = new LinkedHashMap<>(Json.annotations(object));
    }

    String name() {
        return Json.name(object);
    }

    String uid() {
        return Json.uid(object);
    }

    Instant created() {
        return Json.created(object);
    }

    JsonNode template() {
        return object.path("spec").path("template");
    }

    boolean deleting() {
        return Json.deleting(object);
    }

    /** {@code deployment.kubernetes.io/revision}, 0 when missing or not a number. */
    long revision() {
        try {
            return Long.parseLong(annotations.getOrDefault(DeploymentSync.REVISION, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    int statusReplicas() {
        return object.path("status").path("replicas").asInt(0);
    }

    int readyReplicas() {
        return object.path("status").path("readyReplicas").asInt(0);
    }

    int availableReplicas() {
        return object.path("status").path("availableReplicas").asInt(0);
    }

    long observedGeneration() {
        return object.path("status").path("observedGeneration").asLong(0);
    }

    long generation() {
        return Json.generation(object);
    }

    Integer annotationNumber(String key) {
        try {
            String value = annotations.get(key);
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether the sync changed what is stored. */
    boolean changed() {
        return replicas != Json.intOr(object.path("spec").path("replicas"), 1)
                || minReadySeconds != Json.intOr(object.path("spec").path("minReadySeconds"), 0)
                || !annotations.equals(Json.annotations(object));
    }

    /** The merge patch that writes what the sync decided: replicas, minReadySeconds, annotations (removed ones as null). */
    ObjectNode patch() {
        ObjectNode patch = Json.object();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.put("uid", uid());
        ObjectNode written = metadata.putObject("annotations");
        annotations.forEach(written::put);
        Json.annotations(object).keySet().stream().filter(k -> !annotations.containsKey(k)).forEach(written::putNull);
        ObjectNode spec = patch.putObject("spec");
        spec.put("replicas", replicas);
        spec.put("minReadySeconds", minReadySeconds);
        return patch;
    }
}
