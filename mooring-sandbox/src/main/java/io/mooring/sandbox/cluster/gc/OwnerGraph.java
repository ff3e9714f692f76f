package io.mooring.sandbox.cluster.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.cluster.Nodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The garbage collector's view of who owns whom, built from watch events: every object by uid
 * with its owner references and deletion state, and the dependents of every owner uid (owners
 * not seen yet included). No I/O: the collector feeds it and asks it questions.
 */
final class OwnerGraph {
    /** An owner reference as written on a dependent. */
    record OwnerRef(String apiVersion, String kind, String name, String uid, boolean blockOwnerDeletion) {
    }

    /** An object as the graph knows it. */
    record Item(String typeKey, String namespace, String name, String uid, List<OwnerRef> owners, boolean deleting,
                boolean foreground, boolean orphan) {
    }

    private final Map<String, Item> items = new HashMap<>();
    private final Map<String, Set<String>> dependents = new HashMap<>();

    static Item item(String typeKey, ObjectNode object) {
        JsonNode metadata = object.path("metadata");
        List<OwnerRef> owners = new ArrayList<>();
        for (JsonNode ref : metadata.path("ownerReferences")) {
            owners.add(new OwnerRef(ref.path("apiVersion").asText(""), ref.path("kind").asText(""), ref.path("name").asText(""),
                    ref.path("uid").asText(""), ref.path("blockOwnerDeletion").asBoolean(false)));
        }
        List<String> finalizers = Nodes.strings(metadata, "finalizers");
        return new Item(typeKey, metadata.path("namespace").asText(""), metadata.path("name").asText(""), metadata.path("uid").asText(""),
                owners, metadata.has("deletionTimestamp"), finalizers.contains(ResourceApi.FOREGROUND), finalizers.contains(ResourceApi.ORPHAN));
    }

    /** Records an added or modified object; returns what it was before (null when new). */
    Item put(Item item) {
        Item before = items.put(item.uid(), item);
        if (before != null) {
            before.owners().forEach(o -> unlink(o.uid(), item.uid()));
        }
        item.owners().forEach(o -> dependents.computeIfAbsent(o.uid(), k -> new HashSet<>()).add(item.uid()));
        return before;
    }

    void remove(String uid) {
        Item before = items.remove(uid);
        if (before != null) {
            before.owners().forEach(o -> unlink(o.uid(), uid));
        }
    }

    private void unlink(String owner, String dependent) {
        Set<String> set = dependents.get(owner);
        if (set != null) {
            set.remove(dependent);
            if (set.isEmpty()) {
                dependents.remove(owner);
            }
        }
    }

    /** Forgets everything (the events start over). */
    void clear() {
        items.clear();
        dependents.clear();
    }

    Item get(String uid) {
        return items.get(uid);
    }

    /** The uids of the objects that name {@code owner} among their owners. */
    Set<String> dependentsOf(String owner) {
        return Set.copyOf(dependents.getOrDefault(owner, Set.of()));
    }

    /** Dependents that block the owner's foreground deletion: their reference to it says blockOwnerDeletion. */
    List<String> blockingDependentsOf(String owner) {
        List<String> blocking = new ArrayList<>();
        for (String uid : dependentsOf(owner)) {
            Item dependent = items.get(uid);
            if (dependent != null && dependent.owners().stream().anyMatch(o -> o.uid().equals(owner) && o.blockOwnerDeletion())) {
                blocking.add(uid);
            }
        }
        return blocking;
    }

    int size() {
        return items.size();
    }
}
