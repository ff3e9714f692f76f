package io.mooring.sandbox.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A change to one object, as a watch delivers it.
 *
 * @param type     ADDED, MODIFIED, DELETED or BOOKMARK
 * @param typeKey  the resource it belongs to ({@code group/plural})
 * @param revision the store revision of the change
 * @param object   the object after the change (before it, for DELETED)
 */
public record WatchEvent(Type type, String typeKey, long revision, ObjectNode object) {
    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

    public String namespace() {
        return object.path("metadata").path("namespace").asText("");
    }
}
