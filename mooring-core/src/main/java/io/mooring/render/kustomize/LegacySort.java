package io.mooring.render.kustomize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kustomize's default output order: some kinds first (Namespaces, CRDs, RBAC, ConfigMaps, ...),
 * webhooks last, the rest by group/version/kind, then namespace and name.
 */
final class LegacySort {
    static final List<String> ORDER_FIRST = List.of("Namespace", "ResourceQuota", "StorageClass",
            "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
            "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass",
            "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget");
    static final List<String> ORDER_LAST = List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

    private LegacySort() {
    }

    static void sort(ResMap resources, List<String> orderFirst, List<String> orderLast) {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < orderFirst.size(); i++) {
            rank.put(orderFirst.get(i), -orderFirst.size() + i);
        }
        for (int i = 0; i < orderLast.size(); i++) {
            rank.put(orderLast.get(i), 1 + i);
        }
        Comparator<Resource> order = Comparator
                .comparingInt((Resource r) -> rank.getOrDefault(r.kind(), 0))
                .thenComparing(Resource::gvk, LegacySort::compareGvk)
                .thenComparing(r -> idKey(r.curId()));
        List<Resource> sorted = new ArrayList<>(resources.resources());
        sorted.sort(order);
        resources.setAll(sorted);
    }

    /** By group, version and kind; but a core-group Namespace comes before Namespace kinds of other groups. */
    private static int compareGvk(Gvk a, Gvk b) {
        int order = gvkKey(a).compareTo(gvkKey(b));
        boolean namespaces = a.kind().equals("Namespace") && b.kind().equals("Namespace");
        return namespaces && (a.group().isEmpty() || b.group().isEmpty()) ? -order : order;
    }

    private static String gvkKey(Gvk gvk) {
        return String.join("_", or(gvk.group(), "~G"), or(gvk.version(), "~V"), or(gvk.kind(), "~K"));
    }

    private static String idKey(ResId id) {
        return String.join("|", id.gvk().toString(), or(id.namespace(), "~X"), or(id.name(), "~N"));
    }

    private static String or(String value, String placeholder) {
        return value.isEmpty() ? placeholder : value;
    }
}
