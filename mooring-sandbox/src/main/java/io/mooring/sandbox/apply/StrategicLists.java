package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.GoText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The list half of strategic merge patch: merging by key ({@code $patch: delete} and
 * {@code replace} elements), sets of scalars ({@code $deleteFromPrimitiveList}), and the order
 * of the result ({@code $setElementOrder}), step for step as apimachinery does it, down to Go's
 * insertion sort, whose result the order depends on when an element is not in the order list.
 */
final class StrategicLists {
    private StrategicLists() {
    }

    /** Handles every {@code $setElementOrder/<field>} of {@code patch}, with the list it orders. */
    static void mergeOrderedLists(ObjectNode original, ObjectNode patch, TypeSchema type) {
        for (Map.Entry<String, JsonNode> e : new ArrayList<>(patch.properties())) {
            if (!e.getKey().startsWith(StrategicMerge.SET_ELEMENT_ORDER)) {
                continue;
            }
            patch.remove(e.getKey());
            if (!e.getValue().isArray()) {
                throw StrategicMerge.PatchError.internal("expected a []interface {}, but received a " + goType(e.getValue()));
            }
            List<JsonNode> order = list(e.getValue());
            String key = StrategicMerge.suffix(e.getKey(), StrategicMerge.SET_ELEMENT_ORDER, "invalid patch format of setElementOrder list");
            JsonNode originalList = original.get(key);
            JsonNode patchList = patch.get(key);
            for (JsonNode list : new JsonNode[] {originalList, patchList}) {
                if (list != null && !list.isArray()) {
                    throw StrategicMerge.PatchError.internal("expected a []interface {}, but received a " + goType(list));
                }
            }
            TypeSchema field = FieldSets.childType(type, key);
            String mergeKey = field.patchMergeKey();
            String strategy = StrategicMerge.strategy(field.patchStrategy());
            checkOrder(patchList == null ? List.of() : list(patchList), order, mergeKey);
            List<JsonNode> merged;
            if (originalList != null && patchList == null) {
                merged = list(originalList);
            } else if (originalList == null && patchList != null) {
                merged = list(StrategicMerge.withoutDirectives(patchList));
            } else if (originalList != null) {
                JsonNode result = strategy.equals("merge")
                        ? mergeList((ArrayNode) originalList, (ArrayNode) patchList, field, mergeKey, false) : patchList;
                merged = list(result);
            } else {
                continue;
            }
            List<JsonNode> inPatch = new ArrayList<>();
            List<JsonNode> serverOnly = new ArrayList<>();
            partition(merged, order, mergeKey, inPatch, serverOnly);
            boolean maps = elementsAreMaps(originalList, patchList);
            List<JsonNode> originalItems = originalList == null ? List.of() : list(originalList);
            original.set(key, array(normalizeOrder(inPatch, serverOnly, order, originalItems, mergeKey, maps)));
            patch.remove(key);
        }
    }

    /** A list of the original merged with the patch's list, for a field whose strategy is merge. */
    static JsonNode mergeList(ArrayNode original, ArrayNode patch, TypeSchema field, String mergeKey, boolean deleteList) {
        if (original.isEmpty() && patch.isEmpty()) {
            return original;
        }
        boolean maps = elementsAreMaps(original, patch);
        List<JsonNode> current = list(original);
        List<JsonNode> patchItems = list(patch);
        List<JsonNode> merged;
        if (!maps) {
            if (deleteList) {
                List<JsonNode> toDelete = patchItems;
                return array(current.stream().filter(v -> toDelete.stream().noneMatch(d -> Values.equal(d, v))).toList());
            }
            merged = new ArrayList<>();
            for (JsonNode item : concat(current, patchItems)) {
                if (merged.stream().noneMatch(m -> Values.equal(m, item))) {
                    merged.add(item);
                }
            }
        } else {
            if (mergeKey.isEmpty()) {
                throw StrategicMerge.PatchError.internal("cannot merge lists without merge key for " + field);
            }
            List<JsonNode> plain = new ArrayList<>();
            boolean replace = false;
            for (JsonNode item : patchItems) {
                JsonNode directive = item.get(StrategicMerge.DIRECTIVE);
                if (directive == null) {
                    plain.add(item);
                } else if (directive.asText().equals("delete") && directive.isTextual()) {
                    JsonNode value = item.get(mergeKey);
                    if (value == null) {
                        throw noMergeKey(item, mergeKey);
                    }
                    current.removeIf(c -> Values.equal(c.get(mergeKey), value));
                } else if (directive.asText().equals("replace") && directive.isTextual()) {
                    replace = true;
                } else if (directive.asText().equals("merge") && directive.isTextual()) {
                    throw StrategicMerge.PatchError.internal("merging lists cannot yet be specified in the patch");
                } else {
                    throw StrategicMerge.PatchError.internal("unknown patch type: " + GoText.value(directive) + " in map: "
                            + GoText.value(item));
                }
            }
            if (replace) {
                current = plain;
                plain = List.of();
            }
            patchItems = plain;
            merged = new ArrayList<>(current);
            TypeSchema elements = field.elements();
            for (JsonNode item : plain) {
                JsonNode value = item.get(mergeKey);
                if (value == null) {
                    throw noMergeKey(item, mergeKey);
                }
                int at = indexOfKey(merged, mergeKey, value);
                if (at >= 0) {
                    merged.set(at, StrategicMerge.mergeMap((ObjectNode) merged.get(at), (ObjectNode) item, elements));
                } else {
                    merged.add(item);
                }
            }
        }
        List<JsonNode> inPatch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        partition(merged, patchItems, maps ? mergeKey : "", inPatch, serverOnly);
        return array(normalizeOrder(inPatch, serverOnly, patchItems, current, maps ? mergeKey : "", maps));
    }

    // validatePatchWithSetOrderList: the patch's elements must come in the order list's order.
    private static void checkOrder(List<JsonNode> patchList, List<JsonNode> order, String mergeKey) {
        if (order.isEmpty() || patchList.isEmpty()) {
            return;
        }
        List<JsonNode> items = mergeKey.isEmpty() ? patchList
                : patchList.stream().filter(i -> !isDelete(i)).toList();
        int p = 0;
        int s = 0;
        while (p < items.size() && s < order.size()) {
            if (items.get(p).isObject() && items.get(p).has(StrategicMerge.DIRECTIVE)) {
                p++;
                continue;
            }
            if (sameKey(items.get(p), order.get(s), mergeKey)) {
                p++;
            }
            s++;
        }
        if (p < items.size() && s >= order.size()) {
            throw StrategicMerge.PatchError.internal("the order in patch list:\n" + GoText.value(array(patchList)) + "\n doesn't match "
                    + StrategicMerge.SET_ELEMENT_ORDER + " list:\n" + GoText.value(array(order)));
        }
    }

    private static boolean isDelete(JsonNode item) {
        if (!item.isObject()) {
            throw StrategicMerge.PatchError.internal("expected a map[string]interface {}, but received a " + goType(item));
        }
        JsonNode directive = item.get(StrategicMerge.DIRECTIVE);
        return directive != null && directive.asText().equals("delete");
    }

    private static boolean sameKey(JsonNode left, JsonNode right, String mergeKey) {
        if (mergeKey.isEmpty()) {
            return Values.equal(left, right);
        }
        if (!left.isObject() || !right.isObject()) {
            throw StrategicMerge.PatchError.internal("expected a map[string]interface {}, but received a " + goType(left.isObject() ? right : left));
        }
        if (!left.has(mergeKey)) {
            throw noMergeKey(left, mergeKey);
        }
        if (!right.has(mergeKey)) {
            throw noMergeKey(right, mergeKey);
        }
        return Values.equal(left.get(mergeKey), right.get(mergeKey));
    }

    private static void partition(List<JsonNode> merged, List<JsonNode> by, String mergeKey, List<JsonNode> in, List<JsonNode> out) {
        for (JsonNode item : merged) {
            if (!mergeKey.isEmpty() && !item.has(mergeKey)) {
                throw noMergeKey(item, mergeKey);
            }
            (index(by, item, mergeKey) >= 0 ? in : out).add(item);
        }
    }

    /**
     * normalizeElementOrder: the patch's elements sorted by {@code patchOrder}, the server's own
     * by their live order, then the two interleaved by the live order.
     */
    private static List<JsonNode> normalizeOrder(List<JsonNode> patchItems, List<JsonNode> serverOnly, List<JsonNode> patchOrder,
                                                 List<JsonNode> serverOrder, String mergeKey, boolean maps) {
        List<JsonNode> left = sortBy(serverOnly, serverOrder, mergeKey, maps);
        List<JsonNode> right = sortBy(patchItems, patchOrder, mergeKey, maps);
        List<JsonNode> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (i >= left.size()) {
                out.add(right.get(j++));
            } else if (j >= right.size()) {
                out.add(left.get(i++));
            } else {
                int li = index(serverOrder, left.get(i), mergeKey);
                int ri = index(serverOrder, right.get(j), mergeKey);
                out.add(li >= 0 && ri >= 0 && li < ri ? left.get(i++) : right.get(j++));
            }
        }
        return out;
    }

    // normalizeSliceOrder: Go's stable insertion sort with apimachinery's comparison (an element
    // not in the order list sorts before anything), deletions moved to the end.
    private static List<JsonNode> sortBy(List<JsonNode> items, List<JsonNode> order, String mergeKey, boolean maps) {
        List<JsonNode> sorted = new ArrayList<>();
        List<JsonNode> deletions = new ArrayList<>();
        for (JsonNode item : items) {
            if (maps && isDelete(item)) {
                deletions.add(item);
            } else {
                sorted.add(item);
            }
        }
        for (int i = 1; i < sorted.size(); i++) {
            for (int j = i; j > 0 && before(sorted.get(j), sorted.get(j - 1), order, mergeKey); j--) {
                sorted.set(j, sorted.set(j - 1, sorted.get(j)));
            }
        }
        sorted.addAll(deletions);
        return sorted;
    }

    private static boolean before(JsonNode a, JsonNode b, List<JsonNode> order, String mergeKey) {
        int ia = index(order, a, mergeKey);
        int ib = index(order, b, mergeKey);
        return ia < 0 || ib < 0 || ia < ib;
    }

    private static int index(List<JsonNode> list, JsonNode item, String mergeKey) {
        JsonNode wanted = mergeKey.isEmpty() ? item : item.get(mergeKey);
        for (int i = 0; i < list.size(); i++) {
            JsonNode candidate = mergeKey.isEmpty() ? list.get(i) : list.get(i).get(mergeKey);
            if (wanted == null ? candidate == null : Values.equal(wanted, candidate)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfKey(List<JsonNode> items, String mergeKey, JsonNode value) {
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isObject()) {
                throw StrategicMerge.PatchError.internal("value for key " + i + " is not a map");
            }
            if (Values.equal(items.get(i).get(mergeKey), value)) {
                return i;
            }
        }
        return -1;
    }

    // sliceElementType: elements must all be maps or all scalars; lists of lists are refused.
    private static boolean elementsAreMaps(JsonNode... lists) {
        Integer kind = null;
        for (JsonNode list : lists) {
            if (list == null) {
                continue;
            }
            for (JsonNode item : list) {
                if (item.isArray()) {
                    throw new StrategicMerge.PatchError(422, "lists of lists are not supported");
                }
                int k = StrategicMerge.kind(item);
                if (kind != null && kind != k) {
                    throw StrategicMerge.PatchError.internal("list element types are not identical: " + GoText.value(array(List.of(lists))));
                }
                kind = k;
            }
        }
        return kind != null && kind == 0;
    }

    private static StrategicMerge.PatchError noMergeKey(JsonNode item, String mergeKey) {
        return StrategicMerge.PatchError.internal("map: " + GoText.value(item) + " does not contain declared merge key: " + mergeKey);
    }

    private static String goType(JsonNode value) {
        return value.isObject() ? "map[string]interface {}" : value.isArray() ? "[]interface {}" : value.isTextual() ? "string"
                : value.isBoolean() ? "bool" : value.isNull() ? "<nil>" : "int64";
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static ArrayNode array(List<JsonNode> items) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        items.forEach(out::add);
        return out;
    }
}
