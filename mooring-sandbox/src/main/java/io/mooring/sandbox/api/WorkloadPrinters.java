package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sandbox.api.Tables.Column;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.mooring.sandbox.api.Printers.AGE;
import static io.mooring.sandbox.api.Printers.NAME;
import static io.mooring.sandbox.api.Printers.integer;
import static io.mooring.sandbox.api.Printers.longOf;
import static io.mooring.sandbox.api.Printers.string;
import static io.mooring.sandbox.api.Printers.text;
import static io.mooring.sandbox.api.Printers.wide;

/** kube-apiserver's columns for pods and the workloads that make them. */
final class WorkloadPrinters {
    private WorkloadPrinters() {
    }

    static final Map<String, List<Column>> COLUMNS = Map.of(
            "/Pod", List.of(NAME, string("Ready", WorkloadPrinters::podReady), string("Status", WorkloadPrinters::podStatus),
                    string("Restarts", WorkloadPrinters::restarts), AGE,
                    wide(string("IP", o -> text(o, "<none>", "status", "podIP"))), wide(string("Node", o -> text(o, "<none>", "spec", "nodeName"))),
                    wide(string("Nominated Node", o -> text(o, "<none>", "status", "nominatedNodeName"))),
                    wide(string("Readiness Gates", WorkloadPrinters::readinessGates))),
            "apps/Deployment", List.of(NAME, string("Ready", o -> longOf(o, 0, "status", "readyReplicas") + "/" + longOf(o, 1, "spec", "replicas")),
                    integer("Up-to-date", o -> longOf(o, 0, "status", "updatedReplicas")),
                    integer("Available", o -> longOf(o, 0, "status", "availableReplicas")), AGE,
                    wide(string("Containers", WorkloadPrinters::containers)), wide(string("Images", WorkloadPrinters::images)),
                    wide(string("Selector", WorkloadPrinters::selector))),
            "apps/ReplicaSet", replicated(),
            "/ReplicationController", replicated(),
            "apps/StatefulSet", List.of(NAME, string("Ready", o -> longOf(o, 0, "status", "readyReplicas") + "/" + longOf(o, 1, "spec", "replicas")),
                    AGE, wide(string("Containers", WorkloadPrinters::containers)), wide(string("Images", WorkloadPrinters::images))),
            "apps/DaemonSet", List.of(NAME, integer("Desired", o -> longOf(o, 0, "status", "desiredNumberScheduled")),
                    integer("Current", o -> longOf(o, 0, "status", "currentNumberScheduled")),
                    integer("Ready", o -> longOf(o, 0, "status", "numberReady")),
                    integer("Up-to-date", o -> longOf(o, 0, "status", "updatedNumberScheduled")),
                    integer("Available", o -> longOf(o, 0, "status", "numberAvailable")),
                    string("Node Selector", o -> Printers.pairs(o.path("spec").path("template").path("spec").path("nodeSelector"))), AGE,
                    wide(string("Containers", WorkloadPrinters::containers)), wide(string("Images", WorkloadPrinters::images)),
                    wide(string("Selector", WorkloadPrinters::selector))),
            "batch/Job", List.of(NAME, string("Status", WorkloadPrinters::jobStatus), string("Completions", WorkloadPrinters::completions),
                    string("Duration", WorkloadPrinters::duration), AGE,
                    wide(string("Containers", WorkloadPrinters::containers)), wide(string("Images", WorkloadPrinters::images)),
                    wide(string("Selector", WorkloadPrinters::selector))),
            "batch/CronJob", List.of(NAME, string("Schedule", o -> text(o, "", "spec", "schedule")),
                    string("Timezone", o -> text(o, "<none>", "spec", "timeZone")),
                    string("Suspend", o -> o.path("spec").path("suspend").asBoolean(false) ? "True" : "False"),
                    integer("Active", o -> (long) o.path("status").path("active").size()),
                    string("Last Schedule", (o, now) -> o.path("status").has("lastScheduleTime")
                            ? Tables.since(o.path("status").path("lastScheduleTime").asText(), now) : "<none>"), AGE,
                    wide(string("Containers", WorkloadPrinters::containers)), wide(string("Images", WorkloadPrinters::images)),
                    wide(string("Selector", WorkloadPrinters::selector))),
            "apps/ControllerRevision", List.of(NAME, string("Controller", WorkloadPrinters::controller),
                    integer("Revision", o -> o.path("revision").asLong(0)), AGE));

    private static List<Column> replicated() {
        return List.of(NAME, integer("Desired", o -> longOf(o, 1, "spec", "replicas")), integer("Current", o -> longOf(o, 0, "status", "replicas")),
                integer("Ready", o -> longOf(o, 0, "status", "readyReplicas")), AGE,
                wide(string("Containers", WorkloadPrinters::containers)), wide(string("Images", WorkloadPrinters::images)),
                wide(string("Selector", WorkloadPrinters::selector)));
    }

    private static JsonNode podSpec(JsonNode workload) {
        JsonNode template = workload.path("spec").path("template");
        if (workload.path("kind").asText().equals("CronJob")) {
            template = workload.path("spec").path("jobTemplate").path("spec").path("template");
        }
        return template.path("spec");
    }

    private static String containers(JsonNode workload) {
        List<String> names = new ArrayList<>();
        podSpec(workload).path("containers").forEach(c -> names.add(c.path("name").asText()));
        return String.join(",", names);
    }

    private static String images(JsonNode workload) {
        List<String> images = new ArrayList<>();
        podSpec(workload).path("containers").forEach(c -> images.add(c.path("image").asText()));
        return String.join(",", images);
    }

    private static String selector(JsonNode workload) {
        JsonNode selector = workload.path("spec").path("selector");
        String text = selector.isMissingNode() ? "" : Scales.selector(selector);
        return text.isEmpty() ? "<none>" : text;
    }

    private static String controller(JsonNode revision) {
        for (JsonNode owner : revision.path("metadata").path("ownerReferences")) {
            if (owner.path("controller").asBoolean(false)) {
                String apiVersion = owner.path("apiVersion").asText();
                String group = apiVersion.contains("/") ? "." + apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                return owner.path("kind").asText().toLowerCase(java.util.Locale.ROOT) + group + "/" + owner.path("name").asText();
            }
        }
        return "<none>";
    }

    private static String podReady(JsonNode pod) {
        int ready = 0;
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            if (status.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + pod.path("spec").path("containers").size();
    }

    /** What kubectl shows as a pod's status: a container's waiting or terminated reason, init progress, or the phase. */
    private static String podStatus(JsonNode pod) {
        JsonNode status = pod.path("status");
        String reason = status.path("reason").asText(status.path("phase").asText("Pending"));
        int initTotal = pod.path("spec").path("initContainers").size();
        int index = 0;
        boolean initializing = false;
        for (JsonNode init : status.path("initContainerStatuses")) {
            JsonNode state = init.path("state");
            if (state.path("terminated").path("exitCode").asInt(-1) == 0) {
                index++;
                continue;
            }
            initializing = true;
            if (state.has("terminated")) {
                reason = "Init:" + state.path("terminated").path("reason").asText("ExitCode:" + state.path("terminated").path("exitCode").asInt());
            } else if (!state.path("waiting").path("reason").asText("PodInitializing").equals("PodInitializing")) {
                reason = "Init:" + state.path("waiting").path("reason").asText();
            } else {
                reason = "Init:" + index + "/" + initTotal;
            }
            break;
        }
        if (!initializing) {
            boolean running = false;
            JsonNode statuses = status.path("containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode state = statuses.get(i).path("state");
                if (!state.path("waiting").path("reason").asText("").isEmpty()) {
                    reason = state.path("waiting").path("reason").asText();
                } else if (state.has("terminated")) {
                    JsonNode terminated = state.path("terminated");
                    reason = terminated.path("reason").asText(terminated.path("signal").asInt(0) != 0
                            ? "Signal:" + terminated.path("signal").asInt() : "ExitCode:" + terminated.path("exitCode").asInt());
                } else if (state.has("running") && statuses.get(i).path("ready").asBoolean(false)) {
                    running = true;
                }
            }
            if (reason.equals("Completed") && running) {
                reason = readyCondition(pod) ? "Running" : "NotReady";
            }
        }
        if (pod.path("metadata").has("deletionTimestamp")) {
            reason = status.path("reason").asText().equals("NodeLost") ? "Unknown" : "Terminating";
        }
        return reason;
    }

    private static boolean readyCondition(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText().equals("True");
            }
        }
        return false;
    }

    /** The restart count, and how long ago the last restart was ({@code 3 (2m ago)}). */
    private static String restarts(JsonNode pod, Instant now) {
        long restarts = 0;
        String last = null;
        for (String field : List.of("initContainerStatuses", "containerStatuses")) {
            for (JsonNode status : pod.path("status").path(field)) {
                restarts += status.path("restartCount").asLong(0);
                String finished = status.path("lastState").path("terminated").path("finishedAt").asText("");
                if (!finished.isEmpty() && (last == null || finished.compareTo(last) > 0)) {
                    last = finished;
                }
            }
        }
        return restarts > 0 && last != null ? restarts + " (" + Tables.since(last, now) + " ago)" : Long.toString(restarts);
    }

    private static String readinessGates(JsonNode pod) {
        JsonNode gates = pod.path("spec").path("readinessGates");
        if (gates.isEmpty()) {
            return "<none>";
        }
        int ready = 0;
        for (JsonNode gate : gates) {
            for (JsonNode condition : pod.path("status").path("conditions")) {
                if (condition.path("type").asText().equals(gate.path("conditionType").asText()) && condition.path("status").asText().equals("True")) {
                    ready++;
                }
            }
        }
        return ready + "/" + gates.size();
    }

    private static String jobStatus(JsonNode job) {
        for (JsonNode condition : job.path("status").path("conditions")) {
            if (condition.path("status").asText().equals("True")) {
                switch (condition.path("type").asText()) {
                    case "Complete" -> {
                        return "Complete";
                    }
                    case "Failed" -> {
                        return "Failed";
                    }
                    case "Suspended" -> {
                        return "Suspended";
                    }
                    case "FailureTarget" -> {
                        return "FailureTarget";
                    }
                    case "SuccessCriteriaMet" -> {
                        return "SuccessCriteriaMet";
                    }
                    default -> {
                    }
                }
            }
        }
        return "Running";
    }

    private static String completions(JsonNode job) {
        long succeeded = job.path("status").path("succeeded").asLong(0);
        JsonNode completions = job.path("spec").path("completions");
        if (completions.isNumber()) {
            return succeeded + "/" + completions.asLong();
        }
        long parallelism = job.path("spec").path("parallelism").asLong(0);
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String duration(JsonNode job, Instant now) {
        String start = job.path("status").path("startTime").asText("");
        if (start.isEmpty()) {
            return "";
        }
        String end = job.path("status").path("completionTime").asText("");
        return Tables.humanDuration(java.time.Duration.between(Instant.parse(start), end.isEmpty() ? now : Instant.parse(end)));
    }
}
