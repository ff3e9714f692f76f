package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.resource.LabelSelector;
import io.mooring.resource.YamlScalars;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * kustomize's replacements: copy a field of one object (the source) into fields of others (the
 * targets), optionally one part of a delimited value. A scalar target keeps its type, as in
 * kustomize: copying "3" into {@code replicas: 1} gives the number 3.
 */
record ReplacementTransformer(List<JsonNode> replacements) implements Transformer {

    @Override
    public void transform(ResMap resources) {
        for (JsonNode replacement : replacements) {
            JsonNode source = replacement.path("source");
            JsonNode targets = replacement.path("targets");
            if (source.isMissingNode() || !targets.isArray()) {
                throw new KustomizeException("replacements must specify a source and at least one target");
            }
            JsonNode value = sourceValue(resources, source);
            for (JsonNode target : targets) {
                apply(resources, value, target);
            }
        }
    }

    private static JsonNode sourceValue(ResMap resources, JsonNode source) {
        ResId selector = resIdSelector(source);
        List<Resource> matches = new ArrayList<>();
        for (Resource resource : resources.resources()) {
            if (resource.allIds().stream().anyMatch(id -> id.isSelectedBy(selector))) {
                matches.add(resource);
            }
        }
        if (matches.size() > 1) {
            throw new KustomizeException("multiple matches for selector " + selector);
        }
        if (matches.isEmpty()) {
            throw new KustomizeException("nothing selected by " + selector);
        }
        String fieldPath = source.path("fieldPath").asText("metadata.name");
        JsonNode value = FieldLookup.get(matches.getFirst().object(), fieldPath);
        if (value == null || value.isNull() || (value.isContainerNode() && value.isEmpty())
                || (value.isTextual() && value.asText().isEmpty())) {
            throw new KustomizeException("fieldPath `" + fieldPath + "` is missing for replacement source " + selector);
        }
        JsonNode options = source.path("options");
        String delimiter = options.path("delimiter").asText("");
        if (delimiter.isEmpty()) {
            return value.deepCopy();
        }
        if (!value.isValueNode()) {
            throw new KustomizeException("delimiter option can only be used with scalar nodes");
        }
        String[] parts = Scalars.text(value).split(Pattern.quote(delimiter), -1);
        int index = options.path("index").asInt(0);
        if (index < 0 || index >= parts.length) {
            throw new KustomizeException("options.index " + index + " is out of bounds for value " + Scalars.text(value));
        }
        return TextNode.valueOf(parts[index]);
    }

    private static void apply(ResMap resources, JsonNode value, JsonNode target) {
        JsonNode select = target.path("select");
        if (select.isMissingNode() || select.isNull()) {
            throw new KustomizeException("target must specify resources to select");
        }
        Selector selector = Selector.parse(select);
        List<Selector> rejects = new ArrayList<>();
        target.path("reject").forEach(r -> rejects.add(Selector.parse(r)));
        List<String> fieldPaths = new ArrayList<>();
        target.path("fieldPaths").forEach(p -> fieldPaths.add(p.asText()));
        if (fieldPaths.isEmpty()) {
            fieldPaths.add("metadata.name");
        }
        JsonNode options = target.path("options");
        boolean create = options.path("create").asBoolean(false);
        for (Resource resource : resources.resources()) {
            if (!labelsMatch(selector, resource) || rejects.stream().anyMatch(r -> hasLabelSelection(r) && labelsMatch(r, resource))) {
                continue;
            }
            List<ResId> ids = resource.allIds();
            if (rejects.stream().filter(r -> !isEmptyId(r)).anyMatch(r -> ids.stream().anyMatch(id -> idMatches(r, id)))) {
                continue;
            }
            if (ids.stream().anyMatch(id -> idMatches(selector, id))) {
                for (String path : fieldPaths) {
                    List<FieldPaths.Slot> slots;
                    try {
                        slots = PathMatcher.match(resource.object(), path, create ? value::deepCopy : null);
                    } catch (KustomizeException e) {
                        throw new KustomizeException(fieldRetrievalError(path, create) + ": " + e.problem());
                    }
                    if (slots.isEmpty()) {
                        throw new KustomizeException(fieldRetrievalError(path, create));
                    }
                    slots.forEach(slot -> set(slot, value, options));
                }
            }
        }
    }

    private static String fieldRetrievalError(String path, boolean create) {
        return (create ? "unable to find or create field \"" : "unable to find field \"") + path + "\" in replacement target";
    }

    private static void set(FieldPaths.Slot slot, JsonNode value, JsonNode options) {
        JsonNode current = slot.get();
        JsonNode replacement = value.deepCopy();
        String delimiter = options.path("delimiter").asText("");
        if (!delimiter.isEmpty()) {
            if (current == null || !current.isValueNode()) {
                throw new KustomizeException("delimiter option can only be used with scalar nodes");
            }
            List<String> parts = new ArrayList<>(List.of(Scalars.text(current).split(Pattern.quote(delimiter), -1)));
            int index = options.path("index").asInt(0);
            String v = Scalars.text(value);
            if (index < 0) {
                parts.addFirst(v);
            } else if (index >= parts.size()) {
                parts.add(v);
            } else {
                parts.set(index, v);
            }
            replacement = TextNode.valueOf(String.join(delimiter, parts));
        }
        if (current != null && current.isValueNode() && replacement.isValueNode() && !current.isNull()) {
            // kustomize copies only the scalar's text; the target keeps its type.
            slot.set(retyped(current, Scalars.text(replacement)));
        } else {
            slot.set(replacement);
        }
    }

    private static JsonNode retyped(JsonNode like, String text) {
        if (like.isTextual()) {
            return TextNode.valueOf(text);
        }
        JsonNode parsed = text.isEmpty() ? TextNode.valueOf(text) : YamlScalars.plain(text);
        if (like.isIntegralNumber() && parsed.isIntegralNumber()) {
            return LongNode.valueOf(parsed.longValue());
        }
        if (like.isNumber() && parsed.isNumber()) {
            return DoubleNode.valueOf(parsed.doubleValue());
        }
        if (like.isBoolean() && parsed.isBoolean()) {
            return BooleanNode.valueOf(parsed.booleanValue());
        }
        return TextNode.valueOf(text);
    }

    private static ResId resIdSelector(JsonNode node) {
        Selector s = Selector.parse(node);
        return new ResId(new Gvk(s.group(), s.version(), s.kind()), s.name(), s.namespace());
    }

    private static boolean idMatches(Selector selector, ResId id) {
        return Regexes.matchesWhole(selector.group(), id.gvk().group())
                && Regexes.matchesWhole(selector.version(), id.gvk().version())
                && Regexes.matchesWhole(selector.kind(), id.gvk().kind())
                && Regexes.matchesWhole(selector.name(), id.name())
                && Regexes.matchesWhole(selector.namespace(), id.namespace());
    }

    private static boolean isEmptyId(Selector s) {
        return s.group().isEmpty() && s.version().isEmpty() && s.kind().isEmpty() && s.name().isEmpty() && s.namespace().isEmpty();
    }

    private static boolean hasLabelSelection(Selector s) {
        return !s.labelSelector().isEmpty() || !s.annotationSelector().isEmpty();
    }

    private static boolean labelsMatch(Selector selector, Resource resource) {
        return LabelSelector.parse(selector.labelSelector()).matches(resource.labels())
                && LabelSelector.parse(selector.annotationSelector()).matches(resource.annotations());
    }

}
