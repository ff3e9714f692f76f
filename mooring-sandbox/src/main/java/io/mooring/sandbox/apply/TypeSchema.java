package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mooring.render.kustomize.patch.FieldSchema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What server-side apply, strategic merge and field validation know of one type, read from an
 * OpenAPI schema the way the API server's converter reads it (kube-openapi's schemaconv):
 * objects with properties are structs (unknown fields refused unless preserved), objects without
 * are maps, lists are atomic unless {@code x-kubernetes-list-type} (or a {@code merge} patch
 * strategy) says otherwise, strings with a format are untyped scalars, and a schema without a
 * type takes its shape from the value. Kinds without a schema are {@link #DEDUCED}: maps merged
 * key by key, lists replaced whole.
 */
final class TypeSchema {
    /** What a value of this type is. */
    enum Shape { MAP, LIST, SCALAR, ANY }

    /** The scalar types apply checks values against. */
    enum Scalar { NUMERIC, STRING, BOOLEAN, UNTYPED }

    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    private static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
    private static final Set<String> EMBEDDED_FIELDS = Set.of("apiVersion", "kind", "metadata");
    /**
     * Defaults of list-map key fields. The API server reads them from its OpenAPI v3 document
     * ({@code default: TCP}); the v2 document the table comes from lacks defaults, and these are
     * the only key fields of the built-in kinds that have one.
     */
    private static final Map<String, String> KEY_DEFAULTS = Map.of(
            "io.k8s.api.core.v1.ContainerPort.protocol", "TCP",
            "io.k8s.api.core.v1.ServicePort.protocol", "TCP");

    /** structured-merge-diff's "deduced" type: the value decides; maps granular, lists atomic. */
    static final TypeSchema DEDUCED = new TypeSchema(null, false, false);
    /** structured-merge-diff's "untyped atomic" type: the value decides; replaced whole. */
    static final TypeSchema UNTYPED_ATOMIC = new TypeSchema(null, true, false);

    private final FieldSchema schema;
    private final boolean atomicAny;
    private final boolean preserveUnknown;

    private TypeSchema(FieldSchema schema, boolean atomicAny, boolean preserveUnknown) {
        this.schema = schema;
        this.atomicAny = atomicAny;
        this.preserveUnknown = preserveUnknown;
    }

    static TypeSchema of(FieldSchema schema) {
        return of(schema, false);
    }

    private static TypeSchema of(FieldSchema schema, boolean preserveUnknownAbove) {
        if (RAW_EXTENSION.equals(schema.definition())) {
            return UNTYPED_ATOMIC;
        }
        return new TypeSchema(schema, false, preserveUnknownAbove || schema.preservesUnknownFields());
    }

    Shape shape() {
        if (schema == null) {
            return Shape.ANY;
        }
        if (QUANTITY.equals(schema.definition())) {
            return Shape.SCALAR;
        }
        return switch (schema.type()) {
            case "object" -> Shape.MAP;
            case "array" -> Shape.LIST;
            case "" -> Shape.ANY;
            default -> Shape.SCALAR;
        };
    }

    /** The shape a value takes: this type's own, or for an untyped one, the value's. */
    Shape shapeOf(JsonNode value) {
        Shape shape = shape();
        if (shape != Shape.ANY) {
            return shape;
        }
        if (value != null && value.isObject()) {
            return Shape.MAP;
        }
        if (value != null && value.isArray()) {
            return Shape.LIST;
        }
        return Shape.SCALAR;
    }

    Scalar scalar() {
        if (schema == null || QUANTITY.equals(schema.definition())) {
            return Scalar.UNTYPED;
        }
        return switch (schema.type()) {
            case "integer", "number" -> Scalar.NUMERIC;
            case "boolean" -> Scalar.BOOLEAN;
            case "string" -> schema.format().isEmpty() || schema.format().equals("byte") ? Scalar.STRING : Scalar.UNTYPED;
            default -> Scalar.UNTYPED;
        };
    }

    // ---- maps and structs

    /** Whether a map or list of this type is replaced whole rather than merged. */
    boolean atomic(Shape as) {
        if (schema == null) {
            return atomicAny || as == Shape.LIST;
        }
        if (as == Shape.MAP) {
            return "atomic".equals(schema.mapType());
        }
        return listType() == ListType.ATOMIC;
    }

    /** Whether {@code name} is a declared field (a struct field, not a map key). */
    boolean declares(String name) {
        return schema != null && (schema.propertyNames().contains(name) || schema.embeddedResource() && EMBEDDED_FIELDS.contains(name));
    }

    /** The names of the declared fields (struct fields), in name order; none for maps and untyped values. */
    Set<String> declaredFields() {
        return schema == null ? Set.of() : schema.propertyNames();
    }

    /** The type of field or map key {@code name}, or null when this struct does not allow it. */
    TypeSchema field(String name) {
        if (schema == null) {
            return atomicAny ? UNTYPED_ATOMIC : DEDUCED;
        }
        if (schema.propertyNames().contains(name)) {
            return of(schema.property(name).orElseThrow(), preserveUnknown);
        }
        if (schema.embeddedResource() && EMBEDDED_FIELDS.contains(name)) {
            return DEDUCED;
        }
        return values();
    }

    /** The type of the values of undeclared keys, or null when undeclared keys are not allowed. */
    private TypeSchema values() {
        if (schema.values().isPresent()) {
            return of(schema.values().get(), preserveUnknown);
        }
        if (preserveUnknown || schema.anyValues() || schema.propertyNames().isEmpty()) {
            return DEDUCED;
        }
        return null;
    }

    // ---- lists

    /** How list elements are told apart. */
    enum ListType { ATOMIC, SET, MAP }

    ListType listType() {
        if (schema == null) {
            return ListType.ATOMIC;
        }
        switch (schema.listType()) {
            case "atomic":
                return ListType.ATOMIC;
            case "set":
                return ListType.SET;
            case "map":
                return ListType.MAP;
            default:
                break;
        }
        // Without a list type, the API server reads a merge patch strategy as an associative list.
        if (schema.serverPatchStrategy().equals("merge") || schema.serverPatchStrategy().equals("merge,retainKeys")) {
            return schema.patchMergeKey().isEmpty() ? ListType.SET : ListType.MAP;
        }
        return ListType.ATOMIC;
    }

    /** The keys of a map-typed list. */
    List<String> keys() {
        if (schema == null) {
            return List.of();
        }
        if (schema.listType().equals("map")) {
            return schema.listMapKeys();
        }
        return schema.patchMergeKey().isEmpty() ? List.of() : List.of(schema.patchMergeKey());
    }

    /** The default of key field {@code key} of this list's elements, or null when it has none. */
    JsonNode keyDefault(String key) {
        if (schema == null) {
            return null;
        }
        String value = schema.elements().map(e -> KEY_DEFAULTS.get(e.definition() + "." + key)).orElse(null);
        return value == null ? null : JsonNodeFactory.instance.textNode(value);
    }

    TypeSchema elements() {
        if (schema == null) {
            return UNTYPED_ATOMIC;
        }
        return schema.elements().map(e -> of(e, preserveUnknown)).orElse(UNTYPED_ATOMIC);
    }

    // ---- strategic merge patch

    /** {@code x-kubernetes-patch-strategy} of this field, "" when none. */
    String patchStrategy() {
        return schema == null ? "" : schema.serverPatchStrategy();
    }

    /** {@code x-kubernetes-patch-merge-key} of this field, "" when none. */
    String patchMergeKey() {
        return schema == null ? "" : schema.patchMergeKey();
    }
}
