package io.mooring.sandbox.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The sandbox's etcd: objects by resource, namespace and name, one revision counter for all writes
 * (an object's {@code resourceVersion} is the revision that last wrote it), and a bounded history
 * of changes from which watches resume and from which lists are read as of an earlier revision
 * (the later pages of a paged list). Writes are serialised by one lock.
 *
 * <p>A stored object is never changed: a write stores a new one. The methods that hand out stored
 * objects ({@link #read}, {@link #page}, the {@code commit} methods, watch events) therefore share
 * them without copying, and their callers must copy ({@code deepCopy()}) before changing anything;
 * {@link #get}, {@link #list}, {@link #insert}, {@link #replace} and {@link #remove} copy for them.
 */
public final class ObjectStore {
    public static final int DEFAULT_HISTORY = 10_000;
    private static final String ALL_TYPES = "";

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, TreeMap<String, ObjectNode>> objects = new ConcurrentHashMap<>();
    private final ArrayDeque<WatchEvent> history = new ArrayDeque<>();
    private final int historyLimit;
    private final Map<String, List<Subscription>> subscriptions = new ConcurrentHashMap<>();
    private volatile long revision;
    /** Watches and lists may start from this revision or later; older ones get 410 Gone. */
    private long oldestResumable;

    public ObjectStore(int historyLimit) {
        if (historyLimit < 1) {
            throw new IllegalArgumentException("the watch history must keep at least one change");
        }
        this.historyLimit = historyLimit;
    }

    public ObjectStore() {
        this(DEFAULT_HISTORY);
    }

    /** A consistent list: the objects and the revision they are current at. */
    public record Snapshot(List<ObjectNode> items, long revision) {
    }

    /**
     * One page of a list, read at {@code revision}.
     *
     * @param lastKey   the key of the last item, where the next page starts; null when there is none
     * @param remaining how many objects (unfiltered) follow the page, when {@code lastKey} is set
     */
    public record Page(List<ObjectNode> items, long revision, String lastKey, long remaining) {
    }

    public long revision() {
        return revision;
    }

    /** The oldest revision that watches and lists can still start from. */
    public long oldestResumable() {
        lock.lock();
        try {
            return oldestResumable;
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

    /** The stored object (shared: do not change it), or null. */
    public ObjectNode read(String typeKey, String namespace, String name) {
        lock.lock();
        try {
            TreeMap<String, ObjectNode> table = objects.get(typeKey);
            return table == null ? null : table.get(key(namespace, name));
        } finally {
            lock.unlock();
        }
    }

    /** A copy of the stored object. */
    public Optional<ObjectNode> get(String typeKey, String namespace, String name) {
        return Optional.ofNullable(read(typeKey, namespace, name)).map(ObjectNode::deepCopy);
    }

    /** Copies of the objects of a resource, in one namespace or all (null or empty), in namespace/name order. */
    public Snapshot list(String typeKey, String namespace, Predicate<ObjectNode> filter) {
        Page page = page(typeKey, namespace, filter, null, 0, 0);
        return new Snapshot(page.items().stream().map(ObjectNode::deepCopy).toList(), page.revision());
    }

    /**
     * A page of the objects of a resource (shared: do not change them), in one namespace or all
     * (null or empty), in namespace/name order.
     *
     * @param afterKey   where the previous page ended ({@link Page#lastKey}), null to start at the beginning
     * @param limit      how many objects at most, 0 for all
     * @param atRevision the revision to read at, 0 for now
     * @throws ApiException 410 when {@code atRevision} is older than the history kept
     */
    public Page page(String typeKey, String namespace, Predicate<ObjectNode> filter, String afterKey, long limit, long atRevision) {
        lock.lock();
        try {
            long at = atRevision == 0 ? revision : atRevision;
            if (at < oldestResumable) {
                throw ApiException.gone("too old resource version: " + at + " (" + oldestResumable + ")");
            }
            NavigableMap<String, ObjectNode> scope = scope(objects.getOrDefault(typeKey, new TreeMap<>()), namespace);
            if (afterKey != null) {
                scope = scope.tailMap(afterKey, false);
            }
            Iterator<Map.Entry<String, ObjectNode>> entries = at == revision ? scope.entrySet().iterator()
                    : asOf(scope.entrySet().iterator(), earlierStates(typeKey, namespace, afterKey, at));
            List<ObjectNode> items = new ArrayList<>();
            String lastKey = null;
            while (entries.hasNext()) {
                Map.Entry<String, ObjectNode> entry = entries.next();
                if (!filter.test(entry.getValue())) {
                    continue;
                }
                if (limit > 0 && items.size() == limit) {
                    return new Page(items, at, lastKey, 1 + countRest(entries));
                }
                items.add(entry.getValue());
                lastKey = entry.getKey();
            }
            return new Page(items, at, null, 0);
        } finally {
            lock.unlock();
        }
    }

    private static long countRest(Iterator<?> entries) {
        long count = 0;
        for (; entries.hasNext(); entries.next()) {
            count++;
        }
        return count;
    }

    /** The state at {@code at} of the keys changed since, after {@code afterKey}: null where an object did not exist yet. */
    private TreeMap<String, ObjectNode> earlierStates(String typeKey, String namespace, String afterKey, long at) {
        TreeMap<String, ObjectNode> states = new TreeMap<>();
        for (Iterator<WatchEvent> events = history.descendingIterator(); events.hasNext(); ) {
            WatchEvent event = events.next();
            if (event.revision() <= at) {
                break;
            }
            if (!event.typeKey().equals(typeKey)) {
                continue;
            }
            String eventNamespace = event.namespace();
            if (namespace != null && !namespace.isEmpty() && !namespace.equals(eventNamespace)) {
                continue;
            }
            String key = key(eventNamespace, event.object().path("metadata").path("name").asText());
            if (afterKey == null || key.compareTo(afterKey) > 0) {
                states.put(key, event.previous());
            }
        }
        return states;
    }

    /** The current entries with the earlier states laid over them, in key order. */
    private static Iterator<Map.Entry<String, ObjectNode>> asOf(Iterator<Map.Entry<String, ObjectNode>> current,
                                                                 TreeMap<String, ObjectNode> earlier) {
        List<Map.Entry<String, ObjectNode>> merged = new ArrayList<>();
        Iterator<Map.Entry<String, ObjectNode>> changed = earlier.entrySet().iterator();
        Map.Entry<String, ObjectNode> a = current.hasNext() ? current.next() : null;
        Map.Entry<String, ObjectNode> b = changed.hasNext() ? changed.next() : null;
        while (a != null || b != null) {
            int order = a == null ? 1 : b == null ? -1 : a.getKey().compareTo(b.getKey());
            if (order < 0) {
                merged.add(a);
                a = current.hasNext() ? current.next() : null;
            } else {
                if (b.getValue() != null) {
                    merged.add(b);
                }
                if (order == 0) {
                    a = current.hasNext() ? current.next() : null;
                }
                b = changed.hasNext() ? changed.next() : null;
            }
        }
        return merged.iterator();
    }

    /** Stores a copy of a new object under the next revision; the caller checked it does not exist. */
    public ObjectNode insert(String typeKey, ObjectNode object) {
        return commitNew(typeKey, object.deepCopy()).deepCopy();
    }

    /** Stores a copy of a new version of an existing object under the next revision. */
    public ObjectNode replace(String typeKey, ObjectNode object) {
        return commitChange(typeKey, object.deepCopy()).deepCopy();
    }

    /** Removes an object; the DELETED event carries its last state, under a new revision. Returns a copy of it, or null. */
    public ObjectNode remove(String typeKey, String namespace, String name) {
        ObjectNode removed = commitRemoval(typeKey, namespace, name);
        return removed == null ? null : removed.deepCopy();
    }

    /** Stores a new object, which the store now owns (the caller must not change it), and returns it with its resourceVersion. */
    public ObjectNode commitNew(String typeKey, ObjectNode owned) {
        return write(typeKey, owned, WatchEvent.Type.ADDED);
    }

    /** Stores a new version of an existing object, which the store now owns, and returns it with its resourceVersion. */
    public ObjectNode commitChange(String typeKey, ObjectNode owned) {
        return write(typeKey, owned, WatchEvent.Type.MODIFIED);
    }

    /** Removes an object and returns its last state under the revision of the removal (shared), or null. */
    public ObjectNode commitRemoval(String typeKey, String namespace, String name) {
        lock.lock();
        try {
            TreeMap<String, ObjectNode> table = objects.get(typeKey);
            ObjectNode removed = table == null ? null : table.remove(key(namespace, name));
            if (removed == null) {
                return null;
            }
            long next = revision + 1;
            ObjectNode last = removed.deepCopy();
            ((ObjectNode) last.get("metadata")).put("resourceVersion", Long.toString(next));
            revision = next;
            publish(new WatchEvent(WatchEvent.Type.DELETED, typeKey, next, last, removed));
            return last;
        } finally {
            lock.unlock();
        }
    }

    private ObjectNode write(String typeKey, ObjectNode owned, WatchEvent.Type type) {
        lock.lock();
        try {
            long next = revision + 1;
            ObjectNode metadata = owned.withObjectProperty("metadata");
            metadata.put("resourceVersion", Long.toString(next));
            String key = key(metadata.path("namespace").asText(""), metadata.path("name").asText(""));
            ObjectNode previous = objects.computeIfAbsent(typeKey, k -> new TreeMap<>()).put(key, owned);
            revision = next;
            publish(new WatchEvent(type, typeKey, next, owned, previous));
            return owned;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a watch on one resource ({@code typeKey}), or on all (null). With {@code fromRevision}
     * null, it first delivers every existing object as ADDED (what a watch without resourceVersion
     * does); otherwise the changes after that revision. Each change passes through {@code view},
     * which may drop it (null) or show it as another type.
     *
     * @throws ApiException 410 when the changes after {@code fromRevision} are no longer kept
     */
    public Subscription watch(String typeKey, UnaryOperator<WatchEvent> view, Long fromRevision, int capacity) {
        lock.lock();
        try {
            String scope = typeKey == null ? ALL_TYPES : typeKey;
            Subscription subscription = new Subscription(typeKey, view, capacity, revision, this::unsubscribe);
            if (fromRevision == null) {
                for (Map.Entry<String, TreeMap<String, ObjectNode>> table : objects.entrySet()) {
                    if (typeKey == null || typeKey.equals(table.getKey())) {
                        for (ObjectNode object : table.getValue().values()) {
                            subscription.offer(new WatchEvent(WatchEvent.Type.ADDED, table.getKey(), revision, object));
                        }
                    }
                }
            } else {
                if (fromRevision < oldestResumable) {
                    throw ApiException.gone("too old resource version: " + fromRevision + " (" + oldestResumable + ")");
                }
                for (WatchEvent event : history) {
                    if (event.revision() > fromRevision && (typeKey == null || typeKey.equals(event.typeKey()))) {
                        subscription.offer(event);
                    }
                }
            }
            subscriptions.computeIfAbsent(scope, k -> new CopyOnWriteArrayList<>()).add(subscription);
            return subscription;
        } finally {
            lock.unlock();
        }
    }

    /** A watch on the resources {@code filter} accepts (by their events), across all resources. */
    public Subscription watch(Predicate<WatchEvent> filter, Long fromRevision, int capacity) {
        return watch(null, event -> filter.test(event) ? event : null, fromRevision, capacity);
    }

    private void unsubscribe(Subscription subscription) {
        List<Subscription> list = subscriptions.get(subscription.typeKey() == null ? ALL_TYPES : subscription.typeKey());
        if (list != null) {
            list.remove(subscription);
        }
    }

    private void publish(WatchEvent event) {
        history.addLast(event);
        while (history.size() > historyLimit) {
            oldestResumable = history.removeFirst().revision();
        }
        for (Subscription subscription : subscriptions.getOrDefault(event.typeKey(), Collections.emptyList())) {
            subscription.offer(event);
        }
        for (Subscription subscription : subscriptions.getOrDefault(ALL_TYPES, Collections.emptyList())) {
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
                    objects.computeIfAbsent(entry.getKey(), k -> new TreeMap<>()).put(key(meta.namespace(), meta.name()), object.deepCopy());
                }
            }
            revision = Math.max(revision, savedRevision);
            oldestResumable = revision;
        } finally {
            lock.unlock();
        }
    }

    private static NavigableMap<String, ObjectNode> scope(TreeMap<String, ObjectNode> table, String namespace) {
        // Keys are "namespace/name"; '0' is the character after '/', so this range is exactly one namespace.
        return namespace == null || namespace.isEmpty() ? table : table.subMap(namespace + "/", true, namespace + "0", false);
    }

    /** The key of an object in its resource's table; a page's {@code lastKey} is one. */
    public static String key(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }
}
