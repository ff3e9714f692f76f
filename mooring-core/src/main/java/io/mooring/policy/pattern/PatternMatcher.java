package io.mooring.policy.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.value.GoText;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a resource against a validation pattern as Kyverno's {@code MatchPattern} does: maps by
 * key (anchors first, in key order), a list pattern's first map applied to every item of the list,
 * scalars by {@link ValuePattern}, and the anchors' effects: an unmet condition skips, a present
 * negated key fails.
 */
public final class PatternMatcher {
    /** Which condition, existence and negation anchors met their key somewhere in the resource. */
    private final Map<String, Boolean> anchorsSeen = new HashMap<>();

    private PatternMatcher() {
    }

    /** The outcome of a whole pattern. */
    public sealed interface Result {
        /** The resource satisfies the pattern. */
        record Pass() implements Result {
        }

        /** The pattern does not apply (an unmet conditional or global anchor). */
        record Skip(String message) implements Result {
        }

        /** The resource violates the pattern at {@code path}. */
        record Fail(String path, String message) implements Result {
        }

        /** The pattern could not be applied (e.g. an anchored key missing from the resource). */
        record Error(String message) implements Result {
        }
    }

    public static Result match(JsonNode resource, JsonNode pattern) {
        PatternMatcher matcher = new PatternMatcher();
        Mismatch mismatch = matcher.element(resource, pattern, "/");
        if (mismatch == null) {
            return new Result.Pass();
        }
        if (mismatch.isSkip()) {
            return new Result.Skip(mismatch.message());
        }
        if (mismatch.kind() != Mismatch.Kind.NEGATION && matcher.anchorKeysMissing() || mismatch.path().isEmpty()) {
            return new Result.Error(mismatch.message());
        }
        return new Result.Fail(mismatch.path(), mismatch.message());
    }

    private boolean anchorKeysMissing() {
        for (Map.Entry<String, Boolean> seen : anchorsSeen.entrySet()) {
            Anchor anchor = Anchor.parse(seen.getKey());
            if (!seen.getValue() && (anchor == null || anchor.type() != Anchor.Type.NEGATION)) {
                return true;
            }
        }
        return false;
    }

    Mismatch element(JsonNode resource, JsonNode pattern, String path) {
        if (pattern != null && pattern.isObject()) {
            if (resource == null || !resource.isObject()) {
                return plain(path, "pattern and resource have different structures. Path: " + path + ". Expected a map, found " + describe(resource));
            }
            recordAnchors(pattern, resource);
            return map((ObjectNode) resource, (ObjectNode) pattern, path);
        }
        if (pattern != null && pattern.isArray()) {
            if (resource == null || !resource.isArray()) {
                return plain(path, "validation rule failed at path " + path + ", resource does not satisfy the expected overlay pattern");
            }
            return array(resource, pattern, path);
        }
        if (resource != null && resource.isArray()) {
            for (JsonNode item : resource) {
                if (!ValuePattern.matches(item, pattern)) {
                    return valueMismatch(resource, pattern, path);
                }
            }
            return null;
        }
        return ValuePattern.matches(resource, pattern) ? null : valueMismatch(resource, pattern, path);
    }

    private static Mismatch valueMismatch(JsonNode resource, JsonNode pattern, String path) {
        return plain(path, "resource value '" + GoText.sprint(resource) + "' does not match '" + GoText.sprint(pattern) + "' at path " + path);
    }

    private void recordAnchors(JsonNode pattern, JsonNode resource) {
        for (Iterator<String> it = pattern.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            Anchor anchor = Anchor.parse(key);
            if (anchor == null || anchor.type() != Anchor.Type.CONDITION && anchor.type() != Anchor.Type.EXISTENCE
                    && anchor.type() != Anchor.Type.NEGATION) {
                continue;
            }
            if (!anchorsSeen.getOrDefault(key, false)) {
                anchorsSeen.put(key, hasKey(resource, anchor.key()));
            }
        }
    }

    private static boolean hasKey(JsonNode resource, String key) {
        if (resource.isObject()) {
            return resource.has(key);
        }
        if (resource.isArray()) {
            for (JsonNode item : resource) {
                if (hasKey(item, key)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Mismatch map(ObjectNode resource, ObjectNode pattern, String path) {
        ObjectNode expanded = MetadataWildcards.expand(pattern, resource);
        TreeMap<String, JsonNode> anchors = new TreeMap<>();
        TreeMap<String, JsonNode> plain = new TreeMap<>();
        expanded.properties().forEach(e -> {
            Anchor anchor = Anchor.parse(e.getKey());
            boolean handledFirst = anchor != null && anchor.type() != Anchor.Type.GLOBAL && anchor.type() != Anchor.Type.ADD_IF_NOT_PRESENT;
            (handledFirst ? anchors : plain).put(e.getKey(), e.getValue());
        });
        for (Map.Entry<String, JsonNode> entry : anchors.entrySet()) {
            Mismatch mismatch = key(resource, entry.getKey(), entry.getValue(), path);
            if (mismatch != null) {
                return mismatch;
            }
        }
        // Global anchors and keys with anchors below them go first, the others after, as Kyverno orders them.
        Deque<String> order = new ArrayDeque<>();
        for (Map.Entry<String, JsonNode> entry : plain.entrySet()) {
            Anchor anchor = Anchor.parse(entry.getKey());
            if (anchor != null && anchor.type() == Anchor.Type.GLOBAL || hasNestedAnchors(entry.getValue())) {
                order.addFirst(entry.getKey());
            } else {
                order.addLast(entry.getKey());
            }
        }
        for (String name : order) {
            Mismatch mismatch = key(resource, name, plain.get(name), path);
            if (mismatch != null) {
                return mismatch;
            }
        }
        return null;
    }

    private static boolean hasNestedAnchors(JsonNode pattern) {
        if (pattern.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Anchor anchor = Anchor.parse(entry.getKey());
                if (anchor != null && anchor.type() != Anchor.Type.ADD_IF_NOT_PRESENT || hasNestedAnchors(entry.getValue())) {
                    return true;
                }
            }
        } else if (pattern.isArray()) {
            for (JsonNode item : pattern) {
                if (hasNestedAnchors(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One key of a pattern map, by its anchor. */
    private Mismatch key(ObjectNode resource, String name, JsonNode pattern, String path) {
        Anchor anchor = Anchor.parse(name);
        if (anchor == null || anchor.type() == Anchor.Type.ADD_IF_NOT_PRESENT) {
            String current = path + name + "/";
            JsonNode value = resource.get(name);
            boolean absent = value == null || value.isNull();
            if (pattern.isTextual() && pattern.textValue().equals("*")) {
                return absent ? plain(path, path + "/" + name + " not found") : null;
            }
            return element(value, pattern, current);
        }
        String current = path + anchor.key() + "/";
        JsonNode value = resource.get(anchor.key());
        return switch (anchor.type()) {
            case NEGATION -> value == null ? null
                    : new Mismatch(current, "negation anchor matched in resource: " + current + " is not allowed", Mismatch.Kind.NEGATION);
            case EQUALITY -> value == null ? null : element(value, pattern, current);
            case CONDITION -> {
                if (value == null) {
                    yield new Mismatch(current, "conditional anchor mismatch: conditional anchor key doesn't exist in the resource", Mismatch.Kind.CONDITIONAL);
                }
                Mismatch inner = element(value, pattern, current);
                yield inner == null ? null : inner.as(Mismatch.Kind.CONDITIONAL, "conditional anchor mismatch");
            }
            case GLOBAL -> {
                if (value == null) {
                    yield null;
                }
                Mismatch inner = element(value, pattern, current);
                yield inner == null ? null : inner.as(Mismatch.Kind.GLOBAL, "global anchor mismatch");
            }
            case EXISTENCE -> value == null ? null : existence(value, pattern, current);
            case ADD_IF_NOT_PRESENT -> null;
        };
    }

    /** {@code ^(key)}: every map of the pattern list must match at least one item of the resource list. */
    private Mismatch existence(JsonNode value, JsonNode pattern, String path) {
        if (!value.isArray()) {
            return plain(path, "invalid resource type " + describe(value) + ": Existence ^ () anchor can be used only on list/array type resource");
        }
        if (!pattern.isArray()) {
            return plain(path, "invalid pattern type: Pattern has to be of list to compare against resource");
        }
        for (JsonNode wanted : pattern) {
            if (!wanted.isObject()) {
                return plain(path, "invalid pattern type: Pattern has to be of type map to compare against items in resource");
            }
            boolean found = false;
            for (int i = 0; i < value.size() && !found; i++) {
                found = element(value.get(i), wanted, path + i + "/") == null;
            }
            if (!found) {
                return plain(path, "existence anchor validation failed at path " + path);
            }
        }
        return null;
    }

    private Mismatch array(JsonNode resource, JsonNode pattern, String path) {
        if (pattern.isEmpty()) {
            return plain(path, "pattern Array empty");
        }
        JsonNode first = pattern.get(0);
        if (first.isObject()) {
            return eachItem(resource, first, path);
        }
        if (!first.isArray()) {
            return element(resource, first, path);
        }
        if (resource.size() < pattern.size()) {
            return plain("", "validate Array failed, array length mismatch, resource Array len is " + resource.size()
                    + " and pattern Array len is " + pattern.size());
        }
        List<Mismatch> skipped = new ArrayList<>();
        int applied = 0;
        for (int i = 0; i < pattern.size(); i++) {
            Mismatch mismatch = element(resource.get(i), pattern.get(i), path + i + "/");
            if (mismatch == null) {
                applied++;
            } else if (mismatch.isSkip()) {
                skipped.add(mismatch);
            } else {
                return mismatch;
            }
        }
        return applied == 0 && !skipped.isEmpty() ? combine(skipped, path) : null;
    }

    /** A list pattern's map applies to each item; items whose conditions are unmet are passed over. */
    private Mismatch eachItem(JsonNode resource, JsonNode pattern, String path) {
        List<Mismatch> skipped = new ArrayList<>();
        int applied = 0;
        for (int i = 0; i < resource.size(); i++) {
            Mismatch mismatch = element(resource.get(i), pattern, path + i + "/");
            if (mismatch == null) {
                applied++;
            } else if (mismatch.isSkip()) {
                skipped.add(mismatch);
            } else {
                return mismatch;
            }
        }
        return applied == 0 && !skipped.isEmpty() ? combine(skipped, path) : null;
    }

    private static Mismatch combine(List<Mismatch> skipped, String path) {
        return new Mismatch(path, String.join("; ", skipped.stream().map(Mismatch::message).toList()), skipped.getFirst().kind());
    }

    private static Mismatch plain(String path, String message) {
        return new Mismatch(path, message, Mismatch.Kind.PLAIN);
    }

    private static String describe(JsonNode value) {
        return value == null || value.isNull() ? "nil" : value.getNodeType().name().toLowerCase();
    }
}
