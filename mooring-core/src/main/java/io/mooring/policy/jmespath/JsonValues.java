package io.mooring.policy.jmespath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * JSON values as Go sees them after decoding into {@code interface{}}: one number type (float64),
 * objects without order. Equality, truthiness and JMESPath type names follow from that.
 */
public final class JsonValues {
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(false);

    private JsonValues() {
    }

    public static JsonNode nullToNode(JsonNode value) {
        return value == null || value.isMissingNode() ? NullNode.instance : value;
    }

    public static boolean isNull(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    /** JMESPath's false values: null, false, empty string, empty array, empty object. Numbers are always true. */
    public static boolean isTruthy(JsonNode value) {
        if (isNull(value)) {
            return false;
        }
        return switch (value.getNodeType()) {
            case BOOLEAN -> value.booleanValue();
            case STRING -> !value.textValue().isEmpty();
            case ARRAY, OBJECT -> !value.isEmpty();
            default -> true;
        };
    }

    /** Deep equality with every number compared as a float64 ({@code reflect.DeepEqual} after decoding). */
    public static boolean deepEquals(JsonNode a, JsonNode b) {
        if (isNull(a) || isNull(b)) {
            return isNull(a) && isNull(b);
        }
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue();
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        return switch (a.getNodeType()) {
            case ARRAY -> {
                if (a.size() != b.size()) {
                    yield false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!deepEquals(a.get(i), b.get(i))) {
                        yield false;
                    }
                }
                yield true;
            }
            case OBJECT -> {
                if (a.size() != b.size()) {
                    yield false;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    JsonNode other = b.get(entry.getKey());
                    if (other == null || !deepEquals(entry.getValue(), other)) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> a.equals(b);
        };
    }

    /** The JMESPath type name: string, number, boolean, array, object, null. */
    public static String typeName(JsonNode value) {
        if (isNull(value)) {
            return "null";
        }
        return switch (value.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT -> "object";
            default -> "null";
        };
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static JsonNode number(double value) {
        return NODES.numberNode(value);
    }
}
