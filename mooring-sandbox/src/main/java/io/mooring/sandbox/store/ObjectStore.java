package io.mooring.sandbox.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The sandbox's etcd: objects by resource, namespace and name, one revision counter for all writes
 * (an object's {@code resourceVersion} is the revision that last wrote it), and a bounded history
 * of changes from which watches resume. Writes are serialised by one lock; reads copy.
 */
public final class ObjectStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, TreeMap<String, ObjectNode>> objects = new HashMap<>();
    private final ArrayDeque<WatchEvent> history = new ArrayDeque<>();
    private final int historyLimit;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private long revision;
    /** Watches may resume from this revision or later; older ones get 410 Gone. */
    private long oldestResumable;

    public ObjectStore(int historyLimit) {
        this.historyLimit = historyLimit;
    }

    public ObjectStore() {
        this(100_000);
    }

    /** A consistent list: the objects and the revision they are current at. */
    public record Snapshot(List<ObjectNode> items, long revision) {
    }

    public long revision() {
        lock.lock();
        try {
            return revision;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} with no other write in between: for read-check-write sequences. */
    public <T> T atomically(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public Optional<ObjectNode> get(String typeKey, String namespace, String name) {
        lock.lock();
        try {
            ObjectNode object = table(typeKey).get(key(namespace, name));
            return Optional.ofNullable(object).map(ObjectNode::deepCopy);
        } finally {
            lock.unlock();
        }
    }

    /** Objects of a resource, in one namespace or all (null), in namespace/name order. */
    public Snapshot list(String typeKey, String namespace, Predicate<ObjectNode> filter) {
        lock.lock();
        try {
            List<ObjectNode> items = new ArrayList<>();
            TreeMap<String, ObjectNode> table = table(typeKey);
            Iterable<ObjectNode> scope = namespace == null || namespace.isEmpty()
                    ? table.values() : table.subMap(namespace + "/", namespace + "/\uffff").values();
            for (ObjectNode object : scope) {
                if (filter.test(object)) {
                    items.add(object.deepCopy());
                }
            }
            return new Snapshot(items, revision);
        } finally {
            lock.unlock();
        }
    }

    /** Stores a new object under the next revision; the caller checked it does not exist. */
    public ObjectNode insert(String typeKey, ObjectNode object) {
        return write(typeKey, object, WatchEvent.Type.ADDED);
    }

    /** Stores a new version of an existing object under the next revision. */
    public ObjectNode replace(String typeKey, ObjectNode object) {
        return write(typeKey, object, WatchEvent.Type.MODIFIED);
    }

    /** Removes an object; the DELETED event carries its last state, under a new revision. */
    public ObjectNode remove(String typeKey, String namespace, String name) {
        lock.lock();
        try {
            ObjectNode removed = table(typeKey).remove(key(namespace, name));
            if (removed == null) {
                return null;
            }
            revision++;
            removed.with("metadata").put("resourceVersion", Long.toString(revision));
            publish(new WatchEvent(WatchEvent.Type.DELETED, typeKey, revision, removed));
            return removed.deepCopy();
        } finally {
            lock.unlock();
        }
    }

    private ObjectNode write(String typeKey, ObjectNode object, WatchEvent.Type type) {
        lock.lock();
        try {
            revision++;
            ObjectNode stored = object.deepCopy();
            stored.with("metadata").put("resourceVersion", Long.toString(revision));
            JsonMeta meta = JsonMeta.of(stored);
            table(typeKey).put(key(meta.namespace(), meta.name()), stored);
            publish(new WatchEvent(type, typeKey, revision, stored));
            return stored.deepCopy();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a watch. With {@code fromRevision} null, it first delivers every matching object as
     * ADDED (what a watch without resourceVersion does); otherwise it delivers the changes after
     * that revision, or fails with 410 Gone when they are no longer kept.
     */
    public Subscription watch(Predicate<WatchEvent> filter, Long fromRevision, int capacity) {
        lock.lock();
        try {
            Subscription subscription = new Subscription(filter, capacity, this::unsubscribe);
            if (fromRevision == null) {
                for (Map.Entry<String, TreeMap<String, ObjectNode>> table : objects.entrySet()) {
                    for (ObjectNode object : table.getValue().values()) {
                        subscription.offer(new WatchEvent(WatchEvent.Type.ADDED, table.getKey(), revision, object.deepCopy()));
                    }
                }
            } else {
                if (fromRevision < oldestResumable) {
                    throw ApiException.gone("too old resource version: " + fromRevision + " (" + oldestResumable + ")");
                }
                for (WatchEvent event : history) {
                    if (event.revision() > fromRevision) {
                        subscription.offer(event);
                    }
                }
            }
            subscriptions.add(subscription);
            return subscription;
        } finally {
            lock.unlock();
        }
    }

    private void unsubscribe(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    private void publish(WatchEvent event) {
        history.addLast(event);
        while (history.size() > historyLimit) {
            oldestResumable = history.removeFirst().revision();
        }
        for (Subscription subscription : subscriptions) {
            subscription.offer(event);
        }
    }

    /** Every object with its resource, for saving the cluster's state. */
    public Map<String, List<ObjectNode>> dump() {
        lock.lock();
        try {
            Map<String, List<ObjectNode>> result = new TreeMap<>();
            objects.forEach((typeKey, table) -> result.put(typeKey, table.values().stream().map(ObjectNode::deepCopy).toList()));
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Loads saved objects into an empty store, keeping their resource versions; watches resume after them. */
    public void load(Map<String, List<ObjectNode>> saved, long savedRevision) {
        lock.lock();
        try {
            for (Map.Entry<String, List<ObjectNode>> entry : saved.entrySet()) {
                for (ObjectNode object : entry.getValue()) {
                    JsonMeta meta = JsonMeta.of(object);
                    table(entry.getKey()).put(key(meta.namespace(), meta.name()), object.deepCopy());
                }
            }
            revision = Math.max(revision, savedRevision);
            oldestResumable = revision;
        } finally {
            lock.unlock();
        }
    }

    private TreeMap<String, ObjectNode> table(String typeKey) {
        return objects.computeIfAbsent(typeKey, k -> new TreeMap<>());
    }

    private static String key(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }
}
