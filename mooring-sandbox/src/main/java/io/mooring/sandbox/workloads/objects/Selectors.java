package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.LabelSelector;
import io.mooring.resource.LabelSelector.Operator;
import io.mooring.resource.LabelSelector.Requirement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** Label selectors and node selector terms in their object form, as workload specs carry them. */
public final class Selectors {
    /** A selector that matches nothing: what a missing selector means for a controller. */
    public static final LabelSelector NOTHING = new LabelSelector(List.of(new Requirement("", Operator.IN, Set.of())));

    private Selectors() {
    }

    /**
     * A {@code metav1.LabelSelector} ({@code matchLabels}, {@code matchExpressions}). An empty
     * selector matches everything; a missing one matches nothing, as in Kubernetes.
     */
    public static LabelSelector labelSelector(JsonNode selector) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        Json.strings(selector.path("matchLabels")).forEach((k, v) -> requirements.add(new Requirement(k, Operator.IN, Set.of(v))));
        for (JsonNode expression : selector.path("matchExpressions")) {
            Set<String> values = values(expression);
            Operator operator = switch (expression.path("operator").asText()) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.NOT_EXISTS;
                default -> null;
            };
            if (operator == null) {
                return NOTHING;
            }
            requirements.add(new Requirement(expression.path("key").asText(), operator, values));
        }
        return new LabelSelector(requirements);
    }

    public static boolean matches(JsonNode selector, Map<String, String> labels) {
        return labelSelector(selector).matches(labels);
    }

    /**
     * Whether a node satisfies a pod's {@code nodeSelector} and required node affinity (terms are
     * ORed, expressions within a term ANDed; {@code matchFields} knows {@code metadata.name}).
     */
    public static boolean nodeMatches(JsonNode podSpec, String nodeName, Map<String, String> nodeLabels) {
        return nodeMatches(Json.strings(podSpec.path("nodeSelector")), requiredNodeAffinity(podSpec), nodeName, nodeLabels);
    }

    /** The pod's required node affinity ({@code requiredDuringSchedulingIgnoredDuringExecution}), or a missing node. */
    public static JsonNode requiredNodeAffinity(JsonNode podSpec) {
        return podSpec.path("affinity").path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution");
    }

    /** {@link #nodeMatches(JsonNode, String, Map)} with the pod's selector and affinity already read. */
    public static boolean nodeMatches(Map<String, String> nodeSelector, JsonNode required, String nodeName, Map<String, String> nodeLabels) {
        for (Map.Entry<String, String> wanted : nodeSelector.entrySet()) {
            if (!wanted.getValue().equals(nodeLabels.get(wanted.getKey()))) {
                return false;
            }
        }
        if (required.isMissingNode() || required.isNull()) {
            return true;
        }
        for (JsonNode term : required.path("nodeSelectorTerms")) {
            if (termMatches(term, nodeName, nodeLabels)) {
                return true;
            }
        }
        return false;
    }

    private static boolean termMatches(JsonNode term, String nodeName, Map<String, String> nodeLabels) {
        if (term.path("matchExpressions").isEmpty() && term.path("matchFields").isEmpty()) {
            return false;
        }
        for (JsonNode expression : term.path("matchExpressions")) {
            String key = expression.path("key").asText();
            if (!nodeRequirement(expression, nodeLabels.get(key), nodeLabels.containsKey(key))) {
                return false;
            }
        }
        for (JsonNode field : term.path("matchFields")) {
            boolean known = field.path("key").asText().equals("metadata.name");
            if (!known || !nodeRequirement(field, nodeName, true)) {
                return false;
            }
        }
        return true;
    }

    private static boolean nodeRequirement(JsonNode expression, String value, boolean present) {
        Set<String> values = values(expression);
        return switch (expression.path("operator").asText()) {
            case "In" -> present && values.contains(value);
            case "NotIn" -> !present || !values.contains(value);
            case "Exists" -> present;
            case "DoesNotExist" -> !present;
            case "Gt", "Lt" -> present && compare(expression.path("operator").asText(), value, values);
            default -> false;
        };
    }

    private static boolean compare(String operator, String value, Set<String> values) {
        try {
            long actual = Long.parseLong(value);
            long bound = Long.parseLong(values.iterator().next());
            return operator.equals("Gt") ? actual > bound : actual < bound;
        } catch (NumberFormatException | NoSuchElementException e) {
            return false;
        }
    }

    private static Set<String> values(JsonNode expression) {
        Set<String> values = new LinkedHashSet<>();
        expression.path("values").forEach(v -> values.add(v.asText()));
        return values;
    }
}
