package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed from one value to another, as field sets: fields the new value added, modified
 * or removed. Leaves are compared by value; a map or list that appears or disappears as a whole
 * is itself added or removed, besides its contents.
 *
 * @param added    paths present only in the new value
 * @param modified leaves present in both with different values
 * @param removed  paths present only in the old value
 */
record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

    static Comparison of(TypeSchema type, JsonNode before, JsonNode after) {
        Walker walker = new Walker();
        walker.walk(type, before, after, new ArrayList<>());
        return new Comparison(walker.added.build(), walker.modified.build(), walker.removed.build());
    }

    boolean isSame() {
        return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }

    /** The comparison without the fields of {@code ignored} (and everything below them). */
    Comparison excluding(FieldSet ignored) {
        return new Comparison(added.recursiveDifference(ignored), modified.recursiveDifference(ignored),
                removed.recursiveDifference(ignored));
    }

    private static final class Walker {
        final FieldSet.Builder added = new FieldSet.Builder();
        final FieldSet.Builder modified = new FieldSet.Builder();
        final FieldSet.Builder removed = new FieldSet.Builder();

        void walk(TypeSchema type, JsonNode lhs, JsonNode rhs, List<PathElement> path) {
            TypeSchema.Shape shape = shape(type, lhs, rhs);
            boolean leaf = switch (shape) {
                case MAP, LIST -> type.atomic(shape) || isEmpty(lhs) && isEmpty(rhs);
                default -> true;
            };
            if (leaf) {
                if (lhs == null) {
                    added.insert(path);
                } else if (rhs == null) {
                    removed.insert(path);
                } else if (!Values.equal(lhs, rhs)) {
                    modified.insert(path);
                }
                return;
            }
            if (shape == TypeSchema.Shape.MAP) {
                Set<String> keys = new LinkedHashSet<>();
                if (lhs != null && lhs.isObject()) {
                    lhs.fieldNames().forEachRemaining(keys::add);
                }
                if (rhs != null && rhs.isObject()) {
                    rhs.fieldNames().forEachRemaining(keys::add);
                }
                for (String key : keys) {
                    path.add(new PathElement.Field(key));
                    walk(FieldSets.childType(type, key), child(lhs, key), child(rhs, key), path);
                    path.remove(path.size() - 1);
                }
            } else {
                Map<PathElement, JsonNode> left = items(type, lhs);
                Map<PathElement, JsonNode> right = items(type, rhs);
                Set<PathElement> all = new LinkedHashSet<>(left.keySet());
                all.addAll(right.keySet());
                TypeSchema elements = type.elements();
                for (PathElement pe : all) {
                    path.add(pe);
                    walk(elements, left.get(pe), right.get(pe), path);
                    path.remove(path.size() - 1);
                }
            }
            // A map or list, or a list element, that appears or disappears as a whole.
            if (!path.isEmpty()) {
                if (lhs == null) {
                    added.insert(path);
                } else if (rhs == null) {
                    removed.insert(path);
                }
            }
        }

        private static TypeSchema.Shape shape(TypeSchema type, JsonNode lhs, JsonNode rhs) {
            TypeSchema.Shape left = lhs == null ? null : FieldSets.shape(type, lhs);
            TypeSchema.Shape right = rhs == null ? null : FieldSets.shape(type, rhs);
            if (left != null && right != null && left != right) {
                return TypeSchema.Shape.SCALAR;
            }
            return left != null ? left : right;
        }

        private static boolean isEmpty(JsonNode value) {
            return value == null || value.isNull() || value.isContainerNode() && value.isEmpty();
        }

        private static JsonNode child(JsonNode map, String key) {
            return map != null && map.isObject() ? map.get(key) : null;
        }

        // Elements by path step; a repeated step keeps its first element, as upstream does.
        private static Map<PathElement, JsonNode> items(TypeSchema list, JsonNode value) {
            Map<PathElement, JsonNode> items = new LinkedHashMap<>();
            if (value != null && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    items.putIfAbsent(ListItems.lenient(list, i, value.get(i)), value.get(i));
                }
            }
            return items;
        }
    }
}
