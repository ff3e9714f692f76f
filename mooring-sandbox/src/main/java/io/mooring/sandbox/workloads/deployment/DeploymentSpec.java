package io.mooring.sandbox.workloads.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.objects.Json;

import java.util.Map;

/**
 * A Deployment's fields as the controller reads them, with the API's defaults for what is missing
 * (1 replica, RollingUpdate with 25% surge and unavailability, 10 old ReplicaSets kept, a progress
 * deadline of 600 seconds).
 */
record DeploymentSpec(ObjectNode object, RolloutMath.Fenceposts fenceposts) {
    private static final int NO_DEADLINE = Integer.MAX_VALUE;

    DeploymentSpec(ObjectNode object) {
        this(object, fenceposts(object));
    }

    private static RolloutMath.Fenceposts fenceposts(ObjectNode deployment) {
        JsonNode rolling = deployment.path("spec").path("strategy").path("rollingUpdate");
        return RolloutMath.fenceposts(rolling.path("maxSurge"), rolling.path("maxUnavailable"),
                Json.intOr(deployment.path("spec").path("replicas"), 1));
    }

    String name() {
        return Json.name(object);
    }

    String namespace() {
        return Json.namespace(object);
    }

    long generation() {
        return Json.generation(object);
    }

    Map<String, String> annotations() {
        return Json.annotations(object);
    }

    int replicas() {
        return Json.intOr(object.path("spec").path("replicas"), 1);
    }

    int statusReplicas() {
        return object.path("status").path("replicas").asInt(0);
    }

    boolean recreate() {
        return object.path("spec").path("strategy").path("type").asText("RollingUpdate").equals("Recreate");
    }

    boolean paused() {
        return object.path("spec").path("paused").asBoolean(false);
    }

    boolean deleting() {
        return Json.deleting(object);
    }

    int minReadySeconds() {
        return Json.intOr(object.path("spec").path("minReadySeconds"), 0);
    }

    JsonNode template() {
        return object.path("spec").path("template");
    }

    JsonNode selector() {
        return object.path("spec").path("selector");
    }

    Integer collisionCount() {
        JsonNode count = object.path("status").path("collisionCount");
        return count.isNumber() ? count.asInt() : null;
    }

    /** Null when every old ReplicaSet is kept (the limit is the largest int32). */
    Integer revisionHistoryLimit() {
        int limit = Json.intOr(object.path("spec").path("revisionHistoryLimit"), 10);
        return limit == Integer.MAX_VALUE ? null : limit;
    }

    int progressDeadlineSeconds() {
        return Json.intOr(object.path("spec").path("progressDeadlineSeconds"), 600);
    }

    boolean hasProgressDeadline() {
        return progressDeadlineSeconds() != NO_DEADLINE;
    }

    /** {@code MaxSurge}: 0 for Recreate. */
    int maxSurge() {
        return recreate() ? 0 : fenceposts.maxSurge();
    }

    /** {@code MaxUnavailable}: 0 for Recreate or no replicas, never above the replicas. */
    int maxUnavailable() {
        if (recreate() || replicas() == 0) {
            return 0;
        }
        return Math.min(fenceposts.maxUnavailable(), replicas());
    }
}
