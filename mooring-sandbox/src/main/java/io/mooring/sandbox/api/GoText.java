package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Text as the API server, a Go program, writes it, where a client may compare it byte for byte:
 * {@code %q} quoting in messages, {@code %v} of decoded JSON in strategic merge errors, and
 * {@code encoding/json}'s output (sorted keys, HTML characters escaped) in the last-applied
 * annotation.
 */
public final class GoText {
    private GoText() {
    }

    /** Go's {@code strconv.Quote}: double quotes, backslash escapes for quotes and control characters. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** Go's {@code %v} of a value decoded from JSON into {@code map[string]interface{}}: {@code map[a:1 b:[x y]]}. */
    public static String value(JsonNode node) {
        if (node == null || node.isNull()) {
            return "<nil>";
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            List<String> entries = new ArrayList<>();
            sorted.forEach((k, v) -> entries.add(k + ":" + value(v)));
            return "map[" + String.join(" ", entries) + "]";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(v -> items.add(value(v)));
            return "[" + String.join(" ", items) + "]";
        }
        if (node.isNumber()) {
            return number(node);
        }
        return node.asText();
    }

    // Numbers as Go prints an int64 or a float64: 3, 1.5 (an integral float prints as an integer).
    private static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        double d = node.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return Long.toString((long) d);
        }
        return Double.toString(d).replace("E", "e+").replace("e+-", "e-");
    }

    /** Go's {@code json.Marshal} of a decoded value: keys sorted, {@code <>&} and line separators escaped. */
    public static String json(JsonNode node) {
        StringBuilder out = new StringBuilder();
        writeJson(node, out);
        return out.toString();
    }

    private static void writeJson(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull()) {
            out.append("null");
        } else if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                jsonString(e.getKey(), out);
                out.append(':');
                writeJson(e.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeJson(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            jsonString(node.asText(), out);
        } else if (node.isNumber()) {
            out.append(number(node));
        } else {
            out.append(node.asText());
        }
    }

    private static void jsonString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
