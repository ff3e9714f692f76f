package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * kustomize's builtin ValueAddTransformer (configured under {@code transformers:}): writes one
 * value into fields of the selected objects, or into a file path held by such a field
 * ({@code filePathPosition}). The namespace field gets kustomize's namespace handling.
 *
 * @param value   the value; kustomize defaults it to the kustomization directory's name
 * @param targets where to write it
 */
record ValueAddTransformer(String value, List<Target> targets) implements Transformer {
    private static final String NAMESPACE_PATH = "metadata/namespace";

    /** One target: which objects (all when no selector), which field, where in a file path. */
    record Target(Selector selector, String fieldPath, int filePathPosition) {
    }

    static ValueAddTransformer parse(JsonNode config, String directoryName) {
        String value = Scalars.text(config.get("value")).strip();
        List<Target> targets = new ArrayList<>();
        for (JsonNode target : config.path("targets")) {
            String fieldPath = Scalars.text(target.get("fieldPath"));
            if (fieldPath.isEmpty()) {
                throw new KustomizeException("fieldPath cannot be empty");
            }
            int position = target.path("filePathPosition").asInt(0);
            if (position < 0) {
                throw new KustomizeException("value of FilePathPosition (" + position + ") cannot be negative");
            }
            Selector selector = target.path("selector").isObject() ? Selector.parse(target.get("selector")) : null;
            targets.add(new Target(selector, fieldPath, position));
        }
        if (targets.isEmpty()) {
            throw new KustomizeException("must specify at least one target");
        }
        if (!Scalars.text(config.get("targetFilePath")).isEmpty()) {
            throw new KustomizeException("targetFilePath is not supported; list the targets in the transformer config");
        }
        return new ValueAddTransformer(value.isEmpty() ? directoryName : value, targets);
    }

    @Override
    public void transform(ResMap resources) {
        for (Target target : targets) {
            List<Resource> selected = target.selector() == null ? resources.resources() : target.selector().select(resources);
            for (Resource resource : selected) {
                if (target.fieldPath().equals(NAMESPACE_PATH)) {
                    new NamespaceTransformer(value, List.of(), false, NamespaceTransformer.Subjects.DEFAULT_ONLY)
                            .apply(resource.object());
                } else {
                    add(resource.object(), target);
                }
            }
        }
    }

    private void add(ObjectNode object, Target target) {
        FieldSpec spec = FieldSpec.of(target.fieldPath(), true);
        FieldPaths.apply(object, spec, FieldPaths.Create.SCALAR, slot -> {
            JsonNode current = slot.get();
            if (current != null && current.isContainerNode()) {
                throw new KustomizeException("wrong node kind: expected ScalarNode");
            }
            String added = target.filePathPosition() > 0
                    ? insertPathPart(Scalars.nodeText(current), target.filePathPosition() - 1, value) : value;
            // The new scalar has no tag of its own: "123" prints as a number.
            slot.set(new ScalarRetyping.Untagged(added));
        });
    }

    /** The file path with {@code part} inserted before its {@code position}-th part (or at its end). */
    static String insertPathPart(String path, int position, String part) {
        boolean absolute = path.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String piece : path.split("/")) {
            if (!piece.isEmpty()) {
                parts.add(piece);
            }
        }
        parts.add(Math.min(Math.max(position, 0), parts.size()), part);
        return (absolute ? "/" : "") + String.join("/", parts);
    }
}
