package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Finding and setting elements of a list by key, exactly as kyaml's ElementMatcher and
 * ElementSetter do, quirks included (they decide which list elements survive a merge):
 * <ul>
 *   <li>setting drops every null or empty-map element of the list it edits;</li>
 *   <li>setting with an empty value matches any element that has the key at all;</li>
 *   <li>setting replaces every matching element, and appends when none matches;</li>
 *   <li>finding needs every key to be present with exactly that text.</li>
 * </ul>
 * A key of {@code ""} means "the element itself", for lists of scalars.
 */
final class ListElements {
    private ListElements() {
    }

    /** The first element whose {@code keys} have exactly {@code values} (kyaml's MatchElementList). */
    static JsonNode find(JsonNode list, List<String> keys, List<String> values) {
        if (list == null || !list.isArray()) {
            return null;
        }
        List<String> k = keys.isEmpty() ? List.of("") : keys;
        List<String> v = values.isEmpty() ? List.of("") : values;
        if (k.get(0).isEmpty()) {
            for (JsonNode element : list) {
                if (YamlNodes.text(element).equals(v.get(0))) {
                    return element;
                }
            }
            return null;
        }
        for (JsonNode element : list) {
            if (!element.isObject()) {
                continue;
            }
            if (k.size() != v.size()) {
                throw new IllegalStateException("length of keys must equal length of values");
            }
            boolean matches = true;
            for (int i = 0; i < k.size() && matches; i++) {
                JsonNode field = element.get(k.get(i));
                matches = field != null && YamlNodes.text(field).equals(v.get(i));
            }
            if (matches) {
                return element;
            }
        }
        return null;
    }

    /**
     * Replaces the elements matching {@code keys}/{@code values} with {@code element}, appending it
     * when none matches; with a null {@code element}, removes them (kyaml's ElementSetter).
     */
    static void set(ArrayNode list, JsonNode element, List<String> keys, List<String> values, String path) {
        List<String> k = keys.isEmpty() ? List.of("") : keys;
        boolean mappingSetter = !k.get(0).isEmpty() && !values.isEmpty() && !values.get(0).isEmpty();
        List<JsonNode> kept = new ArrayList<>();
        boolean matched = false;
        for (JsonNode existing : list) {
            if (YamlNodes.isEmptyMap(existing)) {
                continue;
            }
            if (!existing.isObject() && mappingSetter) {
                kept.add(existing);
                continue;
            }
            boolean found = true;
            JsonNode match = null;
            for (int j = 0; j < k.size(); j++) {
                // With fewer values than keys, kyaml keeps the previous key's result.
                if (j < values.size()) {
                    match = field(existing, k.get(j), values.get(j), path);
                }
                if (match == null) {
                    found = false;
                    break;
                }
            }
            if (!found) {
                if (!values.isEmpty()) {
                    kept.add(existing);
                }
                continue;
            }
            matched = true;
            if (element != null) {
                kept.add(element);
            }
        }
        list.removeAll();
        list.addAll(kept);
        if (!YamlNodes.isMissingOrNull(element) && !matched) {
            list.add(element);
        }
    }

    // kyaml's FieldMatcher with a string value: an empty value only asks for the key to be there.
    private static JsonNode field(JsonNode element, String key, String value, String path) {
        if (YamlNodes.isMissingOrNull(element)) {
            return null;
        }
        if (key.isEmpty()) {
            if (element.isContainerNode()) {
                throw YamlNodes.wrongKind(path, "ScalarNode", element);
            }
            return YamlNodes.value(element).equals(value) ? element : null;
        }
        if (!element.isObject()) {
            throw YamlNodes.wrongKind(path, "MappingNode", element);
        }
        JsonNode found = element.get(key);
        if (found == null || (!value.isEmpty() && !YamlNodes.text(found).equals(value))) {
            return null;
        }
        return found;
    }
}
