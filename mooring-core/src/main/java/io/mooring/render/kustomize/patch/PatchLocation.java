package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a JSON patch path points: the object or array that holds the last segment, and that
 * segment, resolved as evanphx/json-patch v4 does (see {@link JsonPatch}).
 */
final class PatchLocation {
    private final JsonNode container;
    private final String key;

    private PatchLocation(JsonNode container, String key) {
        this.container = container;
        this.key = key;
    }

    /** The location of {@code path} in {@code document}; null when a parent along it is missing. */
    static PatchLocation find(JsonNode document, String path) {
        String[] segments = path.split("/", -1);
        if (segments.length < 2) {
            return null;
        }
        JsonNode at = document;
        for (int i = 1; i < segments.length - 1; i++) {
            JsonNode next = child(at, decode(segments[i]));
            if (next == null || next.isNull() || !next.isContainerNode()) {
                return null;
            }
            at = next;
        }
        return new PatchLocation(at, decode(segments[segments.length - 1]));
    }

    String key() {
        return key;
    }

    /** The value there (null when an object has no such key, or it holds null). */
    JsonNode get(String context) {
        if (container instanceof ArrayNode array) {
            return array.get(existingIndex(array, context));
        }
        return container.get(key);
    }

    /** Whether {@link #get} would succeed: an object always answers, an array needs a valid index. */
    boolean canGet() {
        if (!(container instanceof ArrayNode array)) {
            return true;
        }
        if (!key.matches("[+-]?[0-9]{1,18}")) {
            return false;
        }
        long index = Long.parseLong(key);
        return index < array.size() && index >= -array.size();
    }

    void set(JsonNode value, String context) {
        JsonNode v = value == null ? NullNode.instance : value;
        if (container instanceof ArrayNode array) {
            long index = index(context);
            if (index < 0) {
                if (index < -array.size()) {
                    throw invalidIndex(context, index);
                }
                index += array.size();
            }
            array.set((int) index, v);
        } else {
            ((ObjectNode) container).set(key, v);
        }
    }

    void add(JsonNode value, String context) {
        JsonNode v = value == null ? NullNode.instance : value;
        if (!(container instanceof ArrayNode array)) {
            ((ObjectNode) container).set(key, v);
            return;
        }
        if ("-".equals(key)) {
            array.add(v);
            return;
        }
        long index = index(context + ": value was not a proper array index: '" + key + "'");
        int size = array.size() + 1;
        if (index >= size || index < -size) {
            throw invalidIndex(context, index);
        }
        array.insert((int) (index < 0 ? index + size : index), v);
    }

    void remove(String context) {
        if (container instanceof ArrayNode array) {
            array.remove(existingIndex(array, context));
            return;
        }
        if (!container.has(key)) {
            throw JsonPatch.fail(context + ": Unable to remove nonexistent key: " + key + ": missing value");
        }
        ((ObjectNode) container).remove(key);
    }

    private int existingIndex(ArrayNode array, String context) {
        long index = index(context);
        if (index >= array.size() || index < -array.size()) {
            throw invalidIndex(context, index);
        }
        return (int) (index < 0 ? index + array.size() : index);
    }

    // Go's strconv.Atoi: an optional sign and decimal digits.
    private long index(String context) {
        if (!key.matches("[+-]?[0-9]+")) {
            throw JsonPatch.fail(context + ": strconv.Atoi: parsing \"" + key + "\": invalid syntax");
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw JsonPatch.fail(context + ": strconv.Atoi: parsing \"" + key + "\": value out of range");
        }
    }

    private static RuntimeException invalidIndex(String context, long index) {
        return JsonPatch.fail(context + ": Unable to access invalid index: " + index + ": invalid index referenced");
    }

    private static JsonNode child(JsonNode container, String key) {
        if (container instanceof ArrayNode array) {
            if (!key.matches("[+-]?[0-9]{1,18}")) {
                return null;
            }
            long index = Long.parseLong(key);
            if (index < 0) {
                index += array.size();
            }
            return index < 0 || index >= array.size() ? null : array.get((int) index);
        }
        return container.get(key);
    }

    // RFC 6901 escapes, decoded left to right.
    private static String decode(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
