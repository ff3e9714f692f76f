package io.mooring.policy.match;

import java.util.List;
import java.util.Map;

/**
 * What match and exclude look at in an admission request: the object's identity, labels and
 * annotations, the operation, the namespace's labels and who asks.
 *
 * @param userName    the requesting user; empty when no user is known (the CI and sync doors)
 */
public record MatchedRequest(String group, String version, String kind, String namespace, String name,
                             Map<String, String> labels, Map<String, String> annotations, String operation,
                             Map<String, String> namespaceLabels, String userName, List<String> groups,
                             List<String> roles, List<String> clusterRoles) {
    public MatchedRequest {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        namespaceLabels = Map.copyOf(namespaceLabels);
        groups = List.copyOf(groups);
        roles = List.copyOf(roles);
        clusterRoles = List.copyOf(clusterRoles);
    }

    /** Whether the request carries no user at all, in which case user criteria of match are ignored. */
    boolean anonymous() {
        return userName.isEmpty() && groups.isEmpty() && roles.isEmpty() && clusterRoles.isEmpty();
    }
}
