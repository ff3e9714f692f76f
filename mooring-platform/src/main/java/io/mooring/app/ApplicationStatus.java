package io.mooring.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.git.Commit;
import io.mooring.health.Health;
import io.mooring.policy.check.CheckReport;
import io.mooring.sync.Comparison;
import io.mooring.sync.PolicyVerdict;
import io.mooring.sync.SyncResult;
import io.mooring.sync.SyncStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The {@code status} of an Application custom resource, built from what the controller learnt:
 * the comparison (sync state, health, resources), the last sync (operationState), a bounded history
 * and conditions. Pure: it turns the previous status and new facts into the next status, which the
 * controller writes only when it changed.
 */
public final class ApplicationStatus {
    /** How many syncs the history keeps, as Argo CD's default revisionHistoryLimit. */
    public static final int HISTORY_LIMIT = 10;
    /** More resources than this are summarised, not listed, to keep the object small. */
    static final int RESOURCE_LIMIT = 500;
    /** Policy violations listed (blocking ones first); more are counted, not listed. */
    static final int VIOLATION_LIMIT = 50;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String POLICY_ERROR = "PolicyError";

    private ApplicationStatus() {
    }

    /** Numbers by value: a status read back from the API server holds 1 as an int where it was written as a long. */
    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.equals(b)
            || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    /** Whether two statuses say the same, so that an unchanged status is not written again. */
    public static boolean same(JsonNode a, JsonNode b) {
        return a == null ? b == null : b != null && a.equals(NUMBERS_BY_VALUE, b);
    }

    /** The status after a comparison: sync state, health, resources; history and last operation kept. */
    public static ObjectNode compared(JsonNode previous, Comparison comparison) {
        ObjectNode status = base(previous);
        ObjectNode sync = status.putObject("sync");
        sync.put("status", comparison.syncStatus().toString());
        sync.put("revision", comparison.commit().sha());
        health(status, comparison.health());
        ObjectNode summary = status.putObject("summary");
        summary.put("resources", comparison.resources().size());
        summary.put("outOfSync", comparison.outOfSync());
        summary.put("requiresPruning", comparison.plan().prune().size());
        ArrayNode resources = status.putArray("resources");
        for (Comparison.ResourceStatus r : comparison.resources().subList(0, Math.min(RESOURCE_LIMIT, comparison.resources().size()))) {
            ObjectNode item = resources.addObject();
            item.put("group", r.key().group());
            item.put("version", r.key().version());
            item.put("kind", r.key().kind());
            if (!r.key().namespace().isEmpty()) {
                item.put("namespace", r.key().namespace());
            }
            item.put("name", r.key().name());
            item.put("status", switch (r.state()) {
                case IN_SYNC -> "Synced";
                case OUT_OF_SYNC, MISSING -> "OutOfSync";
            });
            if (r.prune()) {
                item.put("requiresPruning", true);
            }
            if (r.health() != null) {
                ObjectNode h = item.putObject("health");
                h.put("status", r.health().status().text());
                if (!r.health().message().isEmpty()) {
                    h.put("message", r.health().message());
                }
            }
        }
        removeCondition(status, "SourceError");
        policy(status, comparison.policy());
        if (comparison.syncStatus() == SyncStatus.SYNCED) {
            // What the failed sync was for is there now (a retry, someone else): its error would only mislead.
            removeCondition(status, "SyncError");
        }
        if (comparison.plan().pruning().decision() == io.mooring.plan.SyncPlan.Pruning.Decision.NEEDS_CONFIRMATION
                || comparison.plan().pruning().decision() == io.mooring.plan.SyncPlan.Pruning.Decision.REFUSED) {
            setCondition(status, "PruneBlocked", comparison.plan().pruning().reason());
        } else {
            removeCondition(status, "PruneBlocked");
        }
        return status;
    }

    /**
     * The status when the desired state cannot be made (Git or the render failed): Unknown sync
     * state and a condition; what is live keeps its last known health.
     */
    public static ObjectNode sourceFailed(JsonNode previous, String reason, String message) {
        ObjectNode status = base(previous);
        ObjectNode sync = status.with("sync");
        sync.put("status", SyncStatus.UNKNOWN.toString());
        setCondition(status, "SourceError", reason + ": " + message);
        if (POLICY_ERROR.equals(reason)) {
            // The policies could not be read: no verdict stands, and nothing is applied until they can.
            ObjectNode policy = status.putObject("policy");
            policy.put("result", "Error");
            policy.put("message", message);
            removeCondition(status, "PolicyViolation");
        }
        return status;
    }

    /** The status with the verdict of a sync's guard step (a sync run outside the controller, which compares by itself). */
    public static ObjectNode policyChecked(JsonNode previous, PolicyVerdict verdict) {
        ObjectNode status = base(previous);
        policy(status, verdict);
        return status;
    }

    /**
     * The guard's verdict: {@code status.policy} (result Passed, Warning or Blocked; counts; the
     * violations with policy, rule, object, file and message) and the condition PolicyViolation
     * while an Enforce rule blocks the sync.
     */
    private static void policy(ObjectNode status, PolicyVerdict verdict) {
        if (verdict == null) {
            status.remove("policy");
            removeCondition(status, "PolicyViolation");
            return;
        }
        CheckReport report = verdict.report();
        ObjectNode policy = status.putObject("policy");
        policy.put("result", verdict.blocked() ? "Blocked" : report.warnings() > 0 ? "Warning" : "Passed");
        ArrayNode sources = policy.putArray("sources");
        verdict.sources().forEach(sources::add);
        policy.put("policies", report.policyCount());
        policy.put("objects", report.objects().size());
        policy.put("blocking", report.blocking());
        policy.put("warnings", report.warnings());
        ArrayNode violations = policy.putArray("violations");
        List<PolicyVerdict.Violation> all = verdict.violations();
        for (PolicyVerdict.Violation v : all.subList(0, Math.min(VIOLATION_LIMIT, all.size()))) {
            ObjectNode item = violations.addObject();
            item.put("policy", v.result().policy());
            item.put("rule", v.result().rule());
            item.put("action", v.result().action().spelling());
            item.put("result", v.result().status().word());
            item.put("kind", v.result().resource().kind());
            if (!v.result().resource().namespace().isEmpty()) {
                item.put("namespace", v.result().resource().namespace());
            }
            item.put("name", v.result().resource().name());
            if (!v.location().isEmpty()) {
                item.put("source", v.location());
            }
            item.put("message", v.result().message());
        }
        if (violations.isEmpty()) {
            policy.remove("violations");
        }
        if (verdict.blocked()) {
            setCondition(status, "PolicyViolation", verdict.summary());
        } else {
            removeCondition(status, "PolicyViolation");
        }
    }

    /** The status after a sync: operationState, and a history entry when the sync did something or failed. */
    public static ObjectNode synced(JsonNode previous, SyncResult result, String initiatedBy) {
        ObjectNode status = base(previous);
        ObjectNode operation = status.putObject("operationState");
        operation.put("phase", result.phase().toString());
        operation.put("message", result.message());
        operation.put("initiatedBy", initiatedBy);
        operation.put("startedAt", time(result.started()));
        operation.put("finishedAt", time(result.finished()));
        if (result.commit() != null) {
            operation.put("revision", result.commit().sha());
        }
        if (result.succeeded()) {
            removeCondition(status, "SyncError");
        } else {
            setCondition(status, "SyncError", result.message());
        }
        if (result.commit() != null && (!result.applied().isEmpty() || !result.pruned().isEmpty() || !result.succeeded())) {
            addHistory(status, result);
        }
        return status;
    }

    private static void addHistory(ObjectNode status, SyncResult result) {
        ArrayNode history = status.withArray("history");
        long id = 0;
        for (JsonNode entry : history) {
            id = Math.max(id, entry.path("id").asLong());
        }
        Commit commit = result.commit();
        ObjectNode entry = JSON.objectNode();
        entry.put("id", id + 1);
        entry.put("revision", commit.sha());
        entry.put("author", commit.author());
        entry.put("message", commit.message());
        entry.put("committedAt", time(commit.time()));
        entry.put("deployStartedAt", time(result.started()));
        entry.put("deployedAt", time(result.finished()));
        entry.put("result", result.phase().toString());
        entry.put("applied", result.applied().size());
        entry.put("pruned", result.pruned().size());
        history.add(entry);
        while (history.size() > HISTORY_LIMIT) {
            history.remove(0);
        }
    }

    /** The history entries, oldest first. */
    public static List<JsonNode> history(JsonNode status) {
        return status.path("history").isArray() ? List.copyOf(iterable(status.path("history"))) : List.of();
    }

    private static List<JsonNode> iterable(JsonNode array) {
        java.util.ArrayList<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static void health(ObjectNode status, Health health) {
        ObjectNode node = status.putObject("health");
        node.put("status", health.status().text());
        if (!health.message().isEmpty()) {
            node.put("message", health.message());
        }
    }

    private static ObjectNode base(JsonNode previous) {
        return previous != null && previous.isObject() ? ((ObjectNode) previous).deepCopy() : JSON.objectNode();
    }

    private static void setCondition(ObjectNode status, String type, String message) {
        ArrayNode conditions = status.withArray("conditions");
        for (JsonNode condition : conditions) {
            if (type.equals(condition.path("type").asText())) {
                if (!message.equals(condition.path("message").asText())) {
                    ((ObjectNode) condition).put("message", message);
                    ((ObjectNode) condition).put("lastTransitionTime", time(Instant.now()));
                }
                return;
            }
        }
        ObjectNode condition = conditions.addObject();
        condition.put("type", type);
        condition.put("message", message);
        condition.put("lastTransitionTime", time(Instant.now()));
    }

    private static void removeCondition(ObjectNode status, String type) {
        if (status.path("conditions").isArray()) {
            ArrayNode conditions = (ArrayNode) status.get("conditions");
            for (int i = conditions.size() - 1; i >= 0; i--) {
                if (type.equals(conditions.get(i).path("type").asText())) {
                    conditions.remove(i);
                }
            }
            if (conditions.isEmpty()) {
                status.remove("conditions");
            }
        }
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
