package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.GoText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server's strict decoder says of an object: fields its type does not declare
 * ({@code unknown field "spec.replicass"}) and fields the request gave twice
 * ({@code duplicate field "spec.paused"}), in document order, with paths as the decoder writes
 * them ({@code spec.template.spec.containers[0].name}). A field both unknown and repeated counts
 * as unknown only. Unknown fields and null values are removed, as decoding into the API types
 * (or pruning a custom resource by its structural schema) drops them whatever the validation
 * directive.
 */
final class StrictDecoding {
    private StrictDecoding() {
    }

    /**
     * @param duplicates paths of the fields the request body repeated, in the decoder's notation
     * @return the problems, each worded as the decoder words it
     */
    static List<String> check(TypeSchema type, ObjectNode object, Set<String> duplicates) {
        List<String> problems = new ArrayList<>();
        walk(type, object, "", duplicates, problems);
        return problems;
    }

    /** Removes the null values of maps, all the way down: what the API types decode them to is absence. */
    static void dropNulls(JsonNode value) {
        if (value instanceof ObjectNode map) {
            List<String> nulls = new ArrayList<>();
            map.properties().forEach(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                }
            });
            map.remove(nulls);
            map.forEach(StrictDecoding::dropNulls);
        } else if (value != null && value.isArray()) {
            value.forEach(StrictDecoding::dropNulls);
        }
    }

    private static void walk(TypeSchema type, JsonNode value, String path, Set<String> duplicates, List<String> out) {
        TypeSchema.Shape shape = FieldSets.shape(type, value);
        if (shape == TypeSchema.Shape.MAP && value.isObject()) {
            ObjectNode map = (ObjectNode) value;
            for (Map.Entry<String, JsonNode> e : new ArrayList<>(map.properties())) {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isNull()) {
                    map.remove(e.getKey());
                }
                TypeSchema field = type.field(e.getKey());
                if (field == null) {
                    out.add("unknown field " + GoText.quote(child));
                    map.remove(e.getKey());
                    continue;
                }
                if (duplicates.contains(child)) {
                    out.add("duplicate field " + GoText.quote(child));
                }
                if (!e.getValue().isNull()) {
                    walk(field, e.getValue(), child, duplicates, out);
                }
            }
        } else if (shape == TypeSchema.Shape.LIST && value.isArray()) {
            TypeSchema elements = type.elements();
            for (int i = 0; i < value.size(); i++) {
                walk(elements, value.get(i), path + "[" + i + "]", duplicates, out);
            }
        }
    }
}
