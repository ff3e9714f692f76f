package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side apply's merge of an applied configuration into the live object: the configuration's
 * value wins wherever it says something; granular maps merge key by key; associative lists merge
 * element by element, keyed by their path step; atomic maps and lists and scalars are replaced.
 * Nothing is removed here (that is prune's job).
 */
final class Merge {
    private Merge() {
    }

    /** {@code live} with {@code config} merged in; neither is modified. */
    static JsonNode merge(TypeSchema type, JsonNode live, JsonNode config) {
        if (config == null) {
            return live == null ? null : live.deepCopy();
        }
        if (live == null) {
            return config.deepCopy();
        }
        TypeSchema.Shape left = FieldSets.shape(type, live);
        TypeSchema.Shape shape = FieldSets.shape(type, config);
        if (left != shape || shape == TypeSchema.Shape.SCALAR || type.atomic(shape) || bothEmpty(live, config)) {
            return config.deepCopy();
        }
        return shape == TypeSchema.Shape.MAP ? mergeMaps(type, (ObjectNode) live, (ObjectNode) config)
                : mergeLists(type, (ArrayNode) live, (ArrayNode) config);
    }

    private static boolean bothEmpty(JsonNode live, JsonNode config) {
        return (live.isNull() || live.isEmpty()) && (config.isNull() || config.isEmpty());
    }

    // Keys keep the live order; the configuration's new keys come after.
    private static ObjectNode mergeMaps(TypeSchema type, ObjectNode live, ObjectNode config) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        live.properties().forEach(e -> out.set(e.getKey(),
                merge(FieldSets.childType(type, e.getKey()), e.getValue(), config.get(e.getKey()))));
        config.properties().forEach(e -> {
            if (!live.has(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }

    /**
     * structured-merge-diff's order for merged lists: elements only the live list has stay where
     * they are; elements the configuration names come in the configuration's order, each shared
     * element at the place of the first of them the live list reaches.
     */
    private static ArrayNode mergeLists(TypeSchema type, ArrayNode live, ArrayNode config) {
        Map<PathElement, JsonNode> left = items(type, live);
        Map<PathElement, JsonNode> right = items(type, config);
        List<PathElement> leftOrder = new ArrayList<>(left.keySet());
        List<PathElement> rightOrder = new ArrayList<>(right.keySet());
        Deque<PathElement> shared = new ArrayDeque<>();
        rightOrder.stream().filter(left::containsKey).forEach(shared::add);
        TypeSchema elements = type.elements();
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        int l = 0;
        int r = 0;
        while (l < leftOrder.size() || r < rightOrder.size()) {
            if (l < leftOrder.size() && r < rightOrder.size()) {
                PathElement pe = leftOrder.get(l);
                if (pe.equals(rightOrder.get(r))) {
                    out.add(merge(elements, left.get(pe), right.get(pe)));
                    l++;
                    r++;
                    shared.remove(pe);
                    continue;
                }
                if (right.containsKey(pe) && !shared.isEmpty() && !shared.peekFirst().equals(pe)) {
                    l++; // a shared element, but not the one due now: it comes with the configuration's
                    continue;
                }
            }
            if (l < leftOrder.size() && !right.containsKey(leftOrder.get(l))) {
                PathElement pe = leftOrder.get(l);
                out.add(left.get(pe).deepCopy());
                l++;
                continue;
            }
            if (r < rightOrder.size()) {
                PathElement pe = rightOrder.get(r);
                out.add(merge(elements, left.get(pe), right.get(pe)));
                r++;
                shared.remove(pe);
            } else {
                l++;
            }
        }
        return out;
    }

    private static Map<PathElement, JsonNode> items(TypeSchema list, ArrayNode value) {
        Map<PathElement, JsonNode> items = new LinkedHashMap<>();
        for (int i = 0; i < value.size(); i++) {
            items.putIfAbsent(ListItems.lenient(list, i, value.get(i)), value.get(i));
        }
        return items;
    }
}
