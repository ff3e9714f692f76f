package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code scale} subresource: an {@code autoscaling/v1 Scale} view of a workload's replicas,
 * which {@code kubectl scale} and autoscalers read and write instead of the whole object.
 */
final class Scales {
    private Scales() {
    }

    /** The Scale of a Deployment, ReplicaSet, StatefulSet or ReplicationController. */
    static ObjectNode of(JsonNode object) {
        ObjectNode scale = JsonNodeFactory.instance.objectNode();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        JsonNode source = object.path("metadata");
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (source.has(field)) {
                metadata.set(field, source.get(field));
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asLong(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.path("status").path("replicas").asLong(0));
        String selector = selector(object.path("spec").path("selector"));
        if (!selector.isEmpty()) {
            status.put("selector", selector);
        }
        return scale;
    }

    /** {@code object} with the replicas a written Scale asks for. */
    static ObjectNode applyTo(ObjectNode object, JsonNode scale) {
        ObjectNode result = object.deepCopy();
        JsonNode replicas = scale.path("spec").path("replicas");
        result.withObjectProperty("spec").put("replicas", replicas.isMissingNode() || replicas.isNull() ? 0 : replicas.asLong());
        return result;
    }

    /** A label selector in its text form, as Scale's status.selector carries it ({@code app=web,tier in (a,b)}). */
    static String selector(JsonNode selector) {
        List<String> terms = new ArrayList<>();
        JsonNode matchLabels = selector.has("matchLabels") || selector.has("matchExpressions") ? selector.path("matchLabels") : selector;
        Map<String, String> sorted = new TreeMap<>();
        matchLabels.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
        sorted.forEach((key, value) -> terms.add(key + "=" + value));
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            terms.add(switch (expression.path("operator").asText()) {
                case "In" -> key + " in (" + String.join(",", values) + ")";
                case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
                case "Exists" -> key;
                case "DoesNotExist" -> "!" + key;
                default -> key + " " + expression.path("operator").asText();
            });
        }
        return String.join(",", terms);
    }
}
