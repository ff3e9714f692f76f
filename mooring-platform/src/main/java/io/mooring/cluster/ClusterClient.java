package io.mooring.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.mooring.plan.Tracking;
import io.mooring.resource.ResourceKey;

import java.util.List;
import java.util.Optional;

/**
 * The calls Mooring makes to change a cluster: server-side apply as field manager {@code mooring},
 * delete, get. Objects travel as Jackson trees, the same the renderers produce, and every call is
 * retried when the failure is transient.
 */
public final class ClusterClient {
    private final KubernetesClient client;
    private final ResourceTypes types;
    private final Retrying retrying;

    public ClusterClient(KubernetesClient client, ResourceTypes types, Retrying retrying) {
        this.client = client;
        this.types = types;
        this.retrying = retrying;
    }

    public KubernetesClient client() {
        return client;
    }

    public ResourceTypes types() {
        return types;
    }

    /**
     * Applies {@code object} (server-side, forcing conflicts: Git is the source of truth for the
     * fields Mooring manages) and returns the object as the server stored it, or would have with
     * {@code dryRun}.
     */
    public ObjectNode apply(ObjectNode object, boolean dryRun) {
        ResourceType type = typeOf(object);
        GenericKubernetesResource resource = client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
        GenericKubernetesResource applied = retrying.call(() -> {
            Resource<GenericKubernetesResource> target = operation(type, resource.getMetadata().getNamespace()).resource(resource);
            return (dryRun ? target.dryRun() : target).fieldManager(Tracking.FIELD_MANAGER).forceConflicts().serverSideApply();
        });
        return tree(applied);
    }

    /** Deletes an object, its dependents in the background; an object already gone is no error. */
    public void delete(ResourceKey key, boolean dryRun) {
        ResourceType type = typeOf(key);
        retrying.call(() -> {
            Resource<GenericKubernetesResource> target = operation(type, key.namespace()).withName(key.name());
            (dryRun ? target.dryRun() : target).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            return null;
        });
    }

    public Optional<ObjectNode> get(ResourceKey key) {
        ResourceType type = typeOf(key);
        GenericKubernetesResource found = retrying.call(() -> operation(type, key.namespace()).withName(key.name()).get());
        return Optional.ofNullable(found).map(this::tree);
    }

    /** Objects of one kind in every namespace matching a label selector. */
    public List<ObjectNode> list(ResourceType type, String labelSelector) {
        var operation = type.namespaced()
                ? client.genericKubernetesResources(type.context()).inAnyNamespace()
                : client.genericKubernetesResources(type.context());
        return retrying.call(() -> operation.withLabelSelector(labelSelector).list().getItems()).stream().map(this::tree).toList();
    }

    public ObjectNode tree(GenericKubernetesResource resource) {
        return client.getKubernetesSerialization().convertValue(resource, ObjectNode.class);
    }

    private NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> operation(ResourceType type,
                                                                                                          String namespace) {
        var all = client.genericKubernetesResources(type.context());
        return type.namespaced() ? all.inNamespace(namespace) : all;
    }

    private ResourceType typeOf(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        return types.forObject(apiVersion, kind).orElseThrow(() -> new UnknownKindException(apiVersion, kind));
    }

    private ResourceType typeOf(ResourceKey key) {
        return types.forObject(key.apiVersion(), key.kind()).orElseThrow(() -> new UnknownKindException(key.apiVersion(), key.kind()));
    }

    /** Whether a failure is the API server saying the object does not exist. */
    public static boolean notFound(KubernetesClientException e) {
        return e.getCode() == 404;
    }
}
