package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.ManifestException;

import java.util.List;

/**
 * A strategic-merge {@code $patch} directive, read the way kyaml's merge2 reads it: on a map as a
 * {@code $patch} key, on a list as an element that holds nothing but {@code $patch}. Reading a
 * directive removes it from the patch, so it never reaches the output.
 */
enum SmpDirective {
    MERGE, REPLACE, DELETE, UNKNOWN;

    static final String KEY = "$patch";

    /**
     * The directive of {@code patch} (null means merge), removed from it. An unknown directive is an
     * error when {@code strict}, else {@link #UNKNOWN} (kyaml ignores it where a field is added).
     */
    static SmpDirective take(JsonNode patch, boolean strict, String path) {
        if (patch == null) {
            return MERGE;
        }
        if (patch instanceof ObjectNode map) {
            JsonNode value = map.get(KEY);
            if (value == null) {
                return MERGE;
            }
            SmpDirective directive = named(YamlNodes.text(value));
            if (directive != UNKNOWN) {
                map.remove(KEY);
                return directive;
            }
            return unknown(strict, "unknown patch strategy '" + YamlNodes.text(value) + "'", path);
        }
        if (patch instanceof ArrayNode list) {
            return takeFromList(list, strict, path);
        }
        return unknown(strict, "no implemented strategic merge patch strategy for '" + patch.getNodeType() + "' ('" + YamlNodes.text(patch) + "')", path);
    }

    // Only an element made of the $patch key alone is a directive for the whole list; an element
    // with other fields carries a directive for itself.
    private static SmpDirective takeFromList(ArrayNode list, boolean strict, String path) {
        JsonNode holder = null;
        for (JsonNode element : list) {
            if (element.isObject() && element.has(KEY)) {
                holder = element;
                break;
            }
        }
        if (holder == null || holder.size() > 1) {
            return MERGE;
        }
        String value = YamlNodes.text(holder.get(KEY));
        SmpDirective directive = named(value);
        if (directive == UNKNOWN) {
            return unknown(strict, "unknown patch strategy '" + value + "'", path);
        }
        ListElements.set(list, null, List.of(KEY), List.of(value), path);
        return directive;
    }

    private static SmpDirective named(String value) {
        return switch (value) {
            case "merge" -> MERGE;
            case "replace" -> REPLACE;
            case "delete" -> DELETE;
            default -> UNKNOWN;
        };
    }

    private static SmpDirective unknown(boolean strict, String problem, String path) {
        if (strict) {
            throw new ManifestException(null, 0, problem + (path.isEmpty() ? "" : " at " + path),
                    "use $patch: merge, replace or delete");
        }
        return UNKNOWN;
    }
}
