package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.MergePatch;
import io.mooring.sandbox.api.PatchEngine;
import io.mooring.sandbox.catalog.ResourceType;

/**
 * The first patch engine: strategic merge and apply approximated by JSON merge patch, no field
 * ownership. Replaced by the schema-aware engine (strategic merge keys, server-side apply with
 * managedFields); kept only until then.
 */
public final class MergePatchEngine implements PatchEngine {
    @Override
    public ObjectNode strategicMerge(ResourceType type, ObjectNode current, JsonNode patch) {
        return (ObjectNode) MergePatch.apply(current, patch);
    }

    @Override
    public ObjectNode apply(ResourceType type, ObjectNode current, ObjectNode applied, String manager, boolean force) {
        return current == null ? applied.deepCopy() : (ObjectNode) MergePatch.apply(current, applied);
    }

    @Override
    public void recordUpdate(ResourceType type, ObjectNode previous, ObjectNode updated, String manager, String subresource) {
        // No field ownership in this engine.
    }
}
