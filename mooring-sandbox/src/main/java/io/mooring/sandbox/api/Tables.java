package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Server-side printing: the {@code Table} that {@code kubectl get} asks for, with the columns a
 * real API server gives the common kinds ({@code READY STATUS RESTARTS} for pods, ...) and
 * {@code NAME AGE} for everything else.
 */
final class Tables {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private record Column(String name, String type, Function<JsonNode, Object> cell) {
    }

    private final Clock clock;

    Tables(Clock clock) {
        this.clock = clock;
    }

    /** The table of a list, or of one object (then the list has one item). */
    ObjectNode table(ResourceType type, List<JsonNode> objects, String resourceVersion, boolean includeObject) {
        List<Column> columns = columns(type);
        ObjectNode table = JSON.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", resourceVersion);
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (Column column : columns) {
            ObjectNode definition = definitions.addObject();
            definition.put("name", column.name());
            definition.put("type", column.type());
            definition.put("format", column.name().equals("Name") ? "name" : "");
            definition.put("description", "");
            definition.put("priority", 0);
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Column column : columns) {
                Object value = column.cell().apply(object);
                if (value instanceof Number n) {
                    cells.add(n.longValue());
                } else {
                    cells.add(String.valueOf(value));
                }
            }
            if (includeObject) {
                row.set("object", object);
            } else {
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", object.path("metadata"));
            }
        }
        return table;
    }

    private List<Column> columns(ResourceType type) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("Name", "string", o -> o.path("metadata").path("name").asText()));
        String kind = type.group().isEmpty() || type.group().equals("apps") || type.group().equals("batch") ? type.kind() : "";
        switch (kind) {
            case "Pod" -> {
                columns.add(new Column("Ready", "string", Tables::podReady));
                columns.add(new Column("Status", "string", Tables::podStatus));
                columns.add(new Column("Restarts", "string", o -> Long.toString(restarts(o))));
            }
            case "Deployment" -> {
                columns.add(new Column("Ready", "string", o -> o.path("status").path("readyReplicas").asLong(0)
                        + "/" + o.path("spec").path("replicas").asLong(1)));
                columns.add(new Column("Up-to-date", "integer", o -> o.path("status").path("updatedReplicas").asLong(0)));
                columns.add(new Column("Available", "integer", o -> o.path("status").path("availableReplicas").asLong(0)));
            }
            case "ReplicaSet" -> {
                columns.add(new Column("Desired", "integer", o -> o.path("spec").path("replicas").asLong(1)));
                columns.add(new Column("Current", "integer", o -> o.path("status").path("replicas").asLong(0)));
                columns.add(new Column("Ready", "integer", o -> o.path("status").path("readyReplicas").asLong(0)));
            }
            case "StatefulSet" -> columns.add(new Column("Ready", "string", o -> o.path("status").path("readyReplicas").asLong(0)
                    + "/" + o.path("spec").path("replicas").asLong(1)));
            case "DaemonSet" -> {
                columns.add(new Column("Desired", "integer", o -> o.path("status").path("desiredNumberScheduled").asLong(0)));
                columns.add(new Column("Current", "integer", o -> o.path("status").path("currentNumberScheduled").asLong(0)));
                columns.add(new Column("Ready", "integer", o -> o.path("status").path("numberReady").asLong(0)));
            }
            case "Job" -> columns.add(new Column("Completions", "string", o -> o.path("status").path("succeeded").asLong(0)
                    + "/" + o.path("spec").path("completions").asLong(1)));
            case "Service" -> {
                columns.add(new Column("Type", "string", o -> o.path("spec").path("type").asText("ClusterIP")));
                columns.add(new Column("Cluster-IP", "string", o -> o.path("spec").path("clusterIP").asText("<none>")));
                columns.add(new Column("External-IP", "string", Tables::externalIp));
                columns.add(new Column("Port(s)", "string", Tables::ports));
            }
            case "Namespace" -> columns.add(new Column("Status", "string", o -> o.path("status").path("phase").asText("Active")));
            case "Node" -> {
                columns.add(new Column("Status", "string", o -> condition(o, "Ready") ? "Ready" : "NotReady"));
                columns.add(new Column("Version", "string", o -> o.path("status").path("nodeInfo").path("kubeletVersion").asText("")));
            }
            case "ConfigMap" -> columns.add(new Column("Data", "integer", o -> (long) (o.path("data").size() + o.path("binaryData").size())));
            case "Secret" -> {
                columns.add(new Column("Type", "string", o -> o.path("type").asText("Opaque")));
                columns.add(new Column("Data", "integer", o -> (long) o.path("data").size()));
            }
            default -> {
            }
        }
        columns.add(new Column("Age", "string", this::age));
        return columns;
    }

    private static String podReady(JsonNode pod) {
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            if (status.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    /** The phase, or the reason a container is waiting (CrashLoopBackOff, ...), as kubectl shows it. */
    private static String podStatus(JsonNode pod) {
        if (pod.path("metadata").has("deletionTimestamp")) {
            return "Terminating";
        }
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            String waiting = status.path("state").path("waiting").path("reason").asText("");
            if (!waiting.isEmpty()) {
                return waiting;
            }
            String terminated = status.path("state").path("terminated").path("reason").asText("");
            if (!terminated.isEmpty()) {
                return terminated;
            }
        }
        return pod.path("status").path("phase").asText("Pending");
    }

    private static long restarts(JsonNode pod) {
        long total = 0;
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            total += status.path("restartCount").asLong(0);
        }
        return total;
    }

    private static boolean condition(JsonNode object, String type) {
        for (JsonNode condition : object.path("status").path("conditions")) {
            if (condition.path("type").asText("").equals(type)) {
                return condition.path("status").asText("").equals("True");
            }
        }
        return false;
    }

    private static String externalIp(JsonNode service) {
        List<String> ips = new ArrayList<>();
        service.path("status").path("loadBalancer").path("ingress").forEach(i -> ips.add(i.path("ip").asText(i.path("hostname").asText())));
        if (!ips.isEmpty()) {
            return String.join(",", ips);
        }
        return service.path("spec").path("type").asText("").equals("LoadBalancer") ? "<pending>" : "<none>";
    }

    private static String ports(JsonNode service) {
        List<String> ports = new ArrayList<>();
        for (JsonNode port : service.path("spec").path("ports")) {
            String text = port.path("port").asText();
            if (port.has("nodePort")) {
                text += ":" + port.path("nodePort").asText();
            }
            ports.add(text + "/" + port.path("protocol").asText("TCP"));
        }
        return ports.isEmpty() ? "<none>" : String.join(",", ports);
    }

    /** Kubernetes' short human duration: 45s, 3m, 2h, 5d. */
    private String age(JsonNode object) {
        String created = object.path("metadata").path("creationTimestamp").asText("");
        if (created.isEmpty()) {
            return "<unknown>";
        }
        Duration age = Duration.between(Instant.parse(created), clock.instant());
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 7200) {
            return seconds / 60 + "m";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }
}
