package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.LabelSelector;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A label selector (parsed and checked by {@link LabelSelector}, which words its errors as the
 * API server does) matched against objects' {@code metadata.labels} directly, without building a
 * map per object: lists and watches test every object of a kind.
 */
final class LabelMatcher {
    private LabelMatcher() {
    }

    static Predicate<JsonNode> of(LabelSelector selector) {
        List<LabelSelector.Requirement> requirements = selector.requirements();
        if (requirements.isEmpty()) {
            return o -> true;
        }
        return object -> {
            JsonNode labels = object.path("metadata").path("labels");
            for (LabelSelector.Requirement requirement : requirements) {
                JsonNode value = labels.get(requirement.key());
                String text = value == null || value.isNull() ? null : value.asText();
                boolean matches = switch (requirement.operator()) {
                    case EXISTS -> text != null;
                    case NOT_EXISTS -> text == null;
                    case EQUALS, IN -> text != null && requirement.values().contains(text);
                    case NOT_EQUALS, NOT_IN -> text == null || !requirement.values().contains(text);
                    case GREATER_THAN, LESS_THAN -> text != null && requirement.matches(Map.of(requirement.key(), text));
                };
                if (!matches) {
                    return false;
                }
            }
            return true;
        };
    }
}
