package io.mooring.sandbox.cluster.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.cluster.defaults.Quantity;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.mooring.sandbox.cluster.Nodes.objects;

/**
 * The checks of a pod spec that users run into: containers and their names, images, ports,
 * pull policies, volume mounts that name no volume, requests above limits, restart and DNS
 * policies. Worded as {@code ValidatePodSpec} words them.
 */
final class PodSpecValidation {
    static final List<String> ALL_RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");

    private PodSpecValidation() {
    }

    /** A pod template: its labels and annotations, then its spec with the restart policies the owner allows. */
    static void template(JsonNode template, String path, List<String> restartPolicies, FieldErrors errors) {
        if (template == null || template.isNull()) {
            errors.required(path, "");
            return;
        }
        MetadataValidation.labelsAndAnnotations(template.path("metadata"), path + ".metadata", errors);
        spec(template.path("spec"), path + ".spec", restartPolicies, errors);
    }

    static void spec(JsonNode spec, String path, List<String> restartPolicies, FieldErrors errors) {
        Set<String> volumes = volumes(spec, path, errors);
        Set<String> names = new HashSet<>();
        containers(spec, "initContainers", path, volumes, names, errors);
        if (Nodes.empty(spec, "containers")) {
            errors.required(path + ".containers", "");
        } else {
            containers(spec, "containers", path, volumes, names, errors);
        }
        JsonNode restart = spec.path("restartPolicy");
        if (!ALL_RESTART_POLICIES.contains(restart.asText())) {
            errors.notSupported(path + ".restartPolicy", restart, ALL_RESTART_POLICIES);
        }
        if (restartPolicies != ALL_RESTART_POLICIES && !restartPolicies.contains(restart.asText())) {
            errors.notSupported(path + ".restartPolicy", restart, restartPolicies);
        }
        JsonNode dns = spec.path("dnsPolicy");
        if (!DNS_POLICIES.contains(dns.asText())) {
            errors.notSupported(path + ".dnsPolicy", dns, DNS_POLICIES);
        }
    }

    private static Set<String> volumes(JsonNode spec, String path, FieldErrors errors) {
        Set<String> names = new HashSet<>();
        List<ObjectNode> volumes = objects(spec, "volumes");
        for (int i = 0; i < volumes.size(); i++) {
            String at = path + ".volumes[" + i + "].name";
            String name = volumes.get(i).path("name").asText("");
            if (name.isEmpty()) {
                errors.required(at, "");
            } else {
                Names.dns1123Label(name).forEach(message -> errors.invalid(at, name, message));
                if (!names.add(name)) {
                    errors.duplicate(at, TextNode.valueOf(name));
                }
            }
        }
        return names;
    }

    private static void containers(JsonNode spec, String list, String path, Set<String> volumes, Set<String> names, FieldErrors errors) {
        List<ObjectNode> containers = objects(spec, list);
        for (int i = 0; i < containers.size(); i++) {
            ObjectNode container = containers.get(i);
            String at = path + "." + list + "[" + i + "]";
            String name = container.path("name").asText("");
            if (name.isEmpty()) {
                errors.required(at + ".name", "");
            } else {
                Names.dns1123Label(name).forEach(message -> errors.invalid(at + ".name", name, message));
                if (!names.add(name)) {
                    errors.duplicate(at + ".name", TextNode.valueOf(name));
                }
            }
            if (container.path("image").asText("").isBlank()) {
                errors.required(at + ".image", "");
            }
            JsonNode pull = container.path("imagePullPolicy");
            if (!PULL_POLICIES.contains(pull.asText())) {
                errors.notSupported(at + ".imagePullPolicy", pull, PULL_POLICIES);
            }
            ports(container, at, errors);
            mounts(container, at, volumes, errors);
            resources(container.path("resources"), at + ".resources", errors);
        }
    }

    private static void ports(ObjectNode container, String at, FieldErrors errors) {
        List<ObjectNode> ports = objects(container, "ports");
        for (int j = 0; j < ports.size(); j++) {
            ObjectNode port = ports.get(j);
            String p = at + ".ports[" + j + "]";
            long number = port.path("containerPort").asLong(0);
            if (number == 0) {
                errors.required(p + ".containerPort", "");
            } else if (number < 1 || number > 65535) {
                errors.invalid(p + ".containerPort", number, "must be between 1 and 65535, inclusive");
            }
            JsonNode protocol = port.path("protocol");
            if (!PROTOCOLS.contains(protocol.asText())) {
                errors.notSupported(p + ".protocol", protocol, PROTOCOLS);
            }
        }
    }

    private static void mounts(ObjectNode container, String at, Set<String> volumes, FieldErrors errors) {
        List<ObjectNode> mounts = objects(container, "volumeMounts");
        for (int j = 0; j < mounts.size(); j++) {
            String m = at + ".volumeMounts[" + j + "]";
            String name = mounts.get(j).path("name").asText("");
            if (name.isEmpty()) {
                errors.required(m + ".name", "");
            } else if (!volumes.contains(name)) {
                errors.notFound(m + ".name", TextNode.valueOf(name));
            }
            if (mounts.get(j).path("mountPath").asText("").isEmpty()) {
                errors.required(m + ".mountPath", "");
            }
        }
    }

    /** A request above its limit; quantities were made canonical by defaulting. */
    private static void resources(JsonNode resources, String at, FieldErrors errors) {
        Map<String, String> limits = Nodes.stringMap(resources, "limits");
        for (Map.Entry<String, String> request : Nodes.stringMap(resources, "requests").entrySet()) {
            String limit = limits.get(request.getKey());
            if (limit == null) {
                continue;
            }
            BigDecimal requested = Quantity.value(request.getValue());
            if (requested.compareTo(Quantity.value(limit)) > 0) {
                errors.invalid(at + ".requests", request.getValue(), "must be less than or equal to " + request.getKey() + " limit of " + limit);
            }
        }
    }
}
