package io.mooring.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes label selector in its text form ({@code app=web,tier in (a,b),!legacy}): kubectl's
 * {@code -l}, the API's {@code labelSelector} parameter, kustomize's patch targets.
 */
public record LabelSelector(List<Requirement> requirements) {
    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS }

    public record Requirement(String key, Operator operator, Set<String> values) {
        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EXISTS -> labels.containsKey(key);
                case NOT_EXISTS -> !labels.containsKey(key);
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
            };
        }
    }

    /**
     * @throws IllegalArgumentException when the text is not a selector
     */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            requirements.add(requirement(p));
        }
        return new LabelSelector(requirements);
    }

    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    private static Requirement requirement(String p) {
        if (p.startsWith("!")) {
            return new Requirement(p.substring(1).strip(), Operator.NOT_EXISTS, Set.of());
        }
        int paren = p.indexOf('(');
        if (paren > 0) {
            String head = p.substring(0, paren).strip();
            String[] words = head.split("\\s+");
            if (words.length != 2 || !p.endsWith(")")) {
                throw new IllegalArgumentException("unable to parse requirement: " + p);
            }
            Set<String> values = Set.copyOf(List.of(p.substring(paren + 1, p.length() - 1).split("\\s*,\\s*")).stream()
                    .map(String::strip).toList());
            Operator operator = switch (words[1]) {
                case "in" -> Operator.IN;
                case "notin" -> Operator.NOT_IN;
                default -> throw new IllegalArgumentException("unable to parse requirement: unknown operator '" + words[1] + "'");
            };
            return new Requirement(words[0], operator, values);
        }
        int notEquals = p.indexOf("!=");
        if (notEquals > 0) {
            return new Requirement(p.substring(0, notEquals).strip(), Operator.NOT_EQUALS, Set.of(p.substring(notEquals + 2).strip()));
        }
        int equals = p.indexOf('=');
        if (equals > 0) {
            int valueStart = p.startsWith("==", equals) ? equals + 2 : equals + 1;
            return new Requirement(p.substring(0, equals).strip(), Operator.EQUALS, Set.of(p.substring(valueStart).strip()));
        }
        return new Requirement(p, Operator.EXISTS, Set.of());
    }

    /** Splits at commas that are not inside parentheses. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
