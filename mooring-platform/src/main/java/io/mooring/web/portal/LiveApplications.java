package io.mooring.web.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mooring.app.Applications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The portal's view of the Applications, kept current by one watch (an informer) instead of a list
 * per page: the overview of 1,000 Applications reads memory, and every change (a sync, a drift the
 * controller found, a health change) is told to the pages that follow it ({@link LiveUpdates}).
 * Until the first list has arrived, reads go to the API server.
 */
public final class LiveApplications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveApplications.class);

    private final KubernetesClient client;
    private final Applications applications;
    private final String namespace;
    private final Map<String, ObjectNode> byKey = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final SharedIndexInformer<GenericKubernetesResource> informer;

    /** @param namespace the Applications' namespace; empty for every namespace */
    public LiveApplications(KubernetesClient client, Applications applications, String namespace) {
        this.client = client;
        this.applications = applications;
        this.namespace = namespace;
        var resources = applications.resources();
        informer = (namespace.isEmpty() ? resources.inAnyNamespace() : resources.inNamespace(namespace)).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource resource) {
                changed(resource, false);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource resource) {
                changed(resource, false);
            }

            @Override
            public void onDelete(GenericKubernetesResource resource, boolean unknownFinalState) {
                changed(resource, true);
            }
        });
        informer.start().whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("the portal's watch of Applications failed to start; pages list them from the API server: {}", error.getMessage());
            }
        });
    }

    /** The Applications of {@code namespace} (empty: every namespace), by namespace and name. */
    public List<ObjectNode> list(String wanted) {
        List<ObjectNode> items;
        if (informer.hasSynced() && (namespace.isEmpty() || namespace.equals(wanted))) {
            items = new ArrayList<>();
            for (ObjectNode node : byKey.values()) {
                if (wanted.isEmpty() || wanted.equals(node.path("metadata").path("namespace").asText())) {
                    items.add(node);
                }
            }
        } else {
            items = new ArrayList<>(applications.list(wanted));
        }
        items.sort(Comparator.comparing((ObjectNode n) -> n.path("metadata").path("namespace").asText())
                .thenComparing(n -> n.path("metadata").path("name").asText()));
        return items;
    }

    /** The namespace listed when a page names none. */
    public String namespace() {
        return namespace;
    }

    /** Calls {@code listener} with {@code namespace/name} of each Application that changes, on the watch's thread: it must not block. */
    public Runnable subscribe(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void changed(GenericKubernetesResource resource, boolean deleted) {
        String key = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
        if (deleted) {
            byKey.remove(key);
        } else {
            byKey.put(key, client.getKubernetesSerialization().convertValue(resource, ObjectNode.class));
        }
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(key);
            } catch (RuntimeException e) {
                LOG.warn("a page's listener failed on {}: {}", key, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
