package io.mooring.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.policy.jmespath.JsonValues;
import io.mooring.policy.pattern.Anchor;
import io.mooring.resource.GoJson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kyverno's variables in policy text: {@code {{ jmespath }}} replaced by its value (the value itself
 * when the variable is the whole string, its text or JSON inside a longer string), innermost first so
 * that variables can nest; {@code \{{...}}} left as written without the backslash; and
 * {@code $(path)} references to other values of the same pattern.
 */
final class Templates {
    private static final Pattern VARIABLE = Pattern.compile("(^|[^\\\\])(\\{\\{(?:\\{[^{}]*\\}|[^{}])*\\}\\})");
    private static final Pattern ESCAPED_VARIABLE = Pattern.compile("\\\\\\{\\{(?:\\{[^{}]*\\}|[^{}])*\\}\\}");
    private static final Pattern REFERENCE = Pattern.compile("^\\$\\(.[^ ]*\\)|[^\\\\]\\$\\(.[^ ]*\\)");
    private static final Pattern ESCAPED_REFERENCE = Pattern.compile("\\\\\\$\\(.[^ ]*\\)");
    /** Substituted text may hold variables again; this many rounds means it never ends. */
    private static final int MAX_ROUNDS = 1000;

    private Templates() {
    }

    /** Resolves one variable (its JMESPath text) found at a JSON-pointer path of the document. */
    @FunctionalInterface
    interface Resolver {
        JsonNode resolve(String variable, String path);
    }

    /** A variable or reference that cannot be resolved, said for the rule's message. */
    static final class SubstitutionException extends RuntimeException {
        SubstitutionException(String message) {
            super(message);
        }
    }

    /** Whether any string (value or key) of the document holds a variable or a reference. */
    static boolean hasVariables(JsonNode document) {
        return contains(document, "{{") || contains(document, "$(");
    }

    private static boolean contains(JsonNode document, String marker) {
        if (document == null) {
            return false;
        }
        if (document.isTextual()) {
            return document.textValue().contains(marker);
        }
        if (document.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().contains(marker) || contains(entry.getValue(), marker)) {
                    return true;
                }
            }
        } else if (document.isArray()) {
            for (JsonNode item : document) {
                if (contains(item, marker)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The document with references, then variables, substituted; the input is not changed. */
    static JsonNode substitute(JsonNode document, Resolver resolver) {
        JsonNode referenced = document;
        if (contains(document, "$(")) {
            Map<String, JsonNode> values = new HashMap<>();
            collectValues(document, "", values);
            referenced = walk(document, "", (text, path) -> references(text, path, values));
        }
        return contains(referenced, "{{") ? walk(referenced, "", (text, path) -> variables(text, path, resolver)) : referenced;
    }

    /** A string with its variables substituted: the variable's own value when it is the whole string. */
    static JsonNode substitute(String text, Resolver resolver) {
        return variables(text, "/", resolver);
    }

    @FunctionalInterface
    private interface LeafAction {
        JsonNode apply(String text, String path);
    }

    private static JsonNode walk(JsonNode node, String path, LeafAction action) {
        if (node.isTextual()) {
            return action.apply(node.textValue(), path.isEmpty() ? "/" : path);
        }
        if (node.isObject()) {
            ObjectNode out = JsonValues.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String childPath = path + "/" + entry.getKey();
                String key = entry.getKey();
                if (key.contains("{{") || key.contains("$(")) {
                    JsonNode substitutedKey = action.apply(key, childPath);
                    if (!substitutedKey.isTextual()) {
                        throw new SubstitutionException("the key " + key + " at path " + path + " did not resolve to a string");
                    }
                    key = substitutedKey.textValue();
                }
                out.set(key, walk(entry.getValue(), childPath, action));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonValues.array();
            for (int i = 0; i < node.size(); i++) {
                out.add(walk(node.get(i), path + "/" + i, action));
            }
            return out;
        }
        return node;
    }

    private static JsonNode variables(String text, String path, Resolver resolver) {
        if (!text.contains("{{")) {
            return TextNode.valueOf(text);
        }
        String value = text;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Matcher m = VARIABLE.matcher(value);
            if (!m.find()) {
                return TextNode.valueOf(unescape(value, ESCAPED_VARIABLE));
            }
            String variable = m.group(2);
            String expression = variable.replace("{{", "").replace("}}", "").strip();
            JsonNode resolved = resolver.resolve(expression, path);
            if (value.equals(variable)) {
                return JsonValues.nullToNode(resolved);
            }
            String replacement = resolved != null && resolved.isTextual() ? resolved.textValue() : GoJson.write(JsonValues.nullToNode(resolved));
            value = value.substring(0, m.start(2)) + replacement + value.substring(m.end(2));
        }
        throw new SubstitutionException("variables in '" + text + "' keep producing variables");
    }

    private static String unescape(String value, Pattern escaped) {
        Matcher m = escaped.matcher(value);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(value, last, m.start()).append(value, m.start() + 1, m.end());
            last = m.end();
        }
        return out.append(value.substring(last)).toString();
    }

    // $(path) references: to another value of the same document, by path relative to the current one.

    private static void collectValues(JsonNode node, String path, Map<String, JsonNode> values) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Anchor anchor = Anchor.parse(entry.getKey());
                collectValues(entry.getValue(), path + "/" + (anchor == null ? entry.getKey() : anchor.key()), values);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectValues(node.get(i), path + "/" + i, values);
            }
        } else {
            values.put(path, node);
        }
    }

    private static JsonNode references(String text, String path, Map<String, JsonNode> values) {
        if (!text.contains("$(")) {
            return TextNode.valueOf(text);
        }
        String value = text;
        Matcher m = REFERENCE.matcher(value);
        List<String[]> replacements = new ArrayList<>();
        while (m.find()) {
            String found = m.group();
            boolean initial = found.startsWith("$(");
            String reference = initial ? found : found.substring(1);
            replacements.add(new String[] {reference, resolveReference(reference, path, values)});
        }
        for (String[] replacement : replacements) {
            value = value.replaceFirst(Pattern.quote(replacement[0]), Matcher.quoteReplacement(replacement[1]));
        }
        return TextNode.valueOf(unescape(value, ESCAPED_REFERENCE));
    }

    private static String resolveReference(String reference, String path, Map<String, JsonNode> values) {
        String inner = reference.substring(2, reference.length() - 1);
        String operator = "";
        for (String op : new String[] {">=", "<=", ">", "<", "!"}) {
            if (inner.startsWith(op)) {
                operator = op;
                break;
            }
        }
        String target = inner.substring(operator.length());
        if (target.isEmpty()) {
            throw new SubstitutionException("expected path, found empty reference " + reference);
        }
        String absolute = target.startsWith("/") ? target : DataPaths.join(path, target);
        JsonNode found = values.get(absolute);
        if (found == null || !(found.isTextual() || found.isNumber() && !operator.isEmpty())) {
            throw new SubstitutionException("reference " + reference + " not resolved at path " + path);
        }
        return operator + (found.isTextual() ? found.textValue() : found.asText());
    }

    /** Paths in JSON-pointer form, joined and cleaned as Go's path.Join does. */
    static final class DataPaths {
        private DataPaths() {
        }

        static String join(String base, String relative) {
            List<String> parts = new ArrayList<>();
            for (String part : (base + "/" + relative).split("/")) {
                if (part.isEmpty() || part.equals(".")) {
                    continue;
                }
                if (part.equals("..")) {
                    if (!parts.isEmpty()) {
                        parts.removeLast();
                    }
                    continue;
                }
                parts.add(part);
            }
            return "/" + String.join("/", parts);
        }

        /** {@code /spec/containers/0/image} as a JMESPath suffix: {@code .spec.containers[0].image}. */
        static String toJmesPath(String pointer) {
            StringBuilder out = new StringBuilder();
            for (String part : pointer.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                Anchor anchor = Anchor.parse(part);
                String key = anchor == null ? part : anchor.key();
                if (key.chars().allMatch(Character::isDigit)) {
                    out.append('[').append(key).append(']');
                } else if (key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    out.append('.').append(key);
                } else {
                    out.append(".\"").append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
            }
            return out.toString();
        }
    }
}
