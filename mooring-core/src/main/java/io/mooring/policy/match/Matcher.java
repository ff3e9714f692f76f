package io.mooring.policy.match;

import io.mooring.policy.value.Wildcard;

import java.util.List;

/**
 * Whether a rule selects a request, with Kyverno's rules: a namespaced Policy sees only its own
 * namespace; {@code match} must select (one {@code any} filter, every {@code all} filter), then
 * {@code exclude} must not; user criteria in {@code match} are ignored when the request has no user,
 * while in {@code exclude} they then exclude nothing.
 */
public final class Matcher {
    private Matcher() {
    }

    public static boolean selects(MatchResources match, MatchResources exclude, String policyNamespace, MatchedRequest request) {
        if (!policyNamespace.isEmpty() && !policyNamespace.equals(request.namespace())) {
            return false;
        }
        if (!matches(match, request)) {
            return false;
        }
        return exclude == null || !excludes(exclude, request);
    }

    private static boolean matches(MatchResources match, MatchedRequest request) {
        if (!match.any().isEmpty()) {
            return match.any().stream().anyMatch(filter -> matchFilter(filter, request));
        }
        if (!match.all().isEmpty()) {
            return match.all().stream().allMatch(filter -> matchFilter(filter, request));
        }
        return match.single() != null && matchFilter(match.single(), request);
    }

    private static boolean matchFilter(ResourceFilter filter, MatchedRequest request) {
        ResourceFilter effective = request.anonymous() ? filter.withoutUsers() : filter;
        if (!effective.describesResources() && !effective.describesUsers()) {
            return false;
        }
        return selected(effective, request);
    }

    private static boolean excludes(MatchResources exclude, MatchedRequest request) {
        if (!exclude.any().isEmpty()) {
            return exclude.any().stream().anyMatch(filter -> excludeFilter(filter, request));
        }
        if (!exclude.all().isEmpty()) {
            return exclude.all().stream().allMatch(filter -> excludeFilter(filter, request));
        }
        return exclude.single() != null && excludeFilter(exclude.single(), request);
    }

    private static boolean excludeFilter(ResourceFilter filter, MatchedRequest request) {
        return (filter.describesResources() || filter.describesUsers()) && selected(filter, request);
    }

    /** Every criterion of the filter holds for the request. */
    static boolean selected(ResourceFilter filter, MatchedRequest request) {
        if (!filter.operations().isEmpty() && !filter.operations().contains(request.operation())) {
            return false;
        }
        if (!filter.kinds().isEmpty() && filter.kinds().stream()
                .noneMatch(k -> KindSelector.parse(k).matches(request.group(), request.version(), request.kind()))) {
            return false;
        }
        if (!filter.name().isEmpty() && !Wildcard.match(filter.name(), request.name())) {
            return false;
        }
        if (!filter.names().isEmpty() && filter.names().stream().noneMatch(n -> Wildcard.match(n, request.name()))) {
            return false;
        }
        if (!filter.namespaces().isEmpty()) {
            String namespace = request.kind().equals("Namespace") ? request.name() : request.namespace();
            if (filter.namespaces().stream().noneMatch(n -> Wildcard.match(n, namespace))) {
                return false;
            }
        }
        if (!filter.annotations().isEmpty() && !annotationsMatch(filter, request)) {
            return false;
        }
        if (filter.selector() != null && !filter.selector().matches(request.labels())) {
            return false;
        }
        if (filter.namespaceSelector() != null
                && (request.kind().equals("Namespace") || !filter.namespaceSelector().matches(request.namespaceLabels()))) {
            return false;
        }
        return usersMatch(filter, request);
    }

    private static boolean annotationsMatch(ResourceFilter filter, MatchedRequest request) {
        return filter.annotations().entrySet().stream().allMatch(expected -> request.annotations().entrySet().stream()
                .anyMatch(actual -> Wildcard.match(expected.getKey(), actual.getKey()) && Wildcard.match(expected.getValue(), actual.getValue())));
    }

    private static boolean usersMatch(ResourceFilter filter, MatchedRequest request) {
        if (!filter.roles().isEmpty() && !intersects(filter.roles(), request.roles())) {
            return false;
        }
        if (!filter.clusterRoles().isEmpty() && !intersects(filter.clusterRoles(), request.clusterRoles())) {
            return false;
        }
        return filter.subjects().isEmpty() || filter.subjects().stream().anyMatch(subject -> subjectMatches(subject, request));
    }

    private static boolean intersects(List<String> wanted, List<String> actual) {
        return actual.stream().anyMatch(wanted::contains);
    }

    private static boolean subjectMatches(ResourceFilter.Subject subject, MatchedRequest request) {
        return switch (subject.kind()) {
            case "ServiceAccount" -> Wildcard.match("system:serviceaccount:" + subject.namespace() + ":" + subject.name(), request.userName());
            case "Group" -> request.groups().stream().anyMatch(g -> Wildcard.match(subject.name(), g));
            case "User" -> Wildcard.match(subject.name(), request.userName());
            default -> false;
        };
    }
}
