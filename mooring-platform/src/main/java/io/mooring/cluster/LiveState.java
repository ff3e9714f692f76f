package io.mooring.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mooring.plan.Tracking;
import io.mooring.resource.ResourceKey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Every object in the cluster that carries Mooring's application label, kept current by one
 * informer per kind (list once, then watch). Syncs and health read it instead of the API server,
 * so that an unchanged application costs no request, and a live change reaches the controller as
 * an event within the watch's latency.
 */
public final class LiveState implements LiveView, AutoCloseable {

    private final ClusterClient cluster;
    private final Consumer<String> onChange;
    private final Map<String, Map<ResourceKey, ObjectNode>> byApplication = new ConcurrentHashMap<>();
    private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();

    /** @param onChange told the application's name whenever one of its objects changes */
    public LiveState(ClusterClient cluster, Consumer<String> onChange) {
        this.cluster = cluster;
        this.onChange = onChange;
    }

    /** Starts an informer for every kind not watched yet and waits until each has listed. */
    public synchronized void watchAllKinds(Duration timeout) {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (ResourceType type : cluster.types().all()) {
            String id = type.group() + "/" + type.kind();
            if (!type.tracked() || informers.containsKey(id)) {
                continue;
            }
            var operation = cluster.client().genericKubernetesResources(type.context());
            var labelled = (type.namespaced() ? operation.inAnyNamespace() : operation).withLabel(Tracking.APP_LABEL);
            SharedIndexInformer<GenericKubernetesResource> informer = labelled.runnableInformer(0);
            informer.addEventHandler(new Handler());
            informers.put(id, informer);
            started.add(Informers.start(informer, "tracked " + type.kind() + " objects"));
        }
        try {
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the cluster's objects could not be listed within " + timeout + ": " + e.getMessage(), e);
        }
    }

    /** Refreshes discovery and watches kinds registered since (CRDs applied by a sync). */
    public void watchNewKinds(Duration timeout) {
        cluster.types().refresh();
        watchAllKinds(timeout);
    }

    @Override
    public List<ObjectNode> owned(String application) {
        return List.copyOf(byApplication.getOrDefault(application, Map.of()).values());
    }

    @Override
    public Optional<ObjectNode> get(String application, ResourceKey key) {
        Map<ResourceKey, ObjectNode> objects = byApplication.getOrDefault(application, Map.of());
        ObjectNode exact = objects.get(key);
        if (exact != null) {
            return Optional.of(exact);
        }
        // Watched at the preferred version, applied perhaps at another: the same object.
        return objects.entrySet().stream()
                .filter(e -> e.getKey().group().equals(key.group()) && e.getKey().kind().equals(key.kind())
                        && e.getKey().namespace().equals(key.namespace()) && e.getKey().name().equals(key.name()))
                .map(Map.Entry::getValue).findFirst();
    }

    /** Every application that owns at least one object. */
    public Set<String> applications() {
        return Set.copyOf(byApplication.keySet());
    }

    @Override
    public void close() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource resource) {
            put(resource);
        }

        @Override
        public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource resource) {
            String before = application(old);
            if (!before.isEmpty() && !before.equals(application(resource))) {
                remove(old);
            }
            put(resource);
        }

        @Override
        public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
            remove(resource);
        }

        private void put(GenericKubernetesResource resource) {
            String application = application(resource);
            if (application.isEmpty()) {
                return;
            }
            ObjectNode tree = cluster.tree(resource);
            byApplication.computeIfAbsent(application, a -> new ConcurrentHashMap<>()).put(ResourceKey.of(tree), tree);
            onChange.accept(application);
        }

        private void remove(GenericKubernetesResource resource) {
            String application = application(resource);
            if (application.isEmpty()) {
                return;
            }
            Map<ResourceKey, ObjectNode> objects = byApplication.get(application);
            if (objects != null) {
                objects.remove(ResourceKey.of(cluster.tree(resource)));
            }
            onChange.accept(application);
        }

        private static String application(GenericKubernetesResource resource) {
            Map<String, String> labels = resource.getMetadata().getLabels();
            return labels == null ? "" : labels.getOrDefault(Tracking.APP_LABEL, "");
        }
    }
}
