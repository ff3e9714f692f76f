package io.mooring.sandbox.workloads.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.PodTemplates;
import io.mooring.sandbox.workloads.objects.Pods;
import io.mooring.sandbox.workloads.objects.Revisions;

/**
 * A DaemonSet's pod for a node, as the controller makes it: the template with the revision and
 * template generation labels, the tolerations every daemon pod gets (not-ready, unreachable,
 * pressure, unschedulable; network-unavailable on the host network), and a required node affinity
 * on the node's name, so that the scheduler binds it there.
 */
final class DaemonSetPods {
    static final String TEMPLATE_GENERATION_LABEL = "pod-template-generation";
    private static final String[][] TOLERATIONS = {
            {"node.kubernetes.io/not-ready", "NoExecute"}, {"node.kubernetes.io/unreachable", "NoExecute"},
            {"node.kubernetes.io/disk-pressure", "NoSchedule"}, {"node.kubernetes.io/memory-pressure", "NoSchedule"},
            {"node.kubernetes.io/pid-pressure", "NoSchedule"}, {"node.kubernetes.io/unschedulable", "NoSchedule"}};

    private DaemonSetPods() {
    }

    /** The template with what every daemon pod carries, before it is pinned to a node. */
    static ObjectNode template(JsonNode set) {
        ObjectNode template = set.path("spec").path("template").deepCopy();
        ObjectNode spec = template.withObjectProperty("spec");
        ArrayNode tolerations = spec.withArrayProperty("tolerations");
        for (String[] toleration : TOLERATIONS) {
            addToleration(tolerations, toleration[0], toleration[1]);
        }
        if (spec.path("hostNetwork").asBoolean(false)) {
            addToleration(tolerations, "node.kubernetes.io/network-unavailable", "NoSchedule");
        }
        return template;
    }

    private static void addToleration(ArrayNode tolerations, String key, String effect) {
        for (JsonNode existing : tolerations) {
            if (existing.path("key").asText().equals(key) && existing.path("effect").asText().equals(effect)) {
                return;
            }
        }
        tolerations.addObject().put("key", key).put("operator", "Exists").put("effect", effect);
    }

    static ObjectNode pod(JsonNode set, String hash, String node) {
        ObjectNode pod = PodTemplates.pod(template(set), set);
        pod.withObjectProperty("metadata").put("generateName", Json.name(set) + "-");
        ObjectNode labels = PodTemplates.labels(pod);
        labels.put(Revisions.HASH_LABEL, hash);
        labels.put(TEMPLATE_GENERATION_LABEL, Long.toString(Json.generation(set)));
        ObjectNode nodeAffinity = pod.withObjectProperty("spec").withObjectProperty("affinity").withObjectProperty("nodeAffinity");
        ObjectNode required = Json.object();
        ObjectNode field = required.putArray("nodeSelectorTerms").addObject().putArray("matchFields").addObject();
        field.put("key", "metadata.name");
        field.put("operator", "In");
        field.putArray("values").add(node);
        nodeAffinity.set("requiredDuringSchedulingIgnoredDuringExecution", required);
        return pod;
    }

    /** The node a daemon pod runs on, or is meant for while not yet bound ({@code GetTargetNodeName}). */
    static String targetNode(JsonNode pod) {
        String bound = Pods.nodeName(pod);
        if (!bound.isEmpty()) {
            return bound;
        }
        for (JsonNode term : pod.path("spec").path("affinity").path("nodeAffinity")
                .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms")) {
            for (JsonNode field : term.path("matchFields")) {
                if (field.path("key").asText().equals("metadata.name") && field.path("values").size() == 1) {
                    return field.path("values").get(0).asText();
                }
            }
        }
        return "";
    }
}
