package io.mooring.sandbox.cluster.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.sandbox.cluster.Nodes;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.mooring.sandbox.cluster.Nodes.objects;

/** A Service's type, ports and selector, and the cluster IP that may not change once set. */
final class ServiceValidation {
    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> AFFINITIES = List.of("ClientIP", "None");

    private ServiceValidation() {
    }

    static void service(ObjectNode service, ObjectNode old, FieldErrors errors) {
        JsonNode spec = service.path("spec");
        JsonNode type = spec.path("type");
        if (!TYPES.contains(type.asText())) {
            errors.notSupported("spec.type", type, TYPES);
        }
        boolean externalName = type.asText().equals("ExternalName");
        boolean headless = spec.path("clusterIP").asText("").equals("None");
        if (externalName && Nodes.empty(spec, "externalName")) {
            errors.required("spec.externalName", "");
        }
        List<ObjectNode> ports = objects(spec, "ports");
        if (ports.isEmpty() && !externalName && !headless) {
            errors.required("spec.ports", "");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            port(ports.get(i), "spec.ports[" + i + "]", ports.size() > 1, names, type.asText(), errors);
        }
        JsonNode affinity = spec.path("sessionAffinity");
        if (!AFFINITIES.contains(affinity.asText())) {
            errors.notSupported("spec.sessionAffinity", affinity, AFFINITIES);
        }
        MetadataValidation.labels(Nodes.stringMap(spec, "selector"), "spec.selector", errors);
        if (old != null) {
            clusterIPs(spec, old.path("spec"), errors);
        }
    }

    private static void port(ObjectNode port, String at, boolean several, Set<String> names, String type, FieldErrors errors) {
        String name = port.path("name").asText("");
        if (name.isEmpty()) {
            if (several) {
                errors.required(at + ".name", "");
            }
        } else {
            Names.dns1123Label(name).forEach(message -> errors.invalid(at + ".name", name, message));
            if (!names.add(name)) {
                errors.duplicate(at + ".name", TextNode.valueOf(name));
            }
        }
        long number = port.path("port").asLong(0);
        if (number < 1 || number > 65535) {
            errors.invalid(at + ".port", number, "must be between 1 and 65535, inclusive");
        }
        JsonNode protocol = port.path("protocol");
        if (!PROTOCOLS.contains(protocol.asText())) {
            errors.notSupported(at + ".protocol", protocol, PROTOCOLS);
        }
        JsonNode target = port.path("targetPort");
        if (target.isNumber() && (target.asLong() < 1 || target.asLong() > 65535)) {
            errors.invalid(at + ".targetPort", target.asLong(), "must be between 1 and 65535, inclusive");
        }
        long nodePort = port.path("nodePort").asLong(0);
        if (nodePort != 0 && (type.equals("ClusterIP") || type.equals("ExternalName"))) {
            errors.forbidden(at + ".nodePort", "may not be used when `type` is '" + type + "'");
        }
    }

    /**
     * The first cluster IP is fixed once set, unless the service leaves or joins the ExternalName
     * type. An update that omits it keeps the allocated one (the allocation step copies it in).
     */
    private static void clusterIPs(JsonNode spec, JsonNode before, FieldErrors errors) {
        if (spec.path("type").asText().equals("ExternalName") || before.path("type").asText().equals("ExternalName")) {
            return;
        }
        List<String> old = Nodes.strings(before, "clusterIPs");
        List<String> now = Nodes.strings(spec, "clusterIPs");
        String ip = spec.path("clusterIP").asText("");
        if (now.isEmpty() && !ip.isEmpty()) {
            now = List.of(ip);
        }
        if (!old.isEmpty() && !now.isEmpty() && !now.getFirst().equals(old.getFirst())) {
            errors.invalid("spec.clusterIPs[0]", Nodes.strings(now), "may not change once set");
        }
    }
}
