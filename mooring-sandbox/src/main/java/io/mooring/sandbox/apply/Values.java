package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.GoText;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON values compared the way structured-merge-diff compares them: numbers by value whatever
 * their Java type (1 equals 1.0, an int equals a long), maps without regard to key order, and one
 * total order across types (numbers, strings, booleans, lists, maps, null).
 */
final class Values {
    /** Leaf comparison for Jackson's {@code equals(Comparator, JsonNode)}: numbers by value. */
    private static final Comparator<JsonNode> LEAVES = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return compareNumbers(a, b);
        }
        return a.equals(b) ? 0 : 1;
    };

    private Values() {
    }

    static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(LEAVES, b);
    }

    /** A number as the long or double structured-merge-diff would hold, so equal numbers look alike. */
    static JsonNode canonical(JsonNode value) {
        if (!value.isNumber()) {
            return value;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return JsonNodeFactory.instance.numberNode(value.longValue());
        }
        double d = value.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return JsonNodeFactory.instance.numberNode((long) d);
        }
        return JsonNodeFactory.instance.numberNode(d);
    }

    /** {@link #canonical} all the way down, so that equal values are equal Jackson trees. */
    static JsonNode deepCanonical(JsonNode value) {
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(e -> copy.set(e.getKey(), deepCanonical(e.getValue())));
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> copy.add(deepCanonical(v)));
            return copy;
        }
        return canonical(value);
    }

    /** structured-merge-diff's total order: numbers, strings, booleans, lists, maps, then null. */
    static int compare(JsonNode a, JsonNode b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (ra) {
            case 0 -> compareNumbers(a, b);
            case 1 -> a.asText().compareTo(b.asText());
            case 2 -> Boolean.compare(a.asBoolean(), b.asBoolean());
            case 3 -> compareLists(a, b);
            case 4 -> compareMaps(a, b);
            default -> 0;
        };
    }

    private static int rank(JsonNode value) {
        if (value.isNumber()) {
            return 0;
        }
        if (value.isTextual()) {
            return 1;
        }
        if (value.isBoolean()) {
            return 2;
        }
        if (value.isArray()) {
            return 3;
        }
        if (value.isObject()) {
            return 4;
        }
        return 5;
    }

    private static int compareNumbers(JsonNode a, JsonNode b) {
        if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
            return Long.compare(a.longValue(), b.longValue());
        }
        return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
    }

    private static int compareLists(JsonNode a, JsonNode b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    // Maps compare as their entries sorted by key, key first then value.
    private static int compareMaps(JsonNode a, JsonNode b) {
        List<Map.Entry<String, JsonNode>> left = sortedEntries(a);
        List<Map.Entry<String, JsonNode>> right = sortedEntries(b);
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int c = left.get(i).getKey().compareTo(right.get(i).getKey());
            if (c == 0) {
                c = compare(left.get(i).getValue(), right.get(i).getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static List<Map.Entry<String, JsonNode>> sortedEntries(JsonNode map) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            entries.add(it.next());
        }
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }

    /** The value as structured-merge-diff prints it in paths and messages: strings quoted, the rest as is. */
    static String human(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return GoText.quote(value.asText());
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(human(v)));
            return "[" + String.join(",", items) + "]";
        }
        if (value.isObject()) {
            StringBuilder out = new StringBuilder();
            value.properties().forEach(e -> out.append(e.getKey()).append('=').append(human(e.getValue())));
            return out.toString();
        }
        return canonical(value).asText();
    }
}
