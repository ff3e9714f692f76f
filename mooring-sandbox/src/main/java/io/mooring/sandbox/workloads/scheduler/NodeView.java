package io.mooring.sandbox.workloads.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler knows of a node: what it offers and what the pods bound to it already ask.
 *
 * @param requested       the sum of the requests of its pods (the pods resource counts them)
 * @param nonZeroRequested the same with the scheduler's stand-ins (100m CPU, 200Mi memory) for
 *                        containers that request nothing, used to spread pods when scoring
 */
public record NodeView(String name, Map<String, String> labels, List<Taint> taints, boolean unschedulable,
                       Resources allocatable, Resources requested, Resources nonZeroRequested) {

    public record Taint(String key, String value, String effect) {
    }

    public static NodeView of(JsonNode node, Resources requested, Resources nonZeroRequested) {
        List<Taint> taints = new ArrayList<>();
        for (JsonNode taint : node.path("spec").path("taints")) {
            taints.add(new Taint(taint.path("key").asText(""), taint.path("value").asText(""), taint.path("effect").asText("")));
        }
        return new NodeView(Json.name(node), Json.labels(node), List.copyOf(taints),
                node.path("spec").path("unschedulable").asBoolean(false), Resources.of(node.path("status").path("allocatable")),
                requested, nonZeroRequested);
    }

    public NodeView withRequested(Resources requested, Resources nonZeroRequested) {
        return new NodeView(name, labels, taints, unschedulable, allocatable, requested, nonZeroRequested);
    }
}
