package io.mooring.plan;

import java.util.List;

/**
 * The order kinds are applied in within a wave: what others depend on first (namespaces,
 * policies, accounts, configuration, storage, RBAC, services), workloads after, routing last.
 * Argo CD's order, which users' sync waves were written against. Unknown kinds (custom
 * resources) come after all known ones; deletion runs in reverse.
 */
public final class KindOrder {
    private static final List<String> ORDER = List.of("Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
            "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
            "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
            "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
            "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet",
            "Job", "CronJob", "IngressClass", "Ingress", "APIService");

    private KindOrder() {
    }

    public static int rank(String kind) {
        int index = ORDER.indexOf(kind);
        return index < 0 ? ORDER.size() : index;
    }

    /** Namespaces and CRDs go before everything else, in a wave of their own: the rest may need them. */
    public static boolean isFoundation(String kind) {
        return kind.equals("Namespace") || kind.equals("CustomResourceDefinition");
    }
}
