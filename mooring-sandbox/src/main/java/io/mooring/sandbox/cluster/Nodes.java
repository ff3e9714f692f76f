package io.mooring.sandbox.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Small reads and writes on Kubernetes objects as Jackson trees. A field that is absent or
 * {@code null} counts as unset, as it does for the API server's Go decoding (a {@code null}
 * pointer is defaulted like a missing one).
 */
public final class Nodes {
    public static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Nodes() {
    }

    public static boolean unset(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull();
    }

    /** Unset, or an empty string, list or object: what Go's {@code omitempty} and {@code len(x) == 0} treat as empty. */
    public static boolean empty(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())
                || (value.isContainerNode() && value.isEmpty());
    }

    /** The object at {@code field}, created (replacing an unset value) when missing. */
    public static ObjectNode object(ObjectNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(field);
    }

    /** The object at {@code field} when it is one, else null; never creates. */
    public static ObjectNode objectOrNull(JsonNode parent, String field) {
        return parent == null ? null : parent.get(field) instanceof ObjectNode object ? object : null;
    }

    /** The objects in the array at {@code field} (none when it is not an array). */
    public static List<ObjectNode> objects(JsonNode parent, String field) {
        List<ObjectNode> result = new ArrayList<>();
        if (parent != null && parent.get(field) instanceof ArrayNode array) {
            for (JsonNode item : array) {
                if (item instanceof ObjectNode object) {
                    result.add(object);
                }
            }
        }
        return result;
    }

    public static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            current = current.path(step);
        }
        return current.isValueNode() ? current.asText() : "";
    }

    public static void defaultText(ObjectNode parent, String field, String value) {
        if (empty(parent, field)) {
            parent.put(field, value);
        }
    }

    /** Numbers are stored as Jackson parses them (ints as IntNode), so a client's copy compares equal. */
    public static void defaultInt(ObjectNode parent, String field, int value) {
        if (unset(parent, field)) {
            parent.put(field, value);
        }
    }

    /** For Go fields that are plain numbers, where zero means unset ({@code if obj.PeriodSeconds == 0}). */
    public static void defaultNonZero(ObjectNode parent, String field, int value) {
        if (unset(parent, field) || (parent.get(field).isNumber() && parent.get(field).asLong() == 0)) {
            parent.put(field, value);
        }
    }

    public static void defaultBoolean(ObjectNode parent, String field, boolean value) {
        if (unset(parent, field)) {
            parent.put(field, value);
        }
    }

    /** The string map at {@code field} (labels, selectors), sorted by key as Go prints maps. */
    public static Map<String, String> stringMap(JsonNode parent, String field) {
        Map<String, String> result = new TreeMap<>();
        JsonNode map = parent == null ? null : parent.get(field);
        if (map != null && map.isObject()) {
            map.properties().forEach(e -> result.put(e.getKey(), e.getValue().asText()));
        }
        return result;
    }

    public static ObjectNode toObject(Map<String, String> map) {
        ObjectNode object = JSON.objectNode();
        map.forEach(object::put);
        return object;
    }

    public static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }

    public static List<String> strings(JsonNode parent, String field) {
        List<String> result = new ArrayList<>();
        JsonNode array = parent == null ? null : parent.get(field);
        if (array != null && array.isArray()) {
            array.forEach(v -> result.add(v.asText()));
        }
        return result;
    }
}
