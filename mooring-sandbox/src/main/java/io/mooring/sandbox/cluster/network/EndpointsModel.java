package io.mooring.sandbox.cluster.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.Nodes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.mooring.sandbox.cluster.Nodes.objects;

/**
 * What the endpoints and endpoint slice controllers compute for a Service from the pods its
 * selector matches: pure functions, no store. Pods count once they have an IP and until they
 * finish; Endpoints list ready pods under {@code addresses} and the others under {@code
 * notReadyAddresses} (terminating pods not at all), while slices also keep terminating pods
 * with their {@code ready}, {@code serving} and {@code terminating} conditions. A named target
 * port is looked up among each pod's container ports.
 */
public final class EndpointsModel {
    public static final String ENDPOINTS_MANAGED_BY = "endpoints.kubernetes.io/managed-by";
    public static final String ENDPOINTS_CONTROLLER = "endpoint-controller";
    public static final String SLICE_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    public static final String SLICE_CONTROLLER = "endpointslice-controller.k8s.io";
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";
    public static final int MAX_ENDPOINTS_PER_SLICE = 100;

    /** A service port as resolved for one pod. */
    public record Port(String name, int port, String protocol, String appProtocol) {
        ObjectNode toJson(boolean alwaysName) {
            ObjectNode json = Nodes.JSON.objectNode();
            if (alwaysName || !name.isEmpty()) {
                json.put("name", name);
            }
            json.put("port", port);
            json.put("protocol", protocol);
            if (appProtocol != null) {
                json.put("appProtocol", appProtocol);
            }
            return json;
        }
    }

    private record Address(ObjectNode json, boolean ready) {
    }

    private EndpointsModel() {
    }

    /** True when the controllers manage endpoints for this Service (it selects pods and is not an ExternalName). */
    public static boolean managed(JsonNode service) {
        return !Nodes.empty(service.path("spec"), "selector") && !Nodes.text(service, "spec", "type").equals("ExternalName");
    }

    public static boolean headless(JsonNode service) {
        return Nodes.text(service, "spec", "clusterIP").equals("None");
    }

    /** The labels an Endpoints or slice carries: the Service's own, then the controller's. */
    public static ObjectNode labels(JsonNode service, String managedByKey, String managedBy, boolean slice) {
        ObjectNode labels = Nodes.toObject(Nodes.stringMap(service.path("metadata"), "labels"));
        if (slice) {
            labels.put(SERVICE_NAME_LABEL, Nodes.text(service, "metadata", "name"));
        }
        labels.put(managedByKey, managedBy);
        if (headless(service)) {
            labels.put(HEADLESS_LABEL, "");
        }
        return labels;
    }

    /** The {@code subsets} of the Service's Endpoints: addresses grouped by the ports they serve. */
    public static ArrayNode subsets(JsonNode service, List<ObjectNode> pods) {
        boolean publishNotReady = service.path("spec").path("publishNotReadyAddresses").asBoolean(false);
        Map<List<Port>, List<Address>> byPorts = new LinkedHashMap<>();
        for (ObjectNode pod : sorted(pods)) {
            if (!counts(pod) || pod.path("metadata").has("deletionTimestamp")) {
                continue;
            }
            List<Port> ports = ports(service, pod);
            if (ports.isEmpty() && !(headless(service) && service.path("spec").path("ports").isEmpty())) {
                continue;
            }
            byPorts.computeIfAbsent(ports, p -> new ArrayList<>()).add(new Address(address(service, pod), publishNotReady || ready(pod)));
        }
        ArrayNode subsets = Nodes.JSON.arrayNode();
        byPorts.forEach((ports, addresses) -> {
            ObjectNode subset = subsets.addObject();
            ArrayNode ready = Nodes.JSON.arrayNode();
            ArrayNode notReady = Nodes.JSON.arrayNode();
            for (Address address : addresses) {
                (address.ready() ? ready : notReady).add(address.json());
            }
            if (!ready.isEmpty()) {
                subset.set("addresses", ready);
            }
            if (!notReady.isEmpty()) {
                subset.set("notReadyAddresses", notReady);
            }
            if (!ports.isEmpty()) {
                ArrayNode list = subset.putArray("ports");
                ports.forEach(p -> list.add(p.toJson(false)));
            }
        });
        return subsets;
    }

    /**
     * The content ({@code addressType}, {@code endpoints}, {@code ports}) of the Service's
     * slices: one per set of ports, at most {@value #MAX_ENDPOINTS_PER_SLICE} endpoints each,
     * and one empty slice when no pod serves.
     */
    public static List<ObjectNode> slices(JsonNode service, List<ObjectNode> pods, Function<String, String> zoneOfNode) {
        boolean publishNotReady = service.path("spec").path("publishNotReadyAddresses").asBoolean(false);
        Map<List<Port>, List<ObjectNode>> byPorts = new LinkedHashMap<>();
        for (ObjectNode pod : sorted(pods)) {
            if (!counts(pod)) {
                continue;
            }
            List<Port> ports = ports(service, pod);
            if (ports.isEmpty() && !service.path("spec").path("ports").isEmpty()) {
                continue;
            }
            boolean serving = publishNotReady || ready(pod);
            boolean terminating = pod.path("metadata").has("deletionTimestamp");
            ObjectNode endpoint = Nodes.JSON.objectNode();
            endpoint.putArray("addresses").add(podIp(pod));
            ObjectNode conditions = endpoint.putObject("conditions");
            conditions.put("ready", publishNotReady || (serving && !terminating));
            conditions.put("serving", serving);
            conditions.put("terminating", terminating);
            String hostname = hostname(service, pod);
            if (hostname != null) {
                endpoint.put("hostname", hostname);
            }
            String node = Nodes.text(pod, "spec", "nodeName");
            if (!node.isEmpty()) {
                endpoint.put("nodeName", node);
            }
            endpoint.set("targetRef", targetRef(pod));
            String zone = node.isEmpty() ? null : zoneOfNode.apply(node);
            if (zone != null && !zone.isEmpty()) {
                endpoint.put("zone", zone);
            }
            byPorts.computeIfAbsent(ports, p -> new ArrayList<>()).add(endpoint);
        }
        List<ObjectNode> slices = new ArrayList<>();
        byPorts.forEach((ports, endpoints) -> {
            for (int from = 0; from < endpoints.size(); from += MAX_ENDPOINTS_PER_SLICE) {
                ObjectNode slice = Nodes.JSON.objectNode();
                slice.put("addressType", "IPv4");
                ArrayNode list = slice.putArray("endpoints");
                endpoints.subList(from, Math.min(endpoints.size(), from + MAX_ENDPOINTS_PER_SLICE)).forEach(list::add);
                ArrayNode portList = slice.putArray("ports");
                ports.forEach(p -> portList.add(p.toJson(true)));
                slices.add(slice);
            }
        });
        if (slices.isEmpty()) {
            // The controller keeps a placeholder slice for a Service with no endpoints.
            ObjectNode placeholder = Nodes.JSON.objectNode();
            placeholder.put("addressType", "IPv4");
            placeholder.putNull("endpoints");
            placeholder.putNull("ports");
            slices.add(placeholder);
        }
        return slices;
    }

    /** The Service's ports as this pod serves them; a named target port the pod lacks leaves that port out. */
    static List<Port> ports(JsonNode service, JsonNode pod) {
        List<Port> result = new ArrayList<>();
        for (JsonNode port : service.path("spec").path("ports")) {
            String protocol = port.path("protocol").asText("TCP");
            JsonNode target = port.path("targetPort");
            int number;
            if (target.isTextual() && !target.asText().chars().allMatch(Character::isDigit)) {
                number = namedPort(pod, target.asText(), protocol);
            } else if (target.isMissingNode() || target.isNull()) {
                number = port.path("port").asInt();
            } else {
                number = target.asInt();
            }
            if (number > 0) {
                String appProtocol = port.hasNonNull("appProtocol") ? port.get("appProtocol").asText() : null;
                result.add(new Port(port.path("name").asText(""), number, protocol, appProtocol));
            }
        }
        return result;
    }

    private static int namedPort(JsonNode pod, String name, String protocol) {
        for (String list : List.of("containers", "initContainers")) {
            for (ObjectNode container : objects(pod.path("spec"), list)) {
                if (list.equals("initContainers") && !container.path("restartPolicy").asText("").equals("Always")) {
                    continue;
                }
                for (ObjectNode port : objects(container, "ports")) {
                    if (port.path("name").asText("").equals(name) && port.path("protocol").asText("TCP").equals(protocol)) {
                        return port.path("containerPort").asInt();
                    }
                }
            }
        }
        return 0;
    }

    /** Has an IP and has not finished. */
    static boolean counts(JsonNode pod) {
        String phase = Nodes.text(pod, "status", "phase");
        return !podIp(pod).isEmpty() && !phase.equals("Succeeded") && !phase.equals("Failed");
    }

    static boolean ready(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText().equals("True");
            }
        }
        return false;
    }

    private static String podIp(JsonNode pod) {
        String ip = Nodes.text(pod, "status", "podIP");
        if (ip.isEmpty() && pod.path("status").path("podIPs").size() > 0) {
            ip = pod.path("status").path("podIPs").get(0).path("ip").asText("");
        }
        return ip;
    }

    private static ObjectNode address(JsonNode service, ObjectNode pod) {
        ObjectNode address = Nodes.JSON.objectNode();
        String hostname = hostname(service, pod);
        if (hostname != null) {
            address.put("hostname", hostname);
        }
        address.put("ip", podIp(pod));
        String node = Nodes.text(pod, "spec", "nodeName");
        if (!node.isEmpty()) {
            address.put("nodeName", node);
        }
        address.set("targetRef", targetRef(pod));
        return address;
    }

    /** A pod's DNS name under a headless Service: its hostname, when its subdomain is the Service. */
    private static String hostname(JsonNode service, JsonNode pod) {
        String hostname = Nodes.text(pod, "spec", "hostname");
        boolean subdomain = Nodes.text(pod, "spec", "subdomain").equals(Nodes.text(service, "metadata", "name"));
        return !hostname.isEmpty() && subdomain ? hostname : null;
    }

    private static ObjectNode targetRef(JsonNode pod) {
        ObjectNode ref = Nodes.JSON.objectNode();
        ref.put("kind", "Pod");
        ref.put("name", Nodes.text(pod, "metadata", "name"));
        ref.put("namespace", Nodes.text(pod, "metadata", "namespace"));
        ref.put("uid", Nodes.text(pod, "metadata", "uid"));
        return ref;
    }

    private static List<ObjectNode> sorted(List<ObjectNode> pods) {
        return pods.stream().sorted(Comparator.comparing(p -> Nodes.text(p, "metadata", "name"))).toList();
    }
}
