package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.PatchEngine;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The sandbox's patch engine: strategic merge patch, server-side apply and field ownership as a
 * Kubernetes 1.34 API server does them, each kind read through its schema
 * ({@link ResourceSchemas}).
 */
public final class SchemaPatchEngine implements PatchEngine {
    private static final String SMP_UNSUPPORTED = "the body of the request was in an unknown format - accepted media types include: "
            + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

    private final ResourceSchemas schemas;
    private final FieldManager fieldManager;

    public SchemaPatchEngine(ResourceSchemas schemas, Clock clock) {
        this.schemas = schemas;
        this.fieldManager = new FieldManager(clock);
    }

    /** Where custom resource definitions register the schemas of their kinds. */
    public ResourceSchemas schemas() {
        return schemas;
    }

    /** Custom resources have no strategic merge patch: 415, as the API server answers them. */
    @Override
    public ObjectNode strategicMerge(ResourceType type, ObjectNode current, JsonNode patch) {
        if (!schemas.builtin(type.apiVersion(), type.kind())) {
            throw new ApiException(415, "UnsupportedMediaType", SMP_UNSUPPORTED, null, null, null);
        }
        if (!(patch instanceof ObjectNode object)) {
            throw ApiException.badRequest("json: cannot unmarshal " + (patch.isArray() ? "array" : "string")
                    + " into Go value of type map[string]interface {}");
        }
        try {
            ObjectNode patched = StrategicMerge.apply(schemas.of(type.apiVersion(), type.kind()), current, object);
            StrictDecoding.dropNulls(patched);
            return patched;
        } catch (StrategicMerge.PatchError e) {
            throw switch (e.code()) {
                case 400 -> ApiException.badRequest(e.getMessage());
                case 422 -> new ApiException(422, "Invalid", e.getMessage(), null, null, null);
                default -> new ApiException(500, "", e.getMessage(), null, null, null);
            };
        }
    }

    @Override
    public ObjectNode apply(ResourceType type, ObjectNode current, ObjectNode applied, String manager, boolean force, String subresource) {
        ObjectNode result = fieldManager.apply(target(type, subresource), current, applied, manager, force, orEmpty(subresource));
        StrictDecoding.dropNulls(result);
        return result;
    }

    @Override
    public void recordUpdate(ResourceType type, ObjectNode previous, ObjectNode updated, String manager, String subresource) {
        fieldManager.update(target(type, subresource), previous, updated, manager, orEmpty(subresource));
    }

    @Override
    public List<String> decode(ResourceType type, ObjectNode object, Set<String> duplicateFields) {
        return StrictDecoding.check(schemas.of(type.apiVersion(), type.kind()), object, duplicateFields);
    }

    private FieldManager.Target target(ResourceType type, String subresource) {
        TypeSchema schema = schemas.of(type.apiVersion(), type.kind());
        return new FieldManager.Target(schema, type.apiVersion(), type.kind(), ignored(type, schema, orEmpty(subresource)),
                schemas.builtin(type.apiVersion(), type.kind()));
    }

    /**
     * The fields a write may not set, as the API server's reset fields: the status through the
     * main resource of a kind with a status subresource, everything but the status through it.
     */
    private static FieldSet ignored(ResourceType type, TypeSchema schema, String subresource) {
        FieldSet.Builder builder = new FieldSet.Builder();
        if (subresource.equals("status")) {
            for (String field : schema.declaredFields()) {
                if (!List.of("apiVersion", "kind", "status").contains(field)) {
                    builder.insert(List.of(new PathElement.Field(field)));
                }
            }
            builder.insert(List.of(new PathElement.Field("metadata")));
            builder.insert(List.of(new PathElement.Field("spec")));
        } else if (type.hasStatus()) {
            builder.insert(List.of(new PathElement.Field("status")));
        }
        return builder.build();
    }

    private static String orEmpty(String subresource) {
        return subresource == null ? "" : subresource;
    }
}
