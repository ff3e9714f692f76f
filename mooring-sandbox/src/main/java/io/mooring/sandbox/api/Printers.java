package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sandbox.api.Tables.Cell;
import io.mooring.sandbox.api.Tables.Column;
import io.mooring.sandbox.catalog.ResourceType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * kube-apiserver's columns for the built-in kinds that have their own (those without get
 * {@code NAME} and {@code CREATED AT}); workloads are in {@link WorkloadPrinters}.
 */
final class Printers {
    static final Column NAME = new Column("Name", "string", "name", 0,
            (o, now) -> o.path("metadata").path("name").asText());
    static final Column AGE = new Column("Age", "string", "", 0,
            (o, now) -> Tables.since(o.path("metadata").path("creationTimestamp").asText(""), now));
    private static final Map<String, List<Column>> COLUMNS = new HashMap<>();

    static {
        COLUMNS.putAll(WorkloadPrinters.COLUMNS);
        COLUMNS.put("/ConfigMap", List.of(NAME, integer("Data", o -> (long) (o.path("data").size() + o.path("binaryData").size())), AGE));
        COLUMNS.put("/Secret", List.of(NAME, string("Type", o -> o.path("type").asText("Opaque")),
                integer("Data", o -> (long) o.path("data").size()), AGE));
        COLUMNS.put("/ServiceAccount", List.of(NAME, integer("Secrets", o -> (long) o.path("secrets").size()), AGE));
        COLUMNS.put("/Namespace", List.of(NAME, string("Status", o -> text(o, "", "status", "phase")), AGE));
        COLUMNS.put("/Service", List.of(NAME, string("Type", o -> text(o, "ClusterIP", "spec", "type")),
                string("Cluster-IP", o -> text(o, "<none>", "spec", "clusterIP")), string("External-IP", Printers::externalIp),
                string("Port(s)", Printers::ports), AGE, wide(string("Selector", o -> pairs(o.path("spec").path("selector"))))));
        COLUMNS.put("/Endpoints", List.of(NAME, string("Endpoints", Printers::endpoints), AGE));
        COLUMNS.put("/Node", List.of(NAME, string("Status", Printers::nodeStatus), string("Roles", Printers::roles), AGE,
                string("Version", o -> text(o, "", "status", "nodeInfo", "kubeletVersion")),
                wide(string("Internal-IP", o -> address(o, "InternalIP"))), wide(string("External-IP", o -> address(o, "ExternalIP"))),
                wide(string("OS-Image", o -> text(o, "<unknown>", "status", "nodeInfo", "osImage"))),
                wide(string("Kernel-Version", o -> text(o, "<unknown>", "status", "nodeInfo", "kernelVersion"))),
                wide(string("Container-Runtime", o -> text(o, "<unknown>", "status", "nodeInfo", "containerRuntimeVersion")))));
        COLUMNS.put("/PersistentVolumeClaim", List.of(NAME, string("Status", o -> o.path("metadata").has("deletionTimestamp")
                        ? "Terminating" : text(o, "", "status", "phase")), string("Volume", o -> text(o, "", "spec", "volumeName")),
                string("Capacity", o -> text(o, "", "status", "capacity", "storage")),
                string("Access Modes", o -> accessModes(o.path("status").path("accessModes"))),
                string("StorageClass", o -> text(o, "<unset>", "spec", "storageClassName")),
                string("VolumeAttributesClass", o -> text(o, "<unset>", "spec", "volumeAttributesClassName")), AGE,
                wide(string("VolumeMode", o -> text(o, "Filesystem", "spec", "volumeMode")))));
        COLUMNS.put("/PersistentVolume", List.of(NAME, string("Capacity", o -> text(o, "", "spec", "capacity", "storage")),
                string("Access Modes", o -> accessModes(o.path("spec").path("accessModes"))),
                string("Reclaim Policy", o -> text(o, "Retain", "spec", "persistentVolumeReclaimPolicy")),
                string("Status", o -> text(o, "", "status", "phase")), string("Claim", Printers::claim),
                string("StorageClass", o -> text(o, "", "spec", "storageClassName")),
                string("VolumeAttributesClass", o -> text(o, "<unset>", "spec", "volumeAttributesClassName")),
                string("Reason", o -> text(o, "", "status", "reason")), AGE,
                wide(string("VolumeMode", o -> text(o, "Filesystem", "spec", "volumeMode")))));
        COLUMNS.put("/Event", List.of(string("Last Seen", (o, now) -> Tables.since(eventTime(o), now)), string("Type", o -> o.path("type").asText("")),
                string("Reason", o -> o.path("reason").asText("")), string("Object", Printers::involvedObject),
                wide(string("Subobject", o -> text(o, "", "involvedObject", "fieldPath"))),
                wide(string("Source", o -> text(o, "", "source", "component"))), string("Message", o -> o.path("message").asText("")),
                wide(string("First Seen", (o, now) -> Tables.since(o.path("firstTimestamp").asText(eventTime(o)), now))),
                wide(integer("Count", o -> o.path("count").asLong(1))), wide(string("Name", o -> o.path("metadata").path("name").asText()))));
        COLUMNS.put("/LimitRange", List.of(NAME, createdAt()));
        COLUMNS.put("/ResourceQuota", List.of(NAME, AGE, string("Request", o -> quota(o, false)), string("Limit", o -> quota(o, true))));
        COLUMNS.put("/PodTemplate", List.of(NAME, string("Containers", o -> names(o.path("template").path("spec").path("containers"), "name")),
                string("Images", o -> names(o.path("template").path("spec").path("containers"), "image")),
                string("Pod Labels", o -> pairs(o.path("template").path("metadata").path("labels")))));
        COLUMNS.put("networking.k8s.io/Ingress", List.of(NAME, string("Class", o -> text(o, "<none>", "spec", "ingressClassName")),
                string("Hosts", Printers::hosts), string("Address", Printers::loadBalancer),
                string("Ports", o -> o.path("spec").path("tls").isEmpty() ? "80" : "80, 443"), AGE));
        COLUMNS.put("networking.k8s.io/IngressClass", List.of(NAME, string("Controller", o -> text(o, "", "spec", "controller")),
                string("Parameters", o -> o.path("spec").has("parameters") ? o.path("spec").path("parameters").path("kind").asText() + "/"
                        + o.path("spec").path("parameters").path("name").asText() : "<none>"), AGE));
        COLUMNS.put("networking.k8s.io/NetworkPolicy", List.of(NAME, string("Pod-Selector", o -> {
            String selector = Scales.selector(o.path("spec").path("podSelector"));
            return selector.isEmpty() ? "<none>" : selector;
        }), AGE));
        COLUMNS.put("discovery.k8s.io/EndpointSlice", List.of(NAME, string("AddressType", o -> o.path("addressType").asText("")),
                string("Ports", Printers::slicePorts), string("Endpoints", Printers::sliceEndpoints), AGE));
        COLUMNS.put("policy/PodDisruptionBudget", List.of(NAME, string("Min Available", o -> text(o, "N/A", "spec", "minAvailable")),
                string("Max Unavailable", o -> text(o, "N/A", "spec", "maxUnavailable")),
                integer("Allowed Disruptions", o -> longOf(o, 0, "status", "disruptionsAllowed")), AGE));
        COLUMNS.put("autoscaling/HorizontalPodAutoscaler", List.of(NAME, string("Reference", o -> text(o, "", "spec", "scaleTargetRef", "kind")
                        + "/" + text(o, "", "spec", "scaleTargetRef", "name")), string("Targets", Printers::hpaTargets),
                integer("MinPods", o -> longOf(o, 1, "spec", "minReplicas")), integer("MaxPods", o -> longOf(o, 0, "spec", "maxReplicas")),
                integer("Replicas", o -> longOf(o, 0, "status", "currentReplicas")), AGE));
        COLUMNS.put("storage.k8s.io/StorageClass", List.of(new Column("Name", "string", "name", 0, (o, now) -> o.path("metadata").path("name").asText()
                        + ("true".equals(o.path("metadata").path("annotations").path("storageclass.kubernetes.io/is-default-class").asText())
                        ? " (default)" : "")), string("Provisioner", o -> o.path("provisioner").asText("")),
                string("ReclaimPolicy", o -> o.path("reclaimPolicy").asText("Delete")),
                string("VolumeBindingMode", o -> o.path("volumeBindingMode").asText("Immediate")),
                string("AllowVolumeExpansion", o -> Boolean.toString(o.path("allowVolumeExpansion").asBoolean(false))), AGE));
        for (String kind : List.of("Role", "ClusterRole")) {
            COLUMNS.put("rbac.authorization.k8s.io/" + kind, List.of(NAME, createdAt()));
        }
        for (String kind : List.of("RoleBinding", "ClusterRoleBinding")) {
            COLUMNS.put("rbac.authorization.k8s.io/" + kind, List.of(NAME, string("Role", o -> text(o, "", "roleRef", "kind") + "/"
                            + text(o, "", "roleRef", "name")), AGE, wide(string("Users", o -> subjects(o, "User"))),
                    wide(string("Groups", o -> subjects(o, "Group"))), wide(string("ServiceAccounts", o -> subjects(o, "ServiceAccount")))));
        }
        for (String kind : List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
            COLUMNS.put("admissionregistration.k8s.io/" + kind, List.of(NAME, integer("Webhooks", o -> (long) o.path("webhooks").size()), AGE));
        }
        COLUMNS.put("coordination.k8s.io/Lease", List.of(NAME, string("Holder", o -> text(o, "", "spec", "holderIdentity")), AGE));
        COLUMNS.put("scheduling.k8s.io/PriorityClass", List.of(NAME, integer("Value", o -> o.path("value").asLong(0)),
                string("Global-Default", o -> Boolean.toString(o.path("globalDefault").asBoolean(false))), AGE,
                string("PreemptionPolicy", o -> o.path("preemptionPolicy").asText("PreemptLowerPriority"))));
        COLUMNS.put("node.k8s.io/RuntimeClass", List.of(NAME, string("Handler", o -> o.path("handler").asText("")), AGE));
        COLUMNS.put("certificates.k8s.io/CertificateSigningRequest", List.of(NAME, AGE,
                string("SignerName", o -> text(o, "", "spec", "signerName")), string("Requestor", o -> text(o, "", "spec", "username")),
                string("RequestedDuration", o -> text(o, "<none>", "spec", "expirationSeconds")), string("Condition", Printers::csrCondition)));
    }

    private Printers() {
    }

    /** The columns of a built-in kind, or null when it has no printer of its own. */
    static List<Column> columns(ResourceType type) {
        return COLUMNS.get(type.group() + "/" + type.kind());
    }

    static Column string(String name, Function<JsonNode, Object> cell) {
        return new Column(name, "string", "", 0, (o, now) -> cell.apply(o));
    }

    static Column string(String name, Cell cell) {
        return new Column(name, "string", "", 0, cell);
    }

    static Column integer(String name, Function<JsonNode, Object> cell) {
        return new Column(name, "integer", "", 0, (o, now) -> cell.apply(o));
    }

    /** The column, shown only by {@code -o wide}. */
    static Column wide(Column column) {
        return new Column(column.name(), column.type(), column.format(), 1, column.cell());
    }

    private static Column createdAt() {
        return new Column("Created At", "date", "", 0, (o, now) -> o.path("metadata").path("creationTimestamp").asText(""));
    }

    static String text(JsonNode object, String otherwise, String... path) {
        JsonNode node = object;
        for (String step : path) {
            node = node.path(step);
        }
        return node.isValueNode() && !node.asText().isEmpty() ? node.asText() : otherwise;
    }

    static long longOf(JsonNode object, long otherwise, String... path) {
        JsonNode node = object;
        for (String step : path) {
            node = node.path(step);
        }
        return node.canConvertToLong() ? node.asLong() : otherwise;
    }

    /** {@code k=v,k2=v2} in key order, or {@code <none>}. */
    static String pairs(JsonNode map) {
        Map<String, String> sorted = new TreeMap<>();
        map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
        if (sorted.isEmpty()) {
            return "<none>";
        }
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(",", pairs);
    }

    private static String names(JsonNode list, String field) {
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(item.path(field).asText()));
        return String.join(",", names);
    }

    private static String externalIp(JsonNode service) {
        List<String> ips = new ArrayList<>();
        service.path("status").path("loadBalancer").path("ingress").forEach(i -> ips.add(i.path("ip").asText(i.path("hostname").asText())));
        service.path("spec").path("externalIPs").forEach(ip -> ips.add(ip.asText()));
        if (!ips.isEmpty()) {
            return String.join(",", ips);
        }
        return switch (service.path("spec").path("type").asText("")) {
            case "LoadBalancer" -> "<pending>";
            case "ExternalName" -> service.path("spec").path("externalName").asText("<none>");
            default -> "<none>";
        };
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

    private static String endpoints(JsonNode endpoints) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode subset : endpoints.path("subsets")) {
            for (JsonNode address : subset.path("addresses")) {
                if (subset.path("ports").isEmpty()) {
                    addresses.add(address.path("ip").asText());
                }
                for (JsonNode port : subset.path("ports")) {
                    addresses.add(address.path("ip").asText() + ":" + port.path("port").asText());
                }
            }
        }
        return shortList(addresses);
    }

    private static String shortList(List<String> items) {
        if (items.isEmpty()) {
            return "<none>";
        }
        return items.size() <= 3 ? String.join(",", items) : String.join(",", items.subList(0, 3)) + " + " + (items.size() - 3) + " more...";
    }

    private static String slicePorts(JsonNode slice) {
        List<String> ports = new ArrayList<>();
        slice.path("ports").forEach(p -> ports.add(p.path("port").asText()));
        return ports.isEmpty() ? "<unset>" : String.join(",", ports);
    }

    private static String sliceEndpoints(JsonNode slice) {
        List<String> addresses = new ArrayList<>();
        slice.path("endpoints").forEach(e -> e.path("addresses").forEach(a -> addresses.add(a.asText())));
        return shortList(addresses);
    }

    private static String nodeStatus(JsonNode node) {
        String status = "Unknown";
        for (JsonNode condition : node.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                status = switch (condition.path("status").asText()) {
                    case "True" -> "Ready";
                    case "False" -> "NotReady";
                    default -> "Unknown";
                };
            }
        }
        return node.path("spec").path("unschedulable").asBoolean(false) ? status + ",SchedulingDisabled" : status;
    }

    private static String roles(JsonNode node) {
        List<String> roles = new ArrayList<>();
        node.path("metadata").path("labels").properties().forEach(label -> {
            if (label.getKey().startsWith("node-role.kubernetes.io/")) {
                roles.add(label.getKey().substring("node-role.kubernetes.io/".length()));
            } else if (label.getKey().equals("kubernetes.io/role")) {
                roles.add(label.getValue().asText());
            }
        });
        return roles.isEmpty() ? "<none>" : String.join(",", roles.stream().sorted().toList());
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode address : node.path("status").path("addresses")) {
            if (address.path("type").asText().equals(type)) {
                return address.path("address").asText();
            }
        }
        return "<none>";
    }

    private static String accessModes(JsonNode modes) {
        List<String> shortModes = new ArrayList<>();
        for (JsonNode mode : modes) {
            shortModes.add(switch (mode.asText()) {
                case "ReadWriteOnce" -> "RWO";
                case "ReadOnlyMany" -> "ROX";
                case "ReadWriteMany" -> "RWX";
                case "ReadWriteOncePod" -> "RWOP";
                default -> mode.asText();
            });
        }
        return String.join(",", shortModes);
    }

    private static String claim(JsonNode volume) {
        JsonNode ref = volume.path("spec").path("claimRef");
        return ref.isMissingNode() ? "" : ref.path("namespace").asText() + "/" + ref.path("name").asText();
    }

    private static String eventTime(JsonNode event) {
        String last = event.path("lastTimestamp").asText("");
        if (!last.isEmpty()) {
            return last;
        }
        String time = event.path("eventTime").asText("");
        return time.isEmpty() ? event.path("metadata").path("creationTimestamp").asText("") : time.replaceAll("\\.\\d+Z$", "Z");
    }

    private static String involvedObject(JsonNode event) {
        JsonNode object = event.path("involvedObject");
        return object.path("kind").asText().toLowerCase(java.util.Locale.ROOT) + "/" + object.path("name").asText();
    }

    private static String quota(JsonNode quota, boolean limits) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(toMap(quota.path("status").path("hard"))).forEach((resource, hard) -> {
            if (resource.startsWith("limits.") == limits) {
                parts.add(resource + ": " + quota.path("status").path("used").path(resource).asText("0") + "/" + hard);
            }
        });
        return String.join(", ", parts);
    }

    private static Map<String, String> toMap(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static String hosts(JsonNode ingress) {
        List<String> hosts = new ArrayList<>();
        ingress.path("spec").path("rules").forEach(r -> hosts.add(r.path("host").asText("*")));
        return hosts.isEmpty() ? "*" : String.join(",", hosts);
    }

    private static String loadBalancer(JsonNode object) {
        List<String> addresses = new ArrayList<>();
        object.path("status").path("loadBalancer").path("ingress").forEach(i -> addresses.add(i.path("ip").asText(i.path("hostname").asText())));
        return String.join(",", addresses);
    }

    private static String hpaTargets(JsonNode hpa) {
        List<String> targets = new ArrayList<>();
        for (JsonNode metric : hpa.path("spec").path("metrics")) {
            JsonNode resource = metric.path("resource");
            if (resource.has("name")) {
                String target = resource.path("target").has("averageUtilization")
                        ? resource.path("target").path("averageUtilization").asText() + "%" : resource.path("target").path("averageValue").asText();
                targets.add(resource.path("name").asText() + ": <unknown>/" + target);
            }
        }
        return targets.isEmpty() ? "<none>" : String.join(", ", targets);
    }

    private static String subjects(JsonNode binding, String kind) {
        List<String> names = new ArrayList<>();
        for (JsonNode subject : binding.path("subjects")) {
            if (subject.path("kind").asText().equals(kind)) {
                names.add(kind.equals("ServiceAccount") ? subject.path("namespace").asText() + "/" + subject.path("name").asText()
                        : subject.path("name").asText());
            }
        }
        return String.join(", ", names);
    }

    private static String csrCondition(JsonNode csr) {
        List<String> conditions = new ArrayList<>();
        csr.path("status").path("conditions").forEach(c -> conditions.add(c.path("type").asText()));
        return conditions.isEmpty() ? "Pending" : String.join(",", conditions);
    }
}
