package io.mooring.sandbox.workloads.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.objects.Conditions;
import io.mooring.sandbox.workloads.objects.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A Deployment's status as its controller writes it: counts summed over the ReplicaSets, the
 * Available condition by minimum availability, and the Progressing condition by how the rollout
 * moves (NewReplicaSetCreated, FoundNewReplicaSet, ReplicaSetUpdated, NewReplicaSetAvailable,
 * ProgressDeadlineExceeded, DeploymentPaused, DeploymentResumed). Counts of zero are left out,
 * as Go's {@code omitempty} leaves them.
 */
record RolloutStatus(DeploymentSpec d, Instant now) {

    /** {@code checkPausedConditions}: pausing and resuming show as Progressing Unknown, so a pause never times out. */
    void checkPaused(ObjectNode status) {
        if (!d.hasProgressDeadline()) {
            return;
        }
        String reason = Conditions.reason(status, "Progressing");
        if ("ProgressDeadlineExceeded".equals(reason)) {
            return;
        }
        boolean pausedCondition = "DeploymentPaused".equals(reason);
        if (d.paused() && !pausedCondition) {
            set(status, "Unknown", "DeploymentPaused", "Deployment is paused");
        } else if (!d.paused() && pausedCondition) {
            set(status, "Unknown", "DeploymentResumed", "Deployment is resumed");
        }
    }

    private void set(ObjectNode status, String value, String reason, String message) {
        Conditions.setDeploymentCondition(status, Conditions.deploymentCondition("Progressing", value, reason, message, now));
    }

    /** {@code syncRolloutStatus}: the counts, Available, and Progressing by how the rollout moves since the stored status. */
    ObjectNode progress(List<ReplicaSetState> sets, ReplicaSetState newRs, JsonNode status) {
        JsonNode previous = d.object().path("status");
        ObjectNode next = calculated(sets, newRs, status);
        if (!d.hasProgressDeadline()) {
            Conditions.remove(next, "Progressing");
        }
        JsonNode current = Conditions.get(status, "Progressing");
        boolean alreadyComplete = next.path("replicas").asInt(0) == next.path("updatedReplicas").asInt(0)
                && current != null && "NewReplicaSetAvailable".equals(current.path("reason").asText());
        if (!d.hasProgressDeadline() || alreadyComplete) {
            return next;
        }
        String rsName = newRs == null ? "" : newRs.name();
        if (complete(next)) {
            Conditions.setDeploymentCondition(next, Conditions.deploymentCondition("Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"" + rsName + "\" has successfully progressed.", now));
        } else if (progressing(previous, next)) {
            ObjectNode condition = Conditions.deploymentCondition("Progressing", "True", "ReplicaSetUpdated",
                    "ReplicaSet \"" + rsName + "\" is progressing.", now);
            if (current != null && current.path("status").asText().equals("True")) {
                condition.set("lastTransitionTime", current.get("lastTransitionTime"));
            }
            // Unlike other conditions, Progressing takes a new lastUpdateTime with the same reason: progress was seen.
            Conditions.remove(next, "Progressing");
            Conditions.setDeploymentCondition(next, condition);
        } else if (timedOut(next)) {
            Conditions.setDeploymentCondition(next, Conditions.deploymentCondition("Progressing", "False", "ProgressDeadlineExceeded",
                    "ReplicaSet \"" + rsName + "\" has timed out progressing.", now));
        }
        return next;
    }

    /** {@code calculateStatus}: counts over the ReplicaSets, the conditions so far, Available by minimum availability. */
    ObjectNode calculated(List<ReplicaSetState> sets, ReplicaSetState newRs, JsonNode status) {
        int available = sets.stream().mapToInt(ReplicaSetState::availableReplicas).sum();
        int unavailable = Math.max(sets.stream().mapToInt(rs -> rs.replicas).sum() - available, 0);
        ObjectNode next = Json.object();
        Json.putIfNonZero(next, "observedGeneration", d.generation());
        Json.putIfNonZero(next, "replicas", sets.stream().mapToInt(ReplicaSetState::statusReplicas).sum());
        Json.putIfNonZero(next, "updatedReplicas", newRs == null ? 0 : newRs.statusReplicas());
        Json.putIfNonZero(next, "readyReplicas", sets.stream().mapToInt(ReplicaSetState::readyReplicas).sum());
        Json.putIfNonZero(next, "availableReplicas", available);
        Json.putIfNonZero(next, "unavailableReplicas", unavailable);
        if (status.has("conditions")) {
            next.set("conditions", status.get("conditions").deepCopy());
        }
        if (status.has("collisionCount")) {
            next.set("collisionCount", status.get("collisionCount"));
        }
        if (available >= d.replicas() - d.maxUnavailable()) {
            Conditions.setDeploymentCondition(next, Conditions.deploymentCondition("Available", "True", "MinimumReplicasAvailable",
                    "Deployment has minimum availability.", now));
        } else {
            Conditions.setDeploymentCondition(next, Conditions.deploymentCondition("Available", "False", "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability.", now));
        }
        return next;
    }

    /** {@code DeploymentComplete}: every replica updated and available, the latest generation observed. */
    boolean complete(JsonNode status) {
        int replicas = d.replicas();
        return status.path("updatedReplicas").asInt(0) == replicas && status.path("replicas").asInt(0) == replicas
                && status.path("availableReplicas").asInt(0) == replicas && status.path("observedGeneration").asLong(0) >= d.generation();
    }

    /** {@code DeploymentProgressing}: more updated, ready or available replicas, or fewer old ones, than last time. */
    private static boolean progressing(JsonNode before, JsonNode after) {
        int oldBefore = before.path("replicas").asInt(0) - before.path("updatedReplicas").asInt(0);
        int oldAfter = after.path("replicas").asInt(0) - after.path("updatedReplicas").asInt(0);
        return after.path("updatedReplicas").asInt(0) > before.path("updatedReplicas").asInt(0) || oldAfter < oldBefore
                || after.path("readyReplicas").asInt(0) > before.path("readyReplicas").asInt(0)
                || after.path("availableReplicas").asInt(0) > before.path("availableReplicas").asInt(0);
    }

    /** {@code DeploymentTimedOut}: no progress recorded for progressDeadlineSeconds. */
    private boolean timedOut(JsonNode status) {
        JsonNode condition = Conditions.get(status, "Progressing");
        if (condition == null || "NewReplicaSetAvailable".equals(condition.path("reason").asText())) {
            return false;
        }
        if ("ProgressDeadlineExceeded".equals(condition.path("reason").asText())) {
            return true;
        }
        Instant from = Json.timeOr(condition.path("lastUpdateTime"), now);
        return from.plusSeconds(d.progressDeadlineSeconds()).isBefore(now);
    }

    /** When to look again to notice the deadline passing ({@code requeueStuckDeployment}); null when no deadline runs. */
    Duration recheckAfter(JsonNode status) {
        if (!d.hasProgressDeadline() || d.paused()) {
            return null;
        }
        JsonNode condition = Conditions.get(status, "Progressing");
        if (condition == null || !condition.path("status").asText().equals("True")
                || "NewReplicaSetAvailable".equals(condition.path("reason").asText()) || complete(status)) {
            return null;
        }
        Instant from = Json.timeOr(condition.path("lastUpdateTime"), now);
        Duration left = Duration.between(now, from.plusSeconds(d.progressDeadlineSeconds()));
        return (left.isNegative() ? Duration.ZERO : left).plusSeconds(1);
    }
}
