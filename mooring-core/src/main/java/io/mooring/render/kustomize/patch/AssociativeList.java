package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlScalars;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Merging a list whose schema says {@code x-kubernetes-patch-strategy: merge}, as kyaml's walker
 * does for kustomize's strategic merge (which asks for new elements to be prepended):
 * <ol>
 *   <li>The elements' merge-key values are collected from the patch first, then from the
 *       resource, without repeats. With several merge keys (ports: containerPort and protocol),
 *       key tuples that agree wherever both have a value are unified, so a port without protocol
 *       matches the same port with one.</li>
 *   <li>For each key tuple, the resource's and the patch's elements are merged like maps; an
 *       element that comes out null or empty ({@code $patch: delete}) is removed from the
 *       resource's list.</li>
 *   <li>The result lists the merged elements in that order (patch order first, then elements only
 *       in the resource), then each of the resource's elements is set into it by its key: a
 *       resource element replaces the element with its key, keeping its place, except with several
 *       merge keys, where it is moved to the end. So an element the patch names moves to the front
 *       unless the list has several merge keys.</li>
 * </ol>
 * Lists of scalars with a merge strategy ({@code finalizers}) merge the same way by value.
 */
final class AssociativeList {
    private static final List<String> SCALAR_KEY = List.of("");

    private final MergeWalker walker;

    AssociativeList(MergeWalker walker) {
        this.walker = walker;
    }

    JsonNode merge(JsonNode dest, JsonNode origin, FieldSchema schema, String path) {
        JsonNode target = visit(dest, origin, path);
        if (target == null) {
            return null;
        }
        List<String> keys = schema.mergeKeys();
        List<List<String>> values = keyValues(target, origin, keys);
        if (!values.isEmpty() || !keys.isEmpty()) {
            return setElements(values, keys, (ArrayNode) target, origin, schema, path);
        }
        return setElements(scalarValues(target, origin), SCALAR_KEY, (ArrayNode) target, origin, schema, path);
    }

    // merge2's VisitList for associative lists: a new list is taken as is (its elements are still
    // merged with themselves below), null clears, and the list's own directive applies.
    private static JsonNode visit(JsonNode dest, JsonNode origin, String path) {
        if (YamlNodes.isMissingOrNull(dest)) {
            return origin;
        }
        if (origin != null && origin.isNull()) {
            return null;
        }
        return switch (SmpDirective.take(origin, true, path)) {
            case DELETE -> null;
            case REPLACE -> origin;
            default -> dest;
        };
    }

    private JsonNode setElements(List<List<String>> valuesList, List<String> keys, ArrayNode dest, JsonNode origin,
                                 FieldSchema schema, String path) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        FieldSchema elementSchema = schema.elements().orElse(null);
        if (keys.size() > 1) {
            unify(valuesList);
        }
        List<String> validKeys = null;
        for (List<String> values : valuesList) {
            if (values.isEmpty()) {
                continue;
            }
            Keyed valid = validate(valuesList, values, keys);
            validKeys = valid.keys();
            Keyed lookup = validate(List.of(valid.values()), valid.values(), valid.keys());
            String elementPath = path + "[" + String.join(",", valid.values()) + "]";
            JsonNode merged = walker.walk(ListElements.find(dest, lookup.keys(), lookup.values()),
                    ListElements.find(origin, lookup.keys(), lookup.values()), elementSchema, elementPath);
            boolean removed = false;
            for (int i = 0; i < valid.keys().size(); i++) {
                String key = valid.keys().get(i);
                if (YamlNodes.isEmptyMap(merged)) {
                    ListElements.set(dest, null, valid.keys(), valid.values(), path);
                    removed = true;
                } else if (!key.isEmpty() && !valid.values().get(i).isEmpty() && !hasField(merged, key, elementPath)) {
                    // The merged element always carries its key (kyaml sets it as a plain scalar).
                    ((ObjectNode) merged).set(key, YamlScalars.plain(valid.values().get(i)));
                }
            }
            if (!removed) {
                ListElements.set(items, merged, valid.keys(), valid.values(), path);
            }
        }
        JsonNode result = valuesList.isEmpty() ? dest : putResourceElements(items, dest, validKeys, path);
        return YamlNodes.isMissingOrNull(result) ? null : result;
    }

    private static boolean hasField(JsonNode element, String key, String path) {
        if (!element.isObject()) {
            throw YamlNodes.wrongKind(path, "MappingNode", element);
        }
        return element.has(key);
    }

    // kyaml's appendListNode(items, dest): sets each resource element into the merged list by key.
    // An element without the (first) key is appended as is, and kyaml then matches it on the keys
    // it did find, which can drop other elements; this is reproduced, not fixed.
    private static ArrayNode putResourceElements(ArrayNode items, ArrayNode dest, List<String> keys, String path) {
        for (JsonNode element : List.copyOf(toList(dest))) {
            if (keys.get(0).isEmpty()) {
                ListElements.set(items, element, SCALAR_KEY, List.of(YamlNodes.text(element)), path);
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String key : keys) {
                JsonNode value = keyValue(element, key, path);
                if (value == null) {
                    items.add(element);
                    continue;
                }
                values.add(YamlNodes.text(value));
            }
            if (keys.size() > 1) {
                ListElements.set(items, null, keys, values, path);
            }
            ListElements.set(items, element, keys, values, path);
        }
        return items;
    }

    private static JsonNode keyValue(JsonNode element, String key, String path) {
        if (YamlNodes.isMissingOrNull(element)) {
            return null;
        }
        if (!element.isObject()) {
            throw YamlNodes.wrongKind(path, "MappingNode", element);
        }
        return element.get(key);
    }

    // The key values of every element, patch first (kustomize prepends what patches add).
    private static List<List<String>> keyValues(JsonNode dest, JsonNode origin, List<String> keys) {
        Set<List<String>> seen = new LinkedHashSet<>();
        for (JsonNode source : new JsonNode[] {origin, dest}) {
            if (source == null || !source.isArray()) {
                continue;
            }
            for (JsonNode element : source) {
                List<String> values = new ArrayList<>();
                for (String key : keys) {
                    JsonNode field = element.isObject() ? element.get(key) : null;
                    values.add(YamlNodes.isNilOrEmpty(field) ? "" : YamlNodes.text(field));
                }
                if (!values.isEmpty()) {
                    seen.add(values);
                }
            }
        }
        return new ArrayList<>(seen);
    }

    private static List<List<String>> scalarValues(JsonNode dest, JsonNode origin) {
        Set<List<String>> seen = new LinkedHashSet<>();
        for (JsonNode source : new JsonNode[] {origin, dest}) {
            if (source != null && source.isArray()) {
                source.forEach(item -> seen.add(List.of(YamlNodes.text(item))));
            }
        }
        return new ArrayList<>(seen);
    }

    /** Merge keys with their values. */
    private record Keyed(List<String> keys, List<String> values) {
    }

    // kyaml's validateKeys: keep the keys that some element has a value for; without any, all.
    private static Keyed validate(List<List<String>> valuesList, List<String> values, List<String> keys) {
        Set<String> present = new LinkedHashSet<>();
        for (List<String> each : valuesList) {
            for (int i = 0; i < each.size(); i++) {
                if (!each.get(i).isEmpty()) {
                    present.add(keys.get(i));
                }
            }
        }
        if (present.isEmpty()) {
            return new Keyed(keys, values);
        }
        List<String> validKeys = keys.stream().filter(present::contains).toList();
        List<String> validValues = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isEmpty() || present.contains(keys.get(i))) {
                validValues.add(values.get(i));
            }
        }
        return new Keyed(validKeys, validValues);
    }

    // kyaml's mergeValues: tuples that share a value and differ only where one is empty become one.
    private static void unify(List<List<String>> valuesList) {
        for (int i = 0; i < valuesList.size(); i++) {
            List<String> first = valuesList.get(i);
            for (int j = 0; j < valuesList.size(); j++) {
                List<String> merged = unified(first, valuesList.get(j));
                if (merged != null) {
                    valuesList.set(i, merged);
                    valuesList.set(j, merged);
                }
            }
        }
    }

    private static List<String> unified(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return null;
        }
        boolean common = false;
        List<String> result = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals(b.get(i))) {
                common = true;
                result.add(a.get(i));
            } else if (!a.get(i).isEmpty() && !b.get(i).isEmpty()) {
                return null;
            } else {
                result.add(a.get(i).isEmpty() ? b.get(i) : a.get(i));
            }
        }
        return common ? result : null;
    }

    private static List<JsonNode> toList(ArrayNode list) {
        List<JsonNode> result = new ArrayList<>();
        list.forEach(result::add);
        return result;
    }
}
