package io.mooring.admission;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.Map;
import java.util.function.Function;

/**
 * The labels of the cluster's namespaces, for policies that select by namespaceSelector: an
 * AdmissionReview does not carry them. Listed once and then watched (an informer), so that a review
 * costs no API request; needs get, list and watch on namespaces.
 */
public final class NamespaceLabels implements Function<String, Map<String, String>>, AutoCloseable {
    private final SharedIndexInformer<Namespace> informer;

    private NamespaceLabels(SharedIndexInformer<Namespace> informer) {
        this.informer = informer;
    }

    /** Lists the namespaces (returns once the first list is in) and keeps watching them. */
    public static NamespaceLabels watch(KubernetesClient client) {
        return new NamespaceLabels(client.namespaces().inform());
    }

    /** The namespace's labels; empty for a namespace not (yet) seen. */
    @Override
    public Map<String, String> apply(String namespace) {
        Namespace found = informer.getStore().getByKey(namespace);
        Map<String, String> labels = found == null ? null : found.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    @Override
    public void close() {
        informer.close();
    }
}
