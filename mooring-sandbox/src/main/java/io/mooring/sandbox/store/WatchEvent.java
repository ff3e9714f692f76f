package io.mooring.sandbox.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A change to one object, as a watch delivers it. The objects are the store's own: never change
 * them (copy first with {@code deepCopy()}).
 *
 * @param type     ADDED, MODIFIED, DELETED or BOOKMARK
 * @param typeKey  the resource it belongs to ({@code group/plural})
 * @param revision the store revision of the change
 * @param object   the object after the change (its last state, for DELETED)
 * @param previous the object before the change; null for ADDED (and for events a watch made up)
 */
public record WatchEvent(Type type, String typeKey, long revision, ObjectNode object, ObjectNode previous) {
    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

    public WatchEvent(Type type, String typeKey, long revision, ObjectNode object) {
        this(type, typeKey, revision, object, null);
    }

    public String namespace() {
        return object.path("metadata").path("namespace").asText("");
    }

    /** The same change seen as another type: an update that makes an object enter or leave a watch's selection. */
    public WatchEvent as(Type seenAs) {
        return new WatchEvent(seenAs, typeKey, revision, object, previous);
    }
}
