package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * How the elements of a list are named in field paths: by index in an atomic list, by value in a
 * set, by the values of the key fields in a map-typed list (a missing key field takes its default,
 * or is left out of the key, as Kubernetes 1.34 allows for optional keys).
 */
final class ListItems {
    private ListItems() {
    }

    /** The element's path step, or an {@link InvalidItem} saying why the element cannot have one. */
    static PathElement element(TypeSchema list, int index, JsonNode item) throws InvalidItem {
        return switch (list.listType()) {
            case ATOMIC -> new PathElement.Index(index);
            case SET -> {
                if (item.isObject()) {
                    throw new InvalidItem("associative list without keys has an element that's a map type");
                }
                if (item.isArray()) {
                    throw new InvalidItem("not supported: associative list with lists as elements");
                }
                if (item.isNull()) {
                    throw new InvalidItem("associative list without keys has an element that's an explicit null");
                }
                yield new PathElement.SetValue(item);
            }
            case MAP -> {
                if (item.isNull()) {
                    throw new InvalidItem("associative list with keys may not have a null element");
                }
                if (!item.isObject()) {
                    throw new InvalidItem("associative list with keys may not have non-map elements");
                }
                List<PathElement.KeyField> fields = new ArrayList<>();
                for (String key : list.keys()) {
                    JsonNode value = item.has(key) ? item.get(key) : list.keyDefault(key);
                    if (value != null) {
                        fields.add(new PathElement.KeyField(key, value));
                    }
                }
                yield new PathElement.Key(fields);
            }
        };
    }

    /**
     * The element's path step for a value already stored: an element that cannot be named (an
     * object stored before its kind's schema was known) is named by its index, so that it stays
     * where it is and matches nothing.
     */
    static PathElement lenient(TypeSchema list, int index, JsonNode item) {
        try {
            return element(list, index, item);
        } catch (InvalidItem e) {
            return new PathElement.Index(index);
        }
    }

    /** A list element that has no path step. */
    static final class InvalidItem extends Exception {
        InvalidItem(String message) {
            super(message, null, false, false);
        }
    }
}
