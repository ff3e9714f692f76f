package io.mooring.sandbox.cluster.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.Nodes;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.mooring.sandbox.cluster.Nodes.object;
import static io.mooring.sandbox.cluster.Nodes.objectOrNull;
import static io.mooring.sandbox.cluster.Nodes.objects;

/**
 * What only a Pod gets, not the pod templates of workloads: {@code SetDefaults_Pod} (requests
 * taken from limits, service links, host ports on the host network) and, on create, the
 * status the registry starts it with (phase Pending and its QoS class).
 */
public final class PodDefaults {
    private static final List<String> QOS_RESOURCES = List.of("cpu", "memory");

    private PodDefaults() {
    }

    public static void pod(ObjectNode pod, boolean create) {
        ObjectNode spec = object(pod, "spec");
        for (String list : List.of("containers", "initContainers")) {
            for (ObjectNode container : objects(spec, list)) {
                requestsFromLimits(container);
            }
        }
        Nodes.defaultBoolean(spec, "enableServiceLinks", true);
        if (spec.path("hostNetwork").asBoolean(false)) {
            for (String list : List.of("containers", "initContainers")) {
                for (ObjectNode container : objects(spec, list)) {
                    for (ObjectNode port : objects(container, "ports")) {
                        if (port.path("hostPort").asLong(0) == 0 && port.has("containerPort")) {
                            port.set("hostPort", port.get("containerPort"));
                        }
                    }
                }
            }
        }
        PodSpecDefaults.spec(spec);
        if (create) {
            ObjectNode status = object(pod, "status");
            Nodes.defaultText(status, "phase", "Pending");
            status.put("qosClass", qosClass(spec));
        }
    }

    private static void requestsFromLimits(ObjectNode container) {
        ObjectNode resources = objectOrNull(container, "resources");
        ObjectNode limits = objectOrNull(resources, "limits");
        if (limits == null) {
            return;
        }
        ObjectNode requests = object(resources, "requests");
        for (Map.Entry<String, JsonNode> limit : limits.properties()) {
            if (!requests.has(limit.getKey())) {
                requests.set(limit.getKey(), limit.getValue().deepCopy());
            }
        }
    }

    /**
     * Guaranteed when every container limits CPU and memory and requests exactly that;
     * BestEffort when no container requests or limits either; Burstable otherwise.
     */
    public static String qosClass(ObjectNode spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : List.of("initContainers", "containers")) {
            for (ObjectNode container : objects(spec, list)) {
                JsonNode resources = container.path("resources");
                int limitsFound = 0;
                for (String resource : QOS_RESOURCES) {
                    BigDecimal request = positive(resources.path("requests").get(resource));
                    BigDecimal limit = positive(resources.path("limits").get(resource));
                    any |= request != null || limit != null;
                    if (limit != null) {
                        limitsFound++;
                    }
                    if (request == null || limit == null || request.compareTo(limit) != 0) {
                        guaranteed = false;
                    }
                }
                if (limitsFound < QOS_RESOURCES.size()) {
                    guaranteed = false;
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static BigDecimal positive(JsonNode quantity) {
        if (quantity == null || quantity.isNull()) {
            return null;
        }
        BigDecimal value = Quantity.value(quantity.asText());
        return value.signum() > 0 ? value : null;
    }
}
