package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * kustomize's replacements: copy a field of one object (the source) into fields of others (the
 * targets), optionally one part of a delimited value. Objects are selected by their current or any
 * earlier id, exactly (no regular expressions), plus label and annotation selectors for targets.
 * A scalar target keeps its type, as in kustomize: copying "3" into {@code replicas: 1} gives the
 * number 3 (see {@link ScalarRetyping}); a field the replacement creates has no type of its own
 * and reads as YAML would.
 */
record ReplacementTransformer(List<JsonNode> replacements) implements Transformer {
    private static final String DEFAULT_FIELD_PATH = "metadata.name";

    @Override
    public void transform(ResMap resources) {
        for (JsonNode replacement : replacements) {
            JsonNode source = replacement.path("source");
            JsonNode targets = replacement.path("targets");
            if (!source.isObject() || !targets.isArray()) {
                throw new KustomizeException("replacements must specify a source and at least one target");
            }
            JsonNode value = sourceValue(resources, source);
            for (JsonNode target : targets) {
                apply(resources, value, target);
            }
        }
    }

    private static JsonNode sourceValue(ResMap resources, JsonNode source) {
        ResId selector = resId(source);
        List<Resource> matches = new ArrayList<>();
        for (Resource resource : resources.resources()) {
            if (resource.allIds().stream().anyMatch(id -> id.isSelectedBy(selector))) {
                matches.add(resource);
            }
        }
        String description = sourceDescription(selector, source);
        if (matches.size() > 1) {
            throw new KustomizeException("multiple matches for selector " + description);
        }
        if (matches.isEmpty()) {
            throw new KustomizeException("nothing selected by " + description);
        }
        String fieldPath = Scalars.text(source.get("fieldPath"));
        if (fieldPath.isEmpty()) {
            fieldPath = DEFAULT_FIELD_PATH;
        }
        JsonNode value;
        try {
            value = PathMatcher.lookup(matches.getFirst().object(), PathMatcher.split(fieldPath));
        } catch (KustomizeException e) {
            throw new KustomizeException("error looking up replacement source: " + e.problem());
        }
        // An empty string is a value; null, {} and [] are not.
        if (value == null || value.isNull() || (value.isContainerNode() && value.isEmpty())) {
            throw new KustomizeException("fieldPath `" + fieldPath + "` is missing for replacement source " + selector);
        }
        JsonNode options = source.path("options");
        String delimiter = Scalars.text(options.get("delimiter"));
        if (delimiter.isEmpty()) {
            return value;
        }
        if (!value.isValueNode()) {
            throw new KustomizeException("delimiter option can only be used with scalar nodes");
        }
        String[] parts = Scalars.text(value).split(Pattern.quote(delimiter), -1);
        int index = options.path("index").asInt(0);
        if (index < 0 || index >= parts.length) {
            throw new KustomizeException("options.index " + index + " is out of bounds for value " + Scalars.text(value));
        }
        return ScalarRetyping.withText(value, parts[index]);
    }

    /** As kustomize prints a source selector: its id, then the field path and options when set. */
    private static String sourceDescription(ResId selector, JsonNode source) {
        StringBuilder text = new StringBuilder(selector.toString());
        String fieldPath = Scalars.text(source.get("fieldPath"));
        if (!fieldPath.isEmpty()) {
            text.append(':').append(fieldPath);
        }
        JsonNode options = source.path("options");
        String delimiter = Scalars.text(options.get("delimiter"));
        boolean create = options.path("create").asBoolean(false);
        if (!delimiter.isEmpty() || create) {
            text.append(':').append(delimiter).append('(').append(options.path("index").asInt(0)).append("), create=").append(create);
        }
        return text.toString();
    }

    private static void apply(ResMap resources, JsonNode value, JsonNode target) {
        JsonNode select = target.path("select");
        if (!select.isObject()) {
            throw new KustomizeException("target must specify resources to select");
        }
        Selector selector = Selector.parse(select);
        List<Selector> rejects = new ArrayList<>();
        target.path("reject").forEach(r -> rejects.add(Selector.parse(r)));
        List<String> fieldPaths = new ArrayList<>();
        target.path("fieldPaths").forEach(p -> fieldPaths.add(Scalars.text(p)));
        if (fieldPaths.isEmpty()) {
            fieldPaths.add(DEFAULT_FIELD_PATH);
        }
        JsonNode options = target.path("options");
        for (Resource resource : resources.resources()) {
            if (!selector.matchesLabels(resource)
                    || rejects.stream().anyMatch(r -> hasLabelSelection(r) && r.matchesLabels(resource))) {
                continue;
            }
            // Selected by any of its ids, unless a reject takes any of them.
            List<ResId> ids = resource.allIds();
            boolean selected = ids.stream().anyMatch(id -> id.isSelectedBy(resId(selector)))
                    && ids.stream().noneMatch(id -> rejects.stream().anyMatch(r -> !isEmptyId(r) && id.isSelectedBy(resId(r))));
            if (selected) {
                copy(resource, value, fieldPaths, options);
            }
        }
    }

    private static void copy(Resource resource, JsonNode value, List<String> fieldPaths, JsonNode options) {
        boolean create = options.path("create").asBoolean(false);
        PathMatcher.Leaf leaf = !create ? null
                : value.isObject() ? PathMatcher.Leaf.MAP : value.isArray() ? PathMatcher.Leaf.SEQUENCE : PathMatcher.Leaf.SCALAR;
        for (String path : fieldPaths) {
            List<PathMatcher.Target> targets;
            try {
                targets = PathMatcher.match(resource.object(), PathMatcher.split(path), leaf);
            } catch (KustomizeException e) {
                throw new KustomizeException(fieldRetrievalError(path, create) + ": " + e.problem());
            }
            if (targets.isEmpty()) {
                throw new KustomizeException(fieldRetrievalError(path, create));
            }
            targets.forEach(t -> set(t, value, options));
        }
    }

    private static String fieldRetrievalError(String path, boolean create) {
        return (create ? "unable to find or create field \"" : "unable to find field \"") + path + "\" in replacement target";
    }

    private static void set(PathMatcher.Target target, JsonNode value, JsonNode options) {
        JsonNode current = target.slot().get();
        JsonNode replacement = value;
        String delimiter = Scalars.text(options.get("delimiter"));
        if (!delimiter.isEmpty()) {
            if (current == null || !current.isValueNode()) {
                throw new KustomizeException("delimiter option can only be used with scalar nodes");
            }
            List<String> parts = new ArrayList<>(List.of(Scalars.nodeText(current).split(Pattern.quote(delimiter), -1)));
            int index = options.path("index").asInt(0);
            String v = value.isValueNode() ? Scalars.text(value) : "";
            if (index < 0) {
                parts.addFirst(v);
            } else if (index >= parts.size()) {
                parts.add(v);
            } else {
                parts.set(index, v);
            }
            replacement = TextNode.valueOf(String.join(delimiter, parts));
        }
        if (current == null || !current.isValueNode()) {
            target.slot().set(replacement.deepCopy());
            return;
        }
        // Only the text of a scalar changes (a map or list value has none).
        String text = replacement.isValueNode() ? Scalars.text(replacement) : "";
        target.slot().set(target.created() ? new ScalarRetyping.Untagged(text) : ScalarRetyping.withText(current, text));
    }

    private static ResId resId(JsonNode node) {
        return resId(Selector.parse(node));
    }

    private static ResId resId(Selector s) {
        return new ResId(new Gvk(s.group(), s.version(), s.kind()), s.name(), s.namespace());
    }

    private static boolean isEmptyId(Selector s) {
        return s.group().isEmpty() && s.version().isEmpty() && s.kind().isEmpty() && s.name().isEmpty() && s.namespace().isEmpty();
    }

    private static boolean hasLabelSelection(Selector s) {
        return !s.labelSelector().isEmpty() || !s.annotationSelector().isEmpty();
    }
}
