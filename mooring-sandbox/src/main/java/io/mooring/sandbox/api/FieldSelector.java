package io.mooring.sandbox.api;

import io.mooring.sandbox.store.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * A field selector ({@code metadata.name=web,status.phase!=Running}): equality and inequality on
 * the fields a kind makes selectable ({@link SelectableFields}), which is all Kubernetes supports.
 * Values may escape {@code ,}, {@code =} and {@code \} with a backslash.
 */
public record FieldSelector(List<Term> terms) {
    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    public record Term(String field, boolean equal, String value) {
    }

    public static FieldSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : splitUnescaped(text)) {
            if (part.isEmpty()) {
                continue;
            }
            Term term = term(part);
            if (term == null) {
                throw ApiException.badRequest("invalid selector: '" + text + "'; can't understand '" + part + "'");
            }
            terms.add(term);
        }
        return new FieldSelector(terms);
    }

    /** {@code field=value}, {@code field==value} or {@code field!=value}; null when it is none of them. */
    private static Term term(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '!' && part.startsWith("!=", i)) {
                return i == 0 ? null : new Term(part.substring(0, i), false, unescape(part.substring(i + 2)));
            } else if (c == '=') {
                int value = part.startsWith("==", i) ? i + 2 : i + 1;
                return i == 0 ? null : new Term(part.substring(0, i), true, unescape(part.substring(value)));
            }
        }
        return null;
    }

    private static List<String> splitUnescaped(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == ',') {
                parts.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).strip());
        return parts;
    }

    private static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder result = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                c = value.charAt(++i);
            }
            result.append(c);
        }
        return result.toString();
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }
}
