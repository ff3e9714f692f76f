package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.store.WatchEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A controller's copy of one resource, kept from its watch (an informer's store), with indexes
 * so that a controller finds "the pods of this ReplicaSet" or "the pods on this node" without
 * scanning every pod. The objects are the store's own and must not be changed.
 */
public final class Cache {
    /** A change the watch delivered: {@code before} null when added, {@code after} null when deleted. */
    public record Change(ObjectNode before, ObjectNode after) {
        public ObjectNode current() {
            return after != null ? after : before;
        }
    }

    private final Map<String, ObjectNode> objects = new HashMap<>();
    private final Map<String, Index> indexes = new LinkedHashMap<>();

    private static final class Index {
        final Function<ObjectNode, String> keyOf;
        final Map<String, Set<String>> entries = new HashMap<>();

        Index(Function<ObjectNode, String> keyOf) {
            this.keyOf = keyOf;
        }

        void add(String objectKey, ObjectNode object) {
            String value = keyOf.apply(object);
            if (value != null) {
                entries.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(objectKey);
            }
        }

        void remove(String objectKey, ObjectNode object) {
            String value = keyOf.apply(object);
            if (value != null) {
                Set<String> keys = entries.get(value);
                if (keys != null && keys.remove(objectKey) && keys.isEmpty()) {
                    entries.remove(value);
                }
            }
        }
    }

    /** Adds an index: objects by the value {@code keyOf} gives (null leaves an object out). */
    public Cache index(String name, Function<ObjectNode, String> keyOf) {
        indexes.put(name, new Index(keyOf));
        return this;
    }

    /** Applies a watch event; null when it changed nothing this cache keeps. */
    public Change apply(WatchEvent event) {
        if (event.type() == WatchEvent.Type.BOOKMARK || event.type() == WatchEvent.Type.ERROR) {
            return null;
        }
        ObjectNode object = event.object();
        String key = Json.key(object);
        ObjectNode before = objects.get(key);
        if (event.type() == WatchEvent.Type.DELETED) {
            if (before == null) {
                return null;
            }
            objects.remove(key);
            indexes.values().forEach(index -> index.remove(key, before));
            return new Change(before, null);
        }
        if (before != null && Json.revision(before) > Json.revision(object)) {
            return null;
        }
        if (before != null) {
            indexes.values().forEach(index -> index.remove(key, before));
        }
        objects.put(key, object);
        indexes.values().forEach(index -> index.add(key, object));
        return new Change(before, object);
    }

    public ObjectNode get(String key) {
        return objects.get(key);
    }

    public ObjectNode get(String namespace, String name) {
        return objects.get(Json.key(namespace, name));
    }

    public Collection<ObjectNode> all() {
        return Collections.unmodifiableCollection(objects.values());
    }

    /** The objects an index files under {@code value}, in the order they were added. */
    public List<ObjectNode> byIndex(String index, String value) {
        Set<String> keys = indexes.get(index).entries.get(value);
        if (keys == null) {
            return List.of();
        }
        List<ObjectNode> result = new ArrayList<>(keys.size());
        for (String key : keys) {
            result.add(objects.get(key));
        }
        return result;
    }

    /** Forgets everything (the watch starts over). */
    public void clear() {
        objects.clear();
        indexes.values().forEach(index -> index.entries.clear());
    }
}
