package io.mooring.render.kustomize.patch;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The schema of a resource or of one of its fields, with references resolved, as kyaml's
 * {@code openapi.ResourceSchema} sees it.
 */
public final class FieldSchema {
    private final KubernetesSchema registry;
    private final SchemaNode node;

    FieldSchema(KubernetesSchema registry, SchemaNode node) {
        this.registry = registry;
        this.node = node;
    }

    /** The schema of field {@code name}: a declared property, else the map-value schema, else none. */
    public Optional<FieldSchema> field(String name) {
        SchemaNode found = node.properties().get(name);
        if (found == null) {
            found = node.additionalProperties();
        }
        return registry.resolve(found);
    }

    /** The schema of the elements, when this is an array with an item schema. */
    public Optional<FieldSchema> elements() {
        if (!"array".equals(node.type())) {
            return Optional.empty();
        }
        return registry.resolve(node.items());
    }

    /** The OpenAPI type, "" when the schema does not say. */
    public String type() {
        return node.type();
    }

    /** {@code x-kubernetes-patch-strategy}, "" when absent (e.g. "merge", "merge,retainKeys", "replace"). */
    public String patchStrategy() {
        return node.patchStrategy();
    }

    /** The keys that identify list elements when merging; empty for lists of primitives or without strategy. */
    public List<String> mergeKeys() {
        return node.mergeKeys();
    }

    /** Whether strategic merge merges this list element by element rather than replacing it. */
    public boolean mergesElements() {
        return Arrays.asList(node.patchStrategy().split(",")).contains("merge");
    }

    @Override
    public String toString() {
        return "FieldSchema" + node;
    }
}
