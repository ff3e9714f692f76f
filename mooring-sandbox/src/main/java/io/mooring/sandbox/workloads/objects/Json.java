package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading and writing the metadata of Kubernetes objects held as Jackson trees. Objects that come
 * from the store are shared with it and never changed: these helpers read them, and build new
 * nodes for writes.
 */
public final class Json {
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Older first, then by name: how controllers order objects created in the same second. */
    public static final Comparator<JsonNode> BY_CREATION = Comparator.<JsonNode, Instant>comparing(
            o -> timeOr(o.path("metadata").path("creationTimestamp"), Instant.EPOCH)).thenComparing(Json::name);

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static String name(JsonNode object) {
        return object.path("metadata").path("name").asText("");
    }

    public static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asText("");
    }

    public static String uid(JsonNode object) {
        return object.path("metadata").path("uid").asText("");
    }

    /** {@code namespace/name}, the key controllers queue work by. */
    public static String key(JsonNode object) {
        return key(namespace(object), name(object));
    }

    public static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    public static long revision(JsonNode object) {
        String rv = object.path("metadata").path("resourceVersion").asText("");
        try {
            return rv.isEmpty() ? 0 : Long.parseLong(rv);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static long generation(JsonNode object) {
        return object.path("metadata").path("generation").asLong(0);
    }

    public static boolean deleting(JsonNode object) {
        return object.path("metadata").hasNonNull("deletionTimestamp");
    }

    public static Instant created(JsonNode object) {
        return timeOr(object.path("metadata").path("creationTimestamp"), Instant.EPOCH);
    }

    public static Map<String, String> labels(JsonNode object) {
        return strings(object.path("metadata").path("labels"));
    }

    public static Map<String, String> annotations(JsonNode object) {
        return strings(object.path("metadata").path("annotations"));
    }

    public static String annotation(JsonNode object, String key) {
        JsonNode value = object.path("metadata").path("annotations").path(key);
        return value.isTextual() ? value.asText() : null;
    }

    /** A string map ({@code labels}, {@code nodeSelector}) in its key order. */
    public static Map<String, String> strings(JsonNode map) {
        Map<String, String> result = new LinkedHashMap<>();
        if (map != null && map.isObject()) {
            map.properties().forEach(e -> result.put(e.getKey(), e.getValue().asText()));
        }
        return result;
    }

    public static ObjectNode stringMap(Map<String, String> map) {
        ObjectNode node = object();
        map.forEach(node::put);
        return node;
    }

    /** An integer field, or a default when it is absent or null (what the API's defaulting would have set). */
    public static int intOr(JsonNode node, int otherwise) {
        return node == null || node.isMissingNode() || node.isNull() ? otherwise : node.asInt(otherwise);
    }

    /** A timestamp as the API writes them: RFC 3339, UTC, whole seconds. */
    public static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static Instant timeOr(JsonNode node, Instant otherwise) {
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            return otherwise;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }

    /** Puts a count unless it is zero: the Go types of most status counters omit zeros. */
    public static void putIfNonZero(ObjectNode node, String field, long value) {
        if (value != 0) {
            node.put(field, value);
        }
    }

    /** Drops null values, empty objects and empty arrays, recursively: how Go serialises omitempty fields. */
    public static JsonNode withoutEmpty(JsonNode node) {
        if (node.isObject()) {
            ObjectNode result = object();
            node.properties().forEach(e -> {
                JsonNode value = withoutEmpty(e.getValue());
                if (!value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
                    result.set(e.getKey(), value);
                }
            });
            return result;
        }
        if (node.isArray()) {
            ArrayNode result = array();
            node.forEach(item -> result.add(withoutEmpty(item)));
            return result;
        }
        return node;
    }
}
