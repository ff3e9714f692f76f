package io.mooring.render.kustomize.patch;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The schema of a resource or of one of its fields, with references resolved, as kyaml's
 * {@code openapi.ResourceSchema} sees it; the API server's extensions are read apart (list and
 * map types, the single merge key, formats), for the sandbox's patch and apply.
 */
public final class FieldSchema {
    private final KubernetesSchema registry;
    private final SchemaNode node;
    private final String definition;
    private final SchemaNode.Extensions reference;

    /**
     * @param definition the definition reached through a reference, "" for an inline schema
     * @param reference  the extensions of the referencing field (its own map type, merge key and
     *                   strategy), {@code NONE} for an inline schema
     */
    FieldSchema(KubernetesSchema registry, SchemaNode node, String definition, SchemaNode.Extensions reference) {
        this.registry = registry;
        this.node = node;
        this.definition = definition;
        this.reference = reference;
    }

    /** The schema of field {@code name}: a declared property, else the map-value schema, else none. */
    public Optional<FieldSchema> field(String name) {
        SchemaNode found = node.properties().get(name);
        if (found == null) {
            found = node.additionalProperties();
        }
        return registry.resolve(found);
    }

    /** The schema of a declared property only (not of map values). */
    public Optional<FieldSchema> property(String name) {
        return registry.resolve(node.properties().get(name));
    }

    /** The names of the declared properties, in name order. */
    public Set<String> propertyNames() {
        return node.properties().keySet();
    }

    /** The schema of map values ({@code additionalProperties}), when it has one. */
    public Optional<FieldSchema> values() {
        return registry.resolve(node.additionalProperties());
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

    /** The named definition this schema was reached through, "" for an inline schema. */
    public String definition() {
        return definition;
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

    /** {@code x-kubernetes-patch-merge-key}: the one key the API server's strategic merge matches elements by. */
    public String patchMergeKey() {
        return reference.patchMergeKey().isEmpty() ? node.extensions().patchMergeKey() : reference.patchMergeKey();
    }

    /**
     * {@code x-kubernetes-patch-strategy} as the API server reads it: also on a field that refers
     * to a definition ({@code DeploymentSpec.strategy: retainKeys}), which kyaml does not read.
     */
    public String serverPatchStrategy() {
        return reference.referenceStrategy().isEmpty() ? node.patchStrategy() : reference.referenceStrategy();
    }

    /** {@code x-kubernetes-list-type} (atomic, set, map), "" when absent. */
    public String listType() {
        return node.extensions().listType();
    }

    /** {@code x-kubernetes-list-map-keys}. */
    public List<String> listMapKeys() {
        return node.extensions().listMapKeys();
    }

    /**
     * {@code x-kubernetes-map-type} (atomic, granular), "" when absent; a field's own marker wins
     * over the one of the definition it refers to.
     */
    public String mapType() {
        return reference.mapType().isEmpty() ? node.extensions().mapType() : reference.mapType();
    }

    /** {@code format}, "" when absent. */
    public String format() {
        return node.extensions().format();
    }

    /** {@code x-kubernetes-preserve-unknown-fields: true}. */
    public boolean preservesUnknownFields() {
        return node.extensions().preserveUnknownFields();
    }

    /** {@code x-kubernetes-embedded-resource: true}. */
    public boolean embeddedResource() {
        return node.extensions().embeddedResource();
    }

    /** {@code additionalProperties: true}: any key, any value. */
    public boolean anyValues() {
        return node.extensions().anyValues();
    }

    @Override
    public String toString() {
        return "FieldSchema" + node;
    }
}
