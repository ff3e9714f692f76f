package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;

/**
 * The patch formats whose meaning depends on the schema: strategic merge patch and server-side
 * apply, plus the field ownership ({@code managedFields}) that apply relies on.
 */
public interface PatchEngine {
    /** {@code current} with a strategic merge patch applied. */
    ObjectNode strategicMerge(ResourceType type, ObjectNode current, JsonNode patch);

    /**
     * Server-side apply: {@code applied} merged into {@code current} (null when the object does not
     * exist yet) as {@code manager}'s intent; fields the manager applied before and omits now are
     * removed; fields another manager owns conflict unless {@code force}.
     *
     * @throws io.mooring.sandbox.store.ApiException 409 on conflicts
     */
    ObjectNode apply(ResourceType type, ObjectNode current, ObjectNode applied, String manager, boolean force);

    /** Records in {@code updated}'s managedFields that {@code manager} wrote what changed from {@code previous} (null on create). */
    void recordUpdate(ResourceType type, ObjectNode previous, ObjectNode updated, String manager, String subresource);
}
