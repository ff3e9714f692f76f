package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath that CRD printer columns use: fields ({@code .spec.size}, {@code ['a.b']}),
 * indexes ({@code [0]}, {@code [*]}) and equality filters
 * ({@code .status.conditions[?(@.type=="Ready")].status}). A path that finds nothing gives an
 * empty cell, as in kube-apiserver.
 */
final class JsonPathLite {
    private sealed interface Step permits Field, Index, All, Filter {
    }

    private record Field(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private record All() implements Step {
    }

    private record Filter(List<String> path, boolean equal, String value) implements Step {
    }

    private final List<Step> steps;

    private JsonPathLite(List<Step> steps) {
        this.steps = steps;
    }

    static JsonPathLite parse(String expression) {
        String text = expression.strip();
        if (text.startsWith("{") && text.endsWith("}")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.startsWith("$")) {
            text = text.substring(1);
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end > i + 1) {
                    steps.add(new Field(text.substring(i + 1, end)));
                }
                i = end;
            } else if (c == '[') {
                int end = closing(text, i);
                steps.add(bracket(text.substring(i + 1, end).strip()));
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                steps.add(new Field(text.substring(i, end)));
                i = end;
            }
        }
        return new JsonPathLite(steps);
    }

    private static int closing(String text, int open) {
        char quote = 0;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ']') {
                return i;
            }
        }
        return text.length() - 1;
    }

    private static Step bracket(String inside) {
        if (inside.equals("*")) {
            return new All();
        }
        if (inside.startsWith("'") || inside.startsWith("\"")) {
            return new Field(inside.substring(1, inside.length() - 1));
        }
        if (inside.startsWith("?(") && inside.endsWith(")")) {
            String condition = inside.substring(2, inside.length() - 1).strip();
            int operator = condition.indexOf("==");
            boolean equal = operator >= 0;
            if (!equal) {
                operator = condition.indexOf("!=");
            }
            if (operator < 0 || !condition.startsWith("@")) {
                return new Filter(List.of(), false, "");
            }
            String left = condition.substring(1, operator).strip();
            String right = condition.substring(operator + 2).strip();
            if (right.length() >= 2 && (right.startsWith("'") || right.startsWith("\""))) {
                right = right.substring(1, right.length() - 1);
            }
            List<String> path = new ArrayList<>();
            for (String part : left.split("\\.")) {
                if (!part.isEmpty()) {
                    path.add(part);
                }
            }
            return new Filter(path, equal, right);
        }
        try {
            return new Index(Integer.parseInt(inside));
        } catch (NumberFormatException e) {
            return new Field(inside);
        }
    }

    /** The first value the path finds, or a missing node. */
    JsonNode first(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                switch (step) {
                    case Field field -> add(next, node.get(field.name()));
                    case Index index -> add(next, node.isArray() ? node.get(index.index() < 0 ? node.size() + index.index() : index.index()) : null);
                    case All ignored -> node.forEach(next::add);
                    case Filter filter -> node.forEach(element -> {
                        JsonNode value = element;
                        for (String part : filter.path()) {
                            value = value.path(part);
                        }
                        if (!filter.path().isEmpty() && value.isValueNode() && value.asText().equals(filter.value()) == filter.equal()) {
                            next.add(element);
                        }
                    });
                }
            }
            current = next;
        }
        return current.isEmpty() ? MissingNode.getInstance() : current.getFirst();
    }

    private static void add(List<JsonNode> nodes, JsonNode node) {
        if (node != null && !node.isMissingNode()) {
            nodes.add(node);
        }
    }
}
