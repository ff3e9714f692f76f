package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A value without the fields and list elements of a set: a member of the set goes with everything
 * below it; a map or list left empty by the removal goes too (the API types drop empty maps and
 * lists as they decode the result).
 */
final class RemoveItems {
    private RemoveItems() {
    }

    /** {@code value} without the members of {@code set}; null when nothing is left of a map or list. */
    static JsonNode remove(TypeSchema type, JsonNode value, FieldSet set) {
        if (value == null || set.isEmpty()) {
            return value;
        }
        TypeSchema.Shape shape = FieldSets.shape(type, value);
        if (shape == TypeSchema.Shape.MAP && value.isObject() && !type.atomic(shape)) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(e -> {
                PathElement pe = new PathElement.Field(e.getKey());
                if (set.has(List.of(pe))) {
                    return;
                }
                FieldSet below = set.withPrefix(pe);
                JsonNode kept = below.isEmpty() ? e.getValue() : remove(FieldSets.childType(type, e.getKey()), e.getValue(), below);
                if (kept != null) {
                    out.set(e.getKey(), kept);
                }
            });
            return out.isEmpty() ? null : out;
        }
        if (shape == TypeSchema.Shape.LIST && value.isArray() && !type.atomic(shape)) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            TypeSchema elements = type.elements();
            for (int i = 0; i < value.size(); i++) {
                PathElement pe = ListItems.lenient(type, i, value.get(i));
                if (set.has(List.of(pe))) {
                    continue;
                }
                FieldSet below = set.withPrefix(pe);
                JsonNode kept = below.isEmpty() ? value.get(i) : remove(elements, value.get(i), below);
                if (kept != null) {
                    out.add(kept);
                }
            }
            return out.isEmpty() ? null : out;
        }
        return value;
    }
}
