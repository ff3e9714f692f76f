package io.mooring.sandbox.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.LabelSelector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The API's structured label selector ({@code matchLabels}, {@code matchExpressions}) as a {@link LabelSelector}. */
public final class Selectors {
    private Selectors() {
    }

    /**
     * The selector, or empty when there is none (a missing selector selects nothing, where an
     * empty one selects everything).
     *
     * @throws IllegalArgumentException for an operator the API does not know
     */
    public static Optional<LabelSelector> of(JsonNode selector) {
        if (selector == null || selector.isNull() || !selector.isObject()) {
            return Optional.empty();
        }
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        Nodes.stringMap(selector, "matchLabels").forEach((key, value) ->
                requirements.add(new LabelSelector.Requirement(key, LabelSelector.Operator.EQUALS, java.util.Set.of(value))));
        for (ObjectNode expression : Nodes.objects(selector, "matchExpressions")) {
            LabelSelector.Operator operator = switch (expression.path("operator").asText("")) {
                case "In" -> LabelSelector.Operator.IN;
                case "NotIn" -> LabelSelector.Operator.NOT_IN;
                case "Exists" -> LabelSelector.Operator.EXISTS;
                case "DoesNotExist" -> LabelSelector.Operator.NOT_EXISTS;
                default -> throw new IllegalArgumentException("\"" + expression.path("operator").asText("") + "\" is not a valid label selector operator");
            };
            requirements.add(new LabelSelector.Requirement(expression.path("key").asText(""), operator,
                    new LinkedHashSet<>(Nodes.strings(expression, "values"))));
        }
        return Optional.of(new LabelSelector(requirements));
    }

    /** A plain map selector (a Service's, a ReplicationController's); empty when there is none. */
    public static boolean matchesMap(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** True when the selector has neither labels nor expressions (it would select everything). */
    public static boolean isEmpty(JsonNode selector) {
        return Nodes.empty(selector, "matchLabels") && Nodes.empty(selector, "matchExpressions");
    }

    /** The selector as Go's JSON encoding of a LabelSelector prints it in error messages: sorted labels, then expressions. */
    public static ObjectNode canonical(JsonNode selector) {
        ObjectNode result = Nodes.JSON.objectNode();
        Map<String, String> labels = Nodes.stringMap(selector, "matchLabels");
        if (!labels.isEmpty()) {
            result.set("matchLabels", Nodes.toObject(labels));
        }
        if (!Nodes.empty(selector, "matchExpressions")) {
            ArrayNode expressions = result.putArray("matchExpressions");
            for (ObjectNode expression : Nodes.objects(selector, "matchExpressions")) {
                ObjectNode e = expressions.addObject();
                e.put("key", expression.path("key").asText(""));
                e.put("operator", expression.path("operator").asText(""));
                if (!Nodes.empty(expression, "values")) {
                    e.set("values", expression.get("values").deepCopy());
                }
            }
        }
        return result;
    }
}
