package io.mooring.sandbox.catalog;

import java.util.List;
import java.util.Set;

/**
 * A kind the API server serves: where (group, version, plural name), how (scope, verbs,
 * subresources) and how kubectl may call it (short names, categories).
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced,
                           Set<String> verbs, Set<String> subresources, List<String> shortNames, List<String> categories) {

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The name kubectl and discovery use in messages, {@code deployments.apps}. */
    public String groupResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public String singular() {
        return kind.toLowerCase(java.util.Locale.ROOT);
    }

    public boolean hasStatus() {
        return subresources.contains("status");
    }
}
