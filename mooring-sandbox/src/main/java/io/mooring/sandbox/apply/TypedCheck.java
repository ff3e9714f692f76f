package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What stops the API server from reading an applied configuration as a value of its type:
 * fields the schema does not declare, scalars of the wrong type, maps or lists where the other is
 * expected, list elements without a path step, and elements named twice. Atomic maps and lists
 * are checked inside too. The messages are structured-merge-diff's
 * ({@code .spec.replicass: field not declared in schema}).
 */
final class TypedCheck {
    private TypedCheck() {
    }

    /** The problems, each {@code <path>: <message>}, in document order; empty when the value is fine. */
    static List<String> problems(TypeSchema type, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(type, value, new ArrayList<>(), problems);
        return problems;
    }

    /** The problems as one message, as the API server joins them. */
    static String message(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        StringBuilder out = new StringBuilder("errors:");
        problems.forEach(p -> out.append("\n  ").append(p));
        return out.toString();
    }

    private static void check(TypeSchema type, JsonNode value, List<PathElement> path, List<String> out) {
        if (value == null || value.isNull()) {
            return;
        }
        TypeSchema.Shape shape = type.shapeOf(value);
        switch (shape) {
            case SCALAR, ANY -> scalar(type, value, path, out);
            case MAP -> {
                if (!value.isObject()) {
                    out.add(at(path, "expected map, got " + Values.human(value)));
                    return;
                }
                for (Map.Entry<String, JsonNode> e : value.properties()) {
                    path.add(new PathElement.Field(e.getKey()));
                    TypeSchema child = type.field(e.getKey());
                    if (child == null) {
                        out.add(at(path, "field not declared in schema"));
                    } else {
                        check(child, e.getValue(), path, out);
                    }
                    path.remove(path.size() - 1);
                }
            }
            case LIST -> {
                if (!value.isArray()) {
                    out.add(at(path, "expected list, got " + Values.human(value)));
                    return;
                }
                list(type, value, path, out);
            }
        }
    }

    private static void scalar(TypeSchema type, JsonNode value, List<PathElement> path, List<String> out) {
        String expected = switch (type.scalar()) {
            case NUMERIC -> value.isNumber() ? null : "expected numeric (int or float), got " + goType(value);
            case STRING -> value.isTextual() ? null : "expected string, got " + Values.human(value);
            case BOOLEAN -> value.isBoolean() ? null : "expected boolean, got " + Values.human(value);
            case UNTYPED -> null;
        };
        if (expected != null) {
            out.add(at(path, expected));
        }
    }

    private static void list(TypeSchema type, JsonNode value, List<PathElement> path, List<String> out) {
        TypeSchema elements = type.elements();
        Set<PathElement> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            PathElement pe;
            try {
                pe = ListItems.element(type, i, value.get(i));
            } catch (ListItems.InvalidItem e) {
                out.add(at(path, "element " + i + ": " + e.getMessage()));
                continue;
            }
            if (!seen.add(pe)) {
                out.add(at(path, "duplicate entries for key " + pe));
            }
            path.add(pe);
            check(elements, value.get(i), path, out);
            path.remove(path.size() - 1);
        }
    }

    private static String goType(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        return value.isObject() ? "map[string]interface {}" : "[]interface {}";
    }

    private static String at(List<PathElement> path, String message) {
        return FieldSet.toString(path) + ": " + message;
    }
}
