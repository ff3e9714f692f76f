package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Finds (and optionally creates) the fields a dotted replacement path names: {@code spec.replicas},
 * {@code spec.containers.[name=web].image}, {@code spec.tls.0.hosts}, {@code spec.ports.*.port}.
 */
final class PathMatcher {
    private PathMatcher() {
    }

    /**
     * All slots the path reaches.
     *
     * @param create what to create for a missing last field, or null to create nothing
     */
    static List<FieldPaths.Slot> match(ObjectNode root, String path, Supplier<JsonNode> create) {
        List<FieldPaths.Slot> found = new ArrayList<>();
        walk(FieldPaths.rootSlot(root), FieldLookup.split(path), 0, create, found);
        return found;
    }

    private static void walk(FieldPaths.Slot slot, List<String> path, int index, Supplier<JsonNode> create, List<FieldPaths.Slot> found) {
        if (index == path.size()) {
            found.add(slot);
            return;
        }
        JsonNode node = slot.get();
        String segment = path.get(index);
        boolean last = index == path.size() - 1;
        if (node instanceof ObjectNode map) {
            if (segment.equals("*")) {
                for (String name : List.copyOf(iterable(map))) {
                    walk(FieldPaths.fieldSlot(map, name), path, index + 1, create, found);
                }
                return;
            }
            String name = unbracket(segment);
            if (!map.has(name) || map.get(name).isNull()) {
                if (create == null) {
                    return;
                }
                map.set(name, last ? create.get() : containerFor(path.get(index + 1)));
            }
            walk(FieldPaths.fieldSlot(map, name), path, index + 1, create, found);
        } else if (node instanceof ArrayNode list) {
            if (segment.equals("*")) {
                for (int i = 0; i < list.size(); i++) {
                    walk(FieldPaths.elementSlot(list, i), path, index + 1, create, found);
                }
            } else if (segment.startsWith("[") && segment.contains("=")) {
                String inner = segment.substring(1, segment.length() - 1);
                String key = inner.substring(0, inner.indexOf('='));
                String value = inner.substring(inner.indexOf('=') + 1);
                boolean any = false;
                for (int i = 0; i < list.size(); i++) {
                    JsonNode item = list.get(i);
                    if (item.has(key) && Scalars.text(item.get(key)).equals(value)) {
                        any = true;
                        walk(FieldPaths.elementSlot(list, i), path, index + 1, create, found);
                    }
                }
                if (!any && create != null) {
                    ObjectNode element = list.addObject();
                    element.put(key, value);
                    walk(FieldPaths.elementSlot(list, list.size() - 1), path, index + 1, create, found);
                }
            } else if (unbracket(segment).chars().allMatch(Character::isDigit) && !unbracket(segment).isEmpty()) {
                int position = Integer.parseInt(unbracket(segment));
                if (position < list.size()) {
                    walk(FieldPaths.elementSlot(list, position), path, index + 1, create, found);
                } else if (create != null) {
                    throw new KustomizeException("index " + position + " specified but only " + list.size() + " elements found");
                }
            }
        }
    }

    private static JsonNode containerFor(String nextSegment) {
        boolean sequence = nextSegment.startsWith("[") || nextSegment.chars().allMatch(Character::isDigit);
        return sequence ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
    }

    private static String unbracket(String segment) {
        return segment.startsWith("[") && segment.endsWith("]") ? segment.substring(1, segment.length() - 1) : segment;
    }

    private static List<String> iterable(ObjectNode map) {
        List<String> names = new ArrayList<>();
        map.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
