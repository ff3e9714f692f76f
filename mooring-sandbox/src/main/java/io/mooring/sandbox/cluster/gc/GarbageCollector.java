package io.mooring.sandbox.cluster.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.api.WriteOptions;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.EveryResource;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.cluster.ServedTypes;
import io.mooring.sandbox.control.Controller;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.WatchEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' garbage collector, by {@code metadata.ownerReferences}: an object none of whose
 * owners exists any more (gone, or replaced by an object of the same name and another uid) is
 * deleted; an owner deleted in the foreground keeps its {@code foregroundDeletion} finalizer
 * until the dependents that block it are gone, its dependents being deleted meanwhile; an owner
 * deleted with orphaning first has its reference removed from every dependent, then loses its
 * {@code orphan} finalizer. Work that fails (a conflict) is retried on the next tick.
 */
public final class GarbageCollector implements Controller {
    private static final WriteOptions WRITER = WriteOptions.by("kube-controller-manager");

    private final ResourceApi api;
    private final Set<String> watches;
    private final OwnerGraph graph = new OwnerGraph();
    private final Set<String> attemptToDelete = new LinkedHashSet<>();
    private final Set<String> deletingDependents = new LinkedHashSet<>();
    private final Set<String> orphaning = new LinkedHashSet<>();

    public GarbageCollector(ResourceApi api) {
        this.api = api;
        this.watches = new EveryResource(api.catalog());
    }

    @Override
    public String name() {
        return "garbage-collector";
    }

    @Override
    public Set<String> watches() {
        return watches;
    }

    @Override
    public void onEvent(WatchEvent event) {
        OwnerGraph.Item item = OwnerGraph.item(event.typeKey(), event.object());
        if (item.uid().isEmpty()) {
            return;
        }
        if (event.type() == WatchEvent.Type.DELETED) {
            graph.remove(item.uid());
            attemptToDelete.addAll(graph.dependentsOf(item.uid()));
            for (OwnerGraph.OwnerRef owner : item.owners()) {
                OwnerGraph.Item o = graph.get(owner.uid());
                if (o != null && o.foreground()) {
                    deletingDependents.add(owner.uid());
                }
            }
        } else {
            OwnerGraph.Item before = graph.put(item);
            if (!item.owners().isEmpty() && !ownersAlive(item)) {
                attemptToDelete.add(item.uid());
            }
            if (item.deleting() && item.foreground()) {
                if (before == null || !before.foreground()) {
                    attemptToDelete.addAll(graph.dependentsOf(item.uid()));
                }
                deletingDependents.add(item.uid());
            }
            if (item.deleting() && item.orphan()) {
                orphaning.add(item.uid());
            }
        }
        process();
    }

    /**
     * The watch starts over: objects removed meanwhile sent no DELETED, so the graph is rebuilt
     * from the ADDED events that follow, and so is the work queued on it (a dependent whose owner
     * went meanwhile arrives with its owner missing and is queued again).
     */
    @Override
    public void relist() {
        graph.clear();
        attemptToDelete.clear();
        deletingDependents.clear();
        orphaning.clear();
    }

    @Override
    public void tick(Instant now) {
        process();
    }

    /** Owners all present in the graph, alive and not waiting on dependents: nothing to check. */
    private boolean ownersAlive(OwnerGraph.Item item) {
        return item.owners().stream().allMatch(o -> {
            OwnerGraph.Item owner = graph.get(o.uid());
            return owner != null && !owner.foreground();
        });
    }

    private void process() {
        drain(orphaning, this::orphanDependents);
        drain(attemptToDelete, this::attemptToDelete);
        drain(deletingDependents, this::processDeletingDependents);
    }

    /** Runs every queued item once; those that fail stay queued for the next round. */
    private static void drain(Set<String> queue, java.util.function.Consumer<String> work) {
        for (String uid : List.copyOf(queue)) {
            queue.remove(uid);
            try {
                work.accept(uid);
            } catch (RuntimeException e) {
                queue.add(uid);
            }
        }
    }

    // ---- dependents whose owners are gone

    private enum OwnerState { SOLID, DANGLING, WAITING, UNKNOWN }

    private void attemptToDelete(String uid) {
        OwnerGraph.Item item = graph.get(uid);
        if (item == null || item.owners().isEmpty()) {
            return;
        }
        Optional<ObjectNode> latest = latest(item);
        if (latest.isEmpty()) {
            return;
        }
        OwnerGraph.Item current = OwnerGraph.item(item.typeKey(), latest.get());
        if (current.deleting() && !current.foreground()) {
            return;
        }
        if (current.deleting()) {
            deletingDependents.add(uid);
            return;
        }
        List<String> solid = new ArrayList<>();
        List<String> dangling = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (OwnerGraph.OwnerRef owner : current.owners()) {
            switch (state(owner, current)) {
                case SOLID, UNKNOWN -> solid.add(owner.uid());
                case DANGLING -> dangling.add(owner.uid());
                case WAITING -> waiting.add(owner.uid());
            }
        }
        if (!solid.isEmpty()) {
            if (!dangling.isEmpty() || !waiting.isEmpty()) {
                List<String> remove = new ArrayList<>(dangling);
                remove.addAll(waiting);
                removeOwnerReferences(current, latest.get(), remove);
            }
            return;
        }
        String policy;
        if (!waiting.isEmpty() && !graph.dependentsOf(uid).isEmpty()) {
            policy = "Foreground";
        } else if (current.orphan()) {
            policy = "Orphan";
        } else if (current.foreground()) {
            policy = "Foreground";
        } else {
            policy = "Background";
        }
        delete(current, latest.get(), policy);
    }

    /** Whether an owner exists with the referenced uid, checked against the store when the graph does not know it. */
    private OwnerState state(OwnerGraph.OwnerRef ref, OwnerGraph.Item dependent) {
        OwnerGraph.Item owner = graph.get(ref.uid());
        if (owner != null) {
            return owner.deleting() && owner.foreground() ? OwnerState.WAITING : OwnerState.SOLID;
        }
        Optional<ResourceType> type = ServedTypes.typeOfKind(api.catalog(), ref.apiVersion(), ref.kind());
        if (type.isEmpty() || (type.get().namespaced() && dependent.namespace().isEmpty())) {
            // An owner the API cannot name is not taken as gone: a real collector retries such references.
            return OwnerState.UNKNOWN;
        }
        String namespace = type.get().namespaced() ? dependent.namespace() : "";
        Optional<ObjectNode> found = api.store().get(ResourceApi.typeKey(type.get()), namespace, ref.name());
        if (found.isEmpty() || !Nodes.text(found.get(), "metadata", "uid").equals(ref.uid())) {
            return OwnerState.DANGLING;
        }
        OwnerGraph.Item live = OwnerGraph.item(ResourceApi.typeKey(type.get()), found.get());
        return live.deleting() && live.foreground() ? OwnerState.WAITING : OwnerState.SOLID;
    }

    // ---- foreground deletion

    private void processDeletingDependents(String uid) {
        OwnerGraph.Item item = graph.get(uid);
        if (item == null) {
            return;
        }
        Optional<ObjectNode> latest = latest(item);
        if (latest.isEmpty() || !OwnerGraph.item(item.typeKey(), latest.get()).foreground()) {
            return;
        }
        List<String> blocking = graph.blockingDependentsOf(uid);
        if (blocking.isEmpty()) {
            removeFinalizer(item, latest.get(), ResourceApi.FOREGROUND);
            return;
        }
        for (String dependent : blocking) {
            OwnerGraph.Item d = graph.get(dependent);
            if (d != null && !(d.deleting() && d.foreground())) {
                attemptToDelete.add(dependent);
            }
        }
    }

    // ---- orphaning

    private void orphanDependents(String uid) {
        OwnerGraph.Item item = graph.get(uid);
        if (item == null) {
            return;
        }
        Optional<ObjectNode> latest = latest(item);
        if (latest.isEmpty() || !OwnerGraph.item(item.typeKey(), latest.get()).orphan()) {
            return;
        }
        for (String dependentUid : graph.dependentsOf(uid)) {
            OwnerGraph.Item dependent = graph.get(dependentUid);
            if (dependent == null) {
                continue;
            }
            Optional<ObjectNode> current = latest(dependent);
            current.ifPresent(object -> removeOwnerReferences(dependent, object, List.of(uid)));
        }
        removeFinalizer(item, latest(item).orElse(latest.get()), ResourceApi.ORPHAN);
    }

    // ---- writes

    private Optional<ObjectNode> latest(OwnerGraph.Item item) {
        return api.store().get(item.typeKey(), item.namespace(), item.name())
                .filter(o -> Nodes.text(o, "metadata", "uid").equals(item.uid()));
    }

    private void removeOwnerReferences(OwnerGraph.Item item, ObjectNode object, List<String> ownerUids) {
        ObjectNode updated = object.deepCopy();
        ObjectNode metadata = (ObjectNode) updated.get("metadata");
        ArrayNode kept = Nodes.JSON.arrayNode();
        for (JsonNode ref : metadata.path("ownerReferences")) {
            if (!ownerUids.contains(ref.path("uid").asText(""))) {
                kept.add(ref);
            }
        }
        if (kept.isEmpty()) {
            metadata.remove("ownerReferences");
        } else {
            metadata.set("ownerReferences", kept);
        }
        write(item, updated);
    }

    private void removeFinalizer(OwnerGraph.Item item, ObjectNode object, String finalizer) {
        ObjectNode updated = object.deepCopy();
        ObjectNode metadata = (ObjectNode) updated.get("metadata");
        ArrayNode kept = Nodes.JSON.arrayNode();
        for (String f : Nodes.strings(metadata, "finalizers")) {
            if (!f.equals(finalizer)) {
                kept.add(f);
            }
        }
        if (kept.isEmpty()) {
            metadata.remove("finalizers");
        } else {
            metadata.set("finalizers", kept);
        }
        write(item, updated);
    }

    private void write(OwnerGraph.Item item, ObjectNode updated) {
        ResourceType type = ServedTypes.typeOf(api.catalog(), item.typeKey(), updated).orElseThrow();
        api.update(type, item.namespace(), item.name(), updated, "", WRITER);
    }

    private void delete(OwnerGraph.Item item, ObjectNode object, String policy) {
        ResourceType type = ServedTypes.typeOf(api.catalog(), item.typeKey(), object).orElseThrow();
        try {
            api.delete(type, item.namespace(), item.name(), policy, item.uid(), false);
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }
}
