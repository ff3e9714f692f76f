package io.mooring.policy.match;

import io.mooring.policy.value.Wildcard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector as a rule writes it ({@code matchLabels}, {@code matchExpressions}),
 * with Kyverno's wildcards in {@code matchLabels}: a key or value with {@code *} or {@code ?} stands
 * for the first label of the object it matches.
 */
public record Selector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {
    private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

    public record Requirement(String key, String operator, List<String> values) {
    }

    public Selector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    /** Whether the labels satisfy the selector; an invalid selector matches nothing, as Kyverno reports it as a parse error. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> entry : resolveWildcards(labels).entrySet()) {
            if (!LABEL_VALUE.matcher(entry.getValue()).matches() || !entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (Requirement requirement : matchExpressions) {
            String value = labels.get(requirement.key());
            boolean holds = switch (requirement.operator()) {
                case "In" -> value != null && requirement.values().contains(value);
                case "NotIn" -> value == null || !requirement.values().contains(value);
                case "Exists" -> labels.containsKey(requirement.key());
                case "DoesNotExist" -> !labels.containsKey(requirement.key());
                default -> false;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private Map<String, String> resolveWildcards(Map<String, String> labels) {
        Map<String, String> resolved = new LinkedHashMap<>();
        matchLabels.forEach((key, value) -> {
            if (!Wildcard.contains(key) && !Wildcard.contains(value)) {
                resolved.put(key, value);
                return;
            }
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (Wildcard.match(key, label.getKey()) && Wildcard.match(value, label.getValue())) {
                    resolved.put(label.getKey(), label.getValue());
                    return;
                }
            }
            // No label fits: Kyverno replaces the wildcards with '0', which then matches nothing.
            resolved.put(key.replace('*', '0').replace('?', '0'), value.replace('*', '0').replace('?', '0'));
        });
        return resolved;
    }
}
