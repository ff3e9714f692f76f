package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.LabelSelector;
import io.mooring.sandbox.store.ApiException;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A label selector checked as the apiserver checks it (keys are qualified names, values are label
 * values, else 400) and matched against objects' {@code metadata.labels} directly, without
 * building a map per object: lists and watches test every object of a kind.
 */
final class LabelMatcher {
    private static final Pattern VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private LabelMatcher() {
    }

    static Predicate<JsonNode> of(LabelSelector selector) {
        List<LabelSelector.Requirement> requirements = selector.requirements();
        for (LabelSelector.Requirement requirement : requirements) {
            check(requirement);
        }
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
                };
                if (!matches) {
                    return false;
                }
            }
            return true;
        };
    }

    private static void check(LabelSelector.Requirement requirement) {
        String key = requirement.key();
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean keyValid = !name.isEmpty() && name.length() <= 63 && NAME.matcher(name).matches()
                && (slash < 0 || slash <= 253 && PREFIX.matcher(key.substring(0, slash)).matches());
        if (!keyValid) {
            throw ApiException.badRequest("unable to parse requirement: key: Invalid value: \"" + key + "\": name part must consist of "
                    + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
        }
        int index = 0;
        for (String value : requirement.values()) {
            if (value.length() > 63 || !VALUE.matcher(value).matches()) {
                throw ApiException.badRequest("unable to parse requirement: values[" + index + "][" + key + "]: Invalid value: \"" + value
                        + "\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
                        + "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
                        + "validation is '" + VALUE.pattern() + "')");
            }
            index++;
        }
    }
}
