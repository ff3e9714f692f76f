package io.mooring.policy.match;

import java.util.List;
import java.util.Map;

/**
 * One entry of a rule's {@code match} or {@code exclude}: which resources (kinds, names,
 * namespaces, labels, annotations, operations) and which users (subjects, roles). Across fields
 * every criterion must hold; within a list, one entry is enough.
 *
 * @param selector          the label selector, or null
 * @param namespaceSelector the namespace label selector, or null
 */
public record ResourceFilter(List<String> kinds, String name, List<String> names, List<String> namespaces,
                             Map<String, String> annotations, Selector selector, Selector namespaceSelector,
                             List<String> operations, List<Subject> subjects, List<String> roles, List<String> clusterRoles) {

    /** A subject of RBAC: {@code User}, {@code Group} or {@code ServiceAccount} (with its namespace). */
    public record Subject(String kind, String name, String namespace) {
    }

    public ResourceFilter {
        kinds = List.copyOf(kinds);
        name = name == null ? "" : name;
        names = List.copyOf(names);
        namespaces = List.copyOf(namespaces);
        annotations = Map.copyOf(annotations);
        operations = List.copyOf(operations);
        subjects = List.copyOf(subjects);
        roles = List.copyOf(roles);
        clusterRoles = List.copyOf(clusterRoles);
    }

    public boolean describesResources() {
        return !kinds.isEmpty() || !name.isEmpty() || !names.isEmpty() || !namespaces.isEmpty() || !annotations.isEmpty()
                || selector != null || namespaceSelector != null || !operations.isEmpty();
    }

    public boolean describesUsers() {
        return !subjects.isEmpty() || !roles.isEmpty() || !clusterRoles.isEmpty();
    }

    /** The same filter without its user criteria. */
    ResourceFilter withoutUsers() {
        return new ResourceFilter(kinds, name, names, namespaces, annotations, selector, namespaceSelector, operations,
                List.of(), List.of(), List.of());
    }
}
