package io.mooring.cluster;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.Set;

/**
 * A kind the API server serves, as discovery describes it.
 *
 * @param group      the API group ("" for the core group)
 * @param version    the version Mooring reads and watches it at (the server's preferred one)
 * @param kind       the kind
 * @param plural     the resource name in URLs
 * @param namespaced whether objects of the kind live in namespaces
 * @param verbs      what the server allows on it
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced, Set<String> verbs) {
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Kinds never applied from Git whose volume would only cost memory and requests. */
    private static final Set<String> UNTRACKED = Set.of("/Event", "events.k8s.io/Event", "coordination.k8s.io/Lease");

    /** Whether Mooring looks for its objects among this kind's: listable, watchable, not noise. */
    public boolean tracked() {
        return verbs.contains("list") && verbs.contains("watch") && !UNTRACKED.contains(group + "/" + kind);
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(version).withKind(kind).withPlural(plural).withNamespaced(namespaced).build();
    }
}
