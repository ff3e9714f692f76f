package io.mooring.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.config.Application;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Brings a desired and a live object to comparable forms. The live object is read only where the
 * desired one sets something: fields the API server defaults, controllers fill in or status
 * reports are not Git's business, so they never make an application OutOfSync (Argo CD's most
 * common complaint). Numbers compare by value, a Secret's stringData by its encoded data, and
 * ignoreDifferences pointers are dropped from both sides.
 */
final class Normalizer {
    private static final List<String> SERVER_METADATA = List.of("creationTimestamp", "resourceVersion", "uid", "generation",
            "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private Normalizer() {
    }

    static ObjectNode desired(ObjectNode desired) {
        ObjectNode result = desired.deepCopy();
        result.remove("status");
        if (result.path("metadata") instanceof ObjectNode metadata) {
            metadata.remove(SERVER_METADATA);
        }
        if (isSecret(result) && result.has("stringData")) {
            ObjectNode data = result.has("data") ? (ObjectNode) result.get("data") : result.putObject("data");
            result.remove("stringData").properties().forEach(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
        }
        return (ObjectNode) canonical(result);
    }

    /** The live object seen through the desired one's fields. */
    static ObjectNode live(ObjectNode live, ObjectNode desired) {
        return (ObjectNode) canonical(project(live, desired));
    }

    private static JsonNode project(JsonNode live, JsonNode desired) {
        if (desired instanceof ObjectNode wanted && live instanceof ObjectNode actual) {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : wanted.properties()) {
                JsonNode value = actual.get(field.getKey());
                if (value != null) {
                    result.set(field.getKey(), project(value, field.getValue()));
                }
            }
            return result;
        }
        if (desired instanceof ArrayNode wanted && live instanceof ArrayNode actual && wanted.size() == actual.size()) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < wanted.size(); i++) {
                result.add(project(actual.get(i), wanted.get(i)));
            }
            return result;
        }
        return live.deepCopy();
    }

    /** Removes ignoreDifferences pointers that apply to this object. */
    static void ignore(ObjectNode object, String group, String kind, String namespace, String name,
                       List<Application.IgnoreDifference> ignores) {
        for (Application.IgnoreDifference ignore : ignores) {
            boolean applies = (ignore.group().isEmpty() || ignore.group().equals(group))
                    && (ignore.kind().isEmpty() || ignore.kind().equals(kind))
                    && (ignore.name().isEmpty() || ignore.name().equals(name))
                    && (ignore.namespace().isEmpty() || ignore.namespace().equals(namespace));
            if (applies) {
                ignore.jsonPointers().forEach(pointer -> remove(object, pointer));
            }
        }
    }

    private static void remove(ObjectNode root, String pointer) {
        String[] steps = pointer.substring(1).split("/");
        JsonNode node = root;
        for (int i = 0; i < steps.length - 1 && node != null; i++) {
            node = step(node, unescape(steps[i]));
        }
        String last = unescape(steps[steps.length - 1]);
        if (node instanceof ObjectNode object) {
            object.remove(last);
        } else if (node instanceof ArrayNode array && last.matches("\\d+") && Integer.parseInt(last) < array.size()) {
            array.remove(Integer.parseInt(last));
        }
    }

    private static JsonNode step(JsonNode node, String name) {
        if (node instanceof ArrayNode array) {
            return name.matches("\\d+") ? array.get(Integer.parseInt(name)) : null;
        }
        return node.get(name);
    }

    private static String unescape(String step) {
        return step.replace("~1", "/").replace("~0", "~");
    }

    /** Numbers by value (1, 1.0 and 1L are the same number); everything else as is. */
    private static JsonNode canonical(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return DecimalNode.valueOf(value.scale() < 0 ? value.setScale(0) : value);
        }
        if (node instanceof ObjectNode object) {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            object.properties().forEach(e -> result.set(e.getKey(), canonical(e.getValue())));
            return result;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            array.forEach(item -> result.add(canonical(item)));
            return result;
        }
        return node;
    }

    static boolean isSecret(JsonNode object) {
        return object.path("kind").asText("").equals("Secret") && object.path("apiVersion").asText("").equals("v1");
    }

    /**
     * Secret values replaced by a mask that shows whether they differ (equal values get equal
     * masks) but not what they are, so that diffs, logs and the portal never carry a secret.
     */
    static void maskSecrets(ObjectNode live, ObjectNode desired) {
        if (!isSecret(desired)) {
            return;
        }
        for (String field : List.of("data", "stringData")) {
            ObjectNode wanted = desired.path(field) instanceof ObjectNode o ? o : null;
            ObjectNode actual = live != null && live.path(field) instanceof ObjectNode o ? o : null;
            java.util.Set<String> keys = new java.util.TreeSet<>();
            if (wanted != null) {
                wanted.fieldNames().forEachRemaining(keys::add);
            }
            if (actual != null) {
                actual.fieldNames().forEachRemaining(keys::add);
            }
            for (String key : keys) {
                JsonNode a = actual == null ? null : actual.get(key);
                JsonNode b = wanted == null ? null : wanted.get(key);
                boolean same = a != null && a.equals(b);
                if (a != null) {
                    actual.set(key, TextNode.valueOf("++++++++"));
                }
                if (b != null) {
                    wanted.set(key, TextNode.valueOf(same ? "++++++++" : "+++++++++"));
                }
            }
        }
    }
}
