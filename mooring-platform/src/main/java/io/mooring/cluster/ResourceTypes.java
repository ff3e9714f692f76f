package io.mooring.cluster;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds a cluster serves, from discovery, kept until a lookup misses (a CRD registered since),
 * which refreshes them once. Keyed by group and kind: the version an object is written at is its
 * own, but reads and watches use the server's preferred version.
 */
public final class ResourceTypes {
    private final KubernetesClient client;
    private volatile Map<String, ResourceType> byGroupKind = Map.of();
    private final Map<String, ResourceType> byApiVersionKind = new ConcurrentHashMap<>();

    public ResourceTypes(KubernetesClient client) {
        this.client = client;
    }

    /** The type of {@code kind} in {@code group}, refreshing discovery once when it is unknown. */
    public Optional<ResourceType> find(String group, String kind) {
        ResourceType type = byGroupKind.get(group + "/" + kind);
        if (type == null) {
            refresh();
            type = byGroupKind.get(group + "/" + kind);
        }
        return Optional.ofNullable(type);
    }

    /** The type to write an object of {@code apiVersion} and {@code kind} with: its own version. */
    public Optional<ResourceType> forObject(String apiVersion, String kind) {
        ResourceType cached = byApiVersionKind.get(apiVersion + "/" + kind);
        if (cached != null) {
            return Optional.of(cached);
        }
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return find(group, kind).map(t -> {
            ResourceType own = new ResourceType(t.group(), version, t.kind(), t.plural(), t.namespaced(), t.verbs());
            byApiVersionKind.put(apiVersion + "/" + kind, own);
            return own;
        });
    }

    /** Every kind, at its preferred version. */
    public List<ResourceType> all() {
        if (byGroupKind.isEmpty()) {
            refresh();
        }
        return List.copyOf(byGroupKind.values());
    }

    public synchronized void refresh() {
        Map<String, ResourceType> types = new ConcurrentHashMap<>();
        add(types, "", client.getApiResources("v1"));
        for (APIGroup group : client.getApiGroups().getGroups()) {
            List<GroupVersionForDiscovery> versions = new ArrayList<>(group.getVersions());
            // The preferred version first, so that its kinds win over older versions' same kinds.
            versions.sort((a, b) -> Boolean.compare(b.getVersion().equals(group.getPreferredVersion().getVersion()),
                    a.getVersion().equals(group.getPreferredVersion().getVersion())));
            for (GroupVersionForDiscovery version : versions) {
                try {
                    add(types, group.getName(), client.getApiResources(version.getGroupVersion()));
                } catch (KubernetesClientException e) {
                    // An aggregated API that is down must not hide every other kind; its kinds stay unknown.
                }
            }
        }
        byGroupKind = types;
        byApiVersionKind.clear();
    }

    private static void add(Map<String, ResourceType> types, String group, APIResourceList list) {
        if (list == null) {
            return;
        }
        String version = list.getGroupVersion().substring(list.getGroupVersion().indexOf('/') + 1);
        for (APIResource resource : list.getResources()) {
            if (resource.getName().contains("/")) {
                continue; // subresources
            }
            types.putIfAbsent(group + "/" + resource.getKind(), new ResourceType(group, version, resource.getKind(), resource.getName(),
                    Boolean.TRUE.equals(resource.getNamespaced()), new HashSet<>(resource.getVerbs())));
        }
    }
}
