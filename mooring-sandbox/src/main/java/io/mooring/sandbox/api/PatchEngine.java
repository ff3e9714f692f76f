package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;

import java.util.List;
import java.util.Set;

/**
 * The parts of the API whose meaning depends on each kind's schema: strategic merge patch,
 * server-side apply, the field ownership ({@code managedFields}) that apply relies on, and what
 * decoding a request into the kind's type keeps and reports.
 */
public interface PatchEngine {
    /** {@code current} with a strategic merge patch applied. */
    ObjectNode strategicMerge(ResourceType type, ObjectNode current, JsonNode patch);

    /**
     * Server-side apply: {@code applied} merged into {@code current} (null when the object does not
     * exist yet) as {@code manager}'s intent, with the managedFields that result; fields the manager
     * applied before and omits now are removed; fields another manager owns conflict unless
     * {@code force}.
     *
     * @param subresource "" or null for the main resource, else e.g. "status"
     * @throws io.mooring.sandbox.store.ApiException 409 on conflicts
     */
    ObjectNode apply(ResourceType type, ObjectNode current, ObjectNode applied, String manager, boolean force, String subresource);

    /** Records in {@code updated}'s managedFields that {@code manager} wrote what changed from {@code previous} (null on create). */
    void recordUpdate(ResourceType type, ObjectNode previous, ObjectNode updated, String manager, String subresource);

    /**
     * Decodes {@code object} as the kind's type would: removes fields the type does not declare
     * (and null values), and returns the strict decoder's complaints in document order
     * ({@code unknown field "spec.x"}, {@code duplicate field "spec.y"} for the paths in
     * {@code duplicateFields}); the caller decides, by the request's field validation, whether they
     * fail the request, become warnings or are ignored.
     */
    List<String> decode(ResourceType type, ObjectNode object, Set<String> duplicateFields);
}
