package io.mooring.sandbox.cluster.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.Nodes;

import static io.mooring.sandbox.cluster.Nodes.defaultText;
import static io.mooring.sandbox.cluster.Nodes.object;
import static io.mooring.sandbox.cluster.Nodes.objectOrNull;
import static io.mooring.sandbox.cluster.Nodes.objects;

/**
 * {@code SetDefaults_Service}: type, session affinity, port protocols and target ports, traffic
 * policies. Cluster IPs, IP families and node ports are the registry's allocation, done by
 * {@code io.mooring.sandbox.cluster.network.ServiceAllocation}.
 */
final class ServiceDefaults {
    private static final int CLIENT_IP_AFFINITY_SECONDS = 10800;

    private ServiceDefaults() {
    }

    static void service(ObjectNode service, boolean create) {
        ObjectNode spec = object(service, "spec");
        defaultText(spec, "sessionAffinity", "None");
        String affinity = spec.path("sessionAffinity").asText();
        if (affinity.equals("None")) {
            spec.remove("sessionAffinityConfig");
        } else if (affinity.equals("ClientIP")) {
            JsonNode timeout = spec.path("sessionAffinityConfig").path("clientIP").path("timeoutSeconds");
            if (timeout.isMissingNode() || timeout.isNull()) {
                object(object(spec, "sessionAffinityConfig"), "clientIP").put("timeoutSeconds", CLIENT_IP_AFFINITY_SECONDS);
            }
        }
        defaultText(spec, "type", "ClusterIP");
        String type = spec.path("type").asText();
        for (ObjectNode port : objects(spec, "ports")) {
            defaultText(port, "protocol", "TCP");
            JsonNode target = port.get("targetPort");
            boolean unsetTarget = target == null || target.isNull() || (target.isNumber() && target.asLong() == 0)
                    || (target.isTextual() && target.asText().isEmpty());
            if (unsetTarget && port.has("port")) {
                port.set("targetPort", port.get("port"));
            }
        }
        boolean externallyAccessible = type.equals("LoadBalancer") || type.equals("NodePort")
                || (type.equals("ClusterIP") && !Nodes.empty(spec, "externalIPs"));
        if (externallyAccessible) {
            defaultText(spec, "externalTrafficPolicy", "Cluster");
        }
        if (Nodes.unset(spec, "internalTrafficPolicy") && !type.equals("ExternalName")) {
            spec.put("internalTrafficPolicy", "Cluster");
        }
        if (type.equals("LoadBalancer")) {
            Nodes.defaultBoolean(spec, "allocateLoadBalancerNodePorts", true);
        }
        ObjectNode status = create ? object(service, "status") : objectOrNull(service, "status");
        if (status != null) {
            ObjectNode loadBalancer = object(status, "loadBalancer");
            if (type.equals("LoadBalancer")) {
                for (ObjectNode ingress : objects(loadBalancer, "ingress")) {
                    if (!Nodes.empty(ingress, "ip")) {
                        defaultText(ingress, "ipMode", "VIP");
                    }
                }
            }
        }
    }
}
