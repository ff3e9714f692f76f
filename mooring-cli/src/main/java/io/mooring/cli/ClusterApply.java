package io.mooring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side apply of rendered objects into a cluster with fabric8, as Mooring's field manager,
 * taking over fields that another manager set (Git wins). A namespaced object that its render
 * left without a namespace goes into the namespace it is given, as {@code kubectl apply -n} does.
 */
final class ClusterApply implements AutoCloseable {
    static final String FIELD_MANAGER = "mooring";

    private final KubernetesClient client;
    /** Discovery by apiVersion: which kinds exist and whether they are namespaced. */
    private final Map<String, APIResourceList> discovery = new HashMap<>();

    private ClusterApply(KubernetesClient client) {
        this.client = client;
    }

    static ClusterApply connect(Path kubeconfig) {
        return new ClusterApply(new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig.toFile())).build());
    }

    String url() {
        String url = client.getMasterUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Applies {@code object}.
     *
     * @param namespace where a namespaced object without a namespace goes; null for the kubeconfig's namespace
     * @return the object as the cluster has it now
     * @throws KubernetesClientException when the cluster refuses it (unknown kind, invalid, conflict)
     */
    GenericKubernetesResource apply(ObjectNode object, String namespace) {
        GenericKubernetesResource resource = Serialization.jsonMapper().convertValue(object, GenericKubernetesResource.class);
        // Asked first for every object: fabric8's own error for a kind the cluster lacks says little.
        boolean namespaced = namespaced(resource);
        if (namespace != null && resource.getMetadata().getNamespace() == null && namespaced) {
            resource.getMetadata().setNamespace(namespace);
        }
        return client.resource(resource).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    private boolean namespaced(GenericKubernetesResource resource) {
        APIResourceList list = discovery.computeIfAbsent(resource.getApiVersion(), client::getApiResources);
        Optional<APIResource> type = list == null ? Optional.empty()
                : list.getResources().stream().filter(r -> r.getKind().equals(resource.getKind()) && !r.getName().contains("/")).findFirst();
        return type.map(APIResource::getNamespaced).orElseThrow(() -> new KubernetesClientException(
                "the cluster does not serve " + resource.getKind() + " in " + resource.getApiVersion()
                        + " (is its CustomResourceDefinition applied?)"));
    }

    @Override
    public void close() {
        client.close();
    }
}
