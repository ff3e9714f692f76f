package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** The {@code status.conditions} list of workload objects, changed as the Kubernetes controllers change it. */
public final class Conditions {
    private Conditions() {
    }

    /** The condition of a type, or null. */
    public static JsonNode get(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition;
            }
        }
        return null;
    }

    public static boolean isTrue(JsonNode status, String type) {
        JsonNode condition = get(status, type);
        return condition != null && condition.path("status").asText().equals("True");
    }

    public static String reason(JsonNode status, String type) {
        JsonNode condition = get(status, type);
        return condition == null ? null : condition.path("reason").asText(null);
    }

    public static void remove(ObjectNode status, String type) {
        if (!status.has("conditions")) {
            return;
        }
        ArrayNode kept = Json.array();
        status.path("conditions").forEach(c -> {
            if (!c.path("type").asText().equals(type)) {
                kept.add(c);
            }
        });
        if (kept.isEmpty()) {
            status.remove("conditions");
        } else {
            status.set("conditions", kept);
        }
    }

    /** A Deployment condition as {@code NewDeploymentCondition} makes it: both times now. */
    public static ObjectNode deploymentCondition(String type, String status, String reason, String message, Instant now) {
        ObjectNode condition = Json.object();
        condition.put("type", type);
        condition.put("status", status);
        condition.put("lastUpdateTime", Json.time(now));
        condition.put("lastTransitionTime", Json.time(now));
        condition.put("reason", reason);
        condition.put("message", message);
        return condition;
    }

    /**
     * Sets a Deployment condition the way the deployment controller does: nothing changes when
     * the status and reason are the same; the transition time is kept when only the reason
     * changes; the new condition goes last.
     */
    public static void setDeploymentCondition(ObjectNode status, ObjectNode condition) {
        JsonNode current = get(status, condition.path("type").asText());
        if (current != null && current.path("status").equals(condition.path("status"))
                && current.path("reason").equals(condition.path("reason"))) {
            return;
        }
        if (current != null && current.path("status").equals(condition.path("status"))) {
            condition.set("lastTransitionTime", current.get("lastTransitionTime"));
        }
        remove(status, condition.path("type").asText());
        status.withArray("conditions").add(condition);
    }

    /**
     * Sets a condition with {@code lastProbeTime}/{@code lastTransitionTime} (Jobs, ReplicaSets):
     * in place when one of the type exists, keeping its transition time when the status is the same.
     */
    public static void set(ObjectNode status, String type, String value, String reason, String message, Instant now) {
        ObjectNode condition = Json.object();
        condition.put("type", type);
        condition.put("status", value);
        condition.put("lastProbeTime", Json.time(now));
        condition.put("lastTransitionTime", Json.time(now));
        if (reason != null) {
            condition.put("reason", reason);
        }
        if (message != null) {
            condition.put("message", message);
        }
        ArrayNode conditions = status.withArray("conditions");
        for (int i = 0; i < conditions.size(); i++) {
            JsonNode current = conditions.get(i);
            if (current.path("type").asText().equals(type)) {
                if (current.path("status").asText().equals(value)) {
                    condition.set("lastTransitionTime", current.get("lastTransitionTime"));
                }
                conditions.set(i, condition);
                return;
            }
        }
        conditions.add(condition);
    }
}
