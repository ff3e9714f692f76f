package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a field by kustomize's dotted path syntax: {@code spec.containers[0].image},
 * {@code spec.containers.[name=web].image}, and {@code metadata.annotations.[a.b/c]} for keys that
 * hold dots.
 */
final class FieldLookup {
    private FieldLookup() {
    }

    /** The value at {@code path}, or null when any step is missing. */
    static JsonNode get(JsonNode root, String path) {
        JsonNode node = root;
        for (String segment : split(path)) {
            if (node == null) {
                return null;
            }
            node = step(node, segment);
        }
        return node;
    }

    private static JsonNode step(JsonNode node, String segment) {
        if (segment.startsWith("[") && segment.endsWith("]")) {
            String inner = segment.substring(1, segment.length() - 1);
            int eq = inner.indexOf('=');
            if (node.isArray() && eq > 0) {
                String key = inner.substring(0, eq);
                String value = inner.substring(eq + 1);
                for (JsonNode item : node) {
                    if (Scalars.nodeText(item.get(key)).equals(value) && item.has(key)) {
                        return item;
                    }
                }
                return null;
            }
            if (node.isArray() && inner.chars().allMatch(Character::isDigit) && !inner.isEmpty()) {
                return node.get(Integer.parseInt(inner));
            }
            return node.isObject() ? node.get(inner) : null;
        }
        if (node.isArray() && !segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
            return node.get(Integer.parseInt(segment));
        }
        return node.isObject() ? node.get(segment) : null;
    }

    /** Splits at dots outside brackets; {@code a[0]} becomes {@code a} and {@code [0]}. */
    static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (char c : path.toCharArray()) {
            if (c == '[') {
                if (depth == 0 && !current.isEmpty()) {
                    segments.add(current.toString());
                    current.setLength(0);
                }
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == '.' && depth == 0) {
                if (!current.isEmpty()) {
                    segments.add(current.toString());
                }
                current.setLength(0);
                continue;
            }
            current.append(c);
            if (c == ']' && depth == 0) {
                segments.add(current.toString());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            segments.add(current.toString());
        }
        return segments;
    }
}
