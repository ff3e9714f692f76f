package io.mooring.sandbox.cluster.namespaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.Nodes;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The five conditions a terminating namespace reports, as the namespace controller words them. */
final class NamespaceConditions {
    private NamespaceConditions() {
    }

    /**
     * Sets the conditions for what remains; keeps each condition's transition time when it did
     * not change.
     *
     * @return whether anything changed
     */
    static boolean apply(ObjectNode status, Map<String, Integer> remaining, Map<String, Integer> finalizers, String now) {
        List<ObjectNode> wanted = List.of(
                condition("NamespaceDeletionDiscoveryFailure", false, "ResourcesDiscovered", "All resources successfully discovered"),
                condition("NamespaceDeletionGroupVersionParsingFailure", false, "ParsedGroupVersions",
                        "All legacy kube types successfully parsed"),
                condition("NamespaceDeletionContentFailure", false, "ContentDeleted",
                        "All content successfully deleted, may be waiting on finalization"),
                remaining.isEmpty()
                        ? condition("NamespaceContentRemaining", false, "ContentRemoved", "All content successfully removed")
                        : condition("NamespaceContentRemaining", true, "SomeResourcesRemain", "Some resources are remaining: "
                        + remaining.entrySet().stream().map(e -> e.getKey() + " has " + e.getValue() + " resource instances")
                        .sorted().collect(Collectors.joining(", "))),
                finalizers.isEmpty()
                        ? condition("NamespaceFinalizersRemaining", false, "ContentHasNoFinalizers", "All content-preserving finalizers finished")
                        : condition("NamespaceFinalizersRemaining", true, "SomeFinalizersRemain",
                        "Some content in the namespace has finalizers remaining: " + finalizers.entrySet().stream()
                                .map(e -> e.getKey() + " in " + e.getValue() + " resource instances").sorted().collect(Collectors.joining(", "))));
        ArrayNode current = status.path("conditions").isArray() ? (ArrayNode) status.get("conditions") : Nodes.JSON.arrayNode();
        ArrayNode next = Nodes.JSON.arrayNode();
        boolean changed = false;
        for (ObjectNode condition : wanted) {
            JsonNode previous = find(current, condition.path("type").asText());
            boolean same = previous != null && previous.path("status").equals(condition.path("status"))
                    && previous.path("reason").equals(condition.path("reason")) && previous.path("message").equals(condition.path("message"));
            condition.put("lastTransitionTime", same ? previous.path("lastTransitionTime").asText(now) : now);
            changed |= !same;
            next.add(condition);
        }
        if (changed) {
            status.set("conditions", next);
        }
        return changed;
    }

    private static JsonNode find(ArrayNode conditions, String type) {
        for (JsonNode condition : conditions) {
            if (condition.path("type").asText().equals(type)) {
                return condition;
            }
        }
        return null;
    }

    private static ObjectNode condition(String type, boolean status, String reason, String message) {
        ObjectNode condition = Nodes.JSON.objectNode();
        condition.put("message", message);
        condition.put("reason", reason);
        condition.put("status", status ? "True" : "False");
        condition.put("type", type);
        return condition;
    }
}
