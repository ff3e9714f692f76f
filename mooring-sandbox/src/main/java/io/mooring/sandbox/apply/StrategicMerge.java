package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.GoText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' strategic merge patch as the API server applies it (apimachinery's strategicpatch):
 * maps merge key by key and {@code null} deletes; lists whose field says
 * {@code x-kubernetes-patch-strategy: merge} merge by their patch merge key (lists of scalars as
 * sets), other lists are replaced; and the directives {@code $patch: replace|delete},
 * {@code $retainKeys}, {@code $setElementOrder/<field>} and {@code $deleteFromPrimitiveList/<field>}.
 * List order follows apimachinery: {@code $setElementOrder}, then the patch's order, then the
 * live order.
 */
final class StrategicMerge {
    static final String DIRECTIVE = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

    private StrategicMerge() {
    }

    /** A patch the API server cannot apply: its HTTP code (400, 422 or 500) and message. */
    static final class PatchError extends RuntimeException {
        private final int code;

        PatchError(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        int code() {
            return code;
        }

        static PatchError badRequest(String message) {
            return new PatchError(400, message);
        }

        static PatchError internal(String message) {
            return new PatchError(500, message);
        }
    }

    /** {@code original} with {@code patch} applied; neither is modified. */
    static ObjectNode apply(TypeSchema type, ObjectNode original, ObjectNode patch) {
        return mergeMap(original.deepCopy(), patch.deepCopy(), type);
    }

    static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, TypeSchema type) {
        if (patch.has(DIRECTIVE)) {
            JsonNode directive = patch.get(DIRECTIVE);
            if (directive.isTextual() && directive.asText().equals("replace")) {
                patch.remove(DIRECTIVE);
                return patch;
            }
            if (directive.isTextual() && directive.asText().equals("delete")) {
                return JsonNodeFactory.instance.objectNode();
            }
            throw PatchError.internal("unknown patch type: " + GoText.value(directive) + " in map: " + GoText.value(patch));
        }
        ObjectNode out = original == null ? JsonNodeFactory.instance.objectNode() : original;
        applyRetainKeys(out, patch);
        StrategicLists.mergeOrderedLists(out, patch, type);
        for (Map.Entry<String, JsonNode> e : new ArrayList<>(patch.properties())) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            boolean deleteList = key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
            if (deleteList) {
                key = suffix(key, DELETE_FROM_PRIMITIVE_LIST, "invalid patch format of primitive list");
            }
            if (value.isNull()) {
                out.remove(key);
                continue;
            }
            JsonNode current = out.get(key);
            if (current == null || kind(current) != kind(value)) {
                if (!deleteList) {
                    setWithoutDirectives(out, key, value);
                }
                continue;
            }
            TypeSchema field = FieldSets.childType(type, key);
            String strategy = strategy(field.patchStrategy());
            if (current.isObject()) {
                out.set(key, strategy.equals("replace") ? value : mergeMap((ObjectNode) current, (ObjectNode) value, field));
            } else if (current.isArray()) {
                out.set(key, strategy.equals("merge") || deleteList
                        ? StrategicLists.mergeList((ArrayNode) current, (ArrayNode) value, field, field.patchMergeKey(), deleteList)
                        : value);
            } else {
                setWithoutDirectives(out, key, value);
            }
        }
        return out;
    }

    /** The strategy without {@code retainKeys}, which only tells clients to send the directive. */
    static String strategy(String strategies) {
        List<String> parts = new ArrayList<>(List.of(strategies.isEmpty() ? new String[0] : strategies.split(",")));
        parts.remove("retainKeys");
        if (parts.size() > 1) {
            throw PatchError.internal("unexpected patch strategy: " + parts);
        }
        return parts.isEmpty() ? "" : parts.get(0);
    }

    /** The field name after {@code prefix/}, or a 400 with {@code message}. */
    static String suffix(String key, String prefix, String message) {
        int slash = key.indexOf('/');
        if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
            throw PatchError.badRequest(message);
        }
        return key.substring(slash + 1);
    }

    /**
     * {@code $retainKeys}: keys of the original not in the list go; every key the patch sets must
     * be in the list.
     */
    private static void applyRetainKeys(ObjectNode original, ObjectNode patch) {
        JsonNode retain = patch.remove(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw PatchError.badRequest("invalid patch format of retainKeys");
        }
        Set<String> keep = new HashSet<>();
        retain.forEach(k -> {
            if (k.isTextual()) {
                keep.add(k.asText());
            }
        });
        patch.properties().forEach(e -> {
            String k = e.getKey();
            if (!e.getValue().isNull() && !k.startsWith(DELETE_FROM_PRIMITIVE_LIST) && !k.startsWith(SET_ELEMENT_ORDER)
                    && !keep.contains(k)) {
                throw PatchError.badRequest("invalid patch format of retainKeys");
            }
        });
        original.retain(keep);
    }

    // A value the original lacks, or of another kind: taken whole, without nulls or directives.
    private static void setWithoutDirectives(ObjectNode out, String key, JsonNode value) {
        JsonNode cleaned = withoutDirectives(withoutNulls(value));
        if (cleaned == null) {
            out.remove(key);
        } else {
            out.set(key, cleaned);
        }
    }

    /** The value without maps that carry {@code $patch} (null when the value itself is one). */
    static JsonNode withoutDirectives(JsonNode value) {
        if (value.isObject()) {
            if (value.has(DIRECTIVE)) {
                return null;
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(e -> {
                JsonNode kept = withoutDirectives(e.getValue());
                if (kept != null) {
                    out.set(e.getKey(), kept);
                }
            });
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> {
                JsonNode kept = withoutDirectives(v);
                if (kept != null) {
                    out.add(kept);
                }
            });
            return out;
        }
        return value;
    }

    private static JsonNode withoutNulls(JsonNode value) {
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    out.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> out.add(withoutNulls(v)));
            return out;
        }
        return value;
    }

    /** What Go's reflection tells apart here: maps, lists and the rest. */
    static int kind(JsonNode value) {
        return value.isObject() ? 0 : value.isArray() ? 1 : 2;
    }
}
