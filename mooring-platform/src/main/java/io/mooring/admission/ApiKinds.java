package io.mooring.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kinds a webhook's rules can name, with the resource (plural) the API server calls them by.
 * Kubernetes' built-in kinds are known here; custom resources come from the cluster's discovery.
 */
public final class ApiKinds {
    /** One kind at one group and version. */
    public record ApiKind(String group, String version, String kind, String plural) {
    }

    /** Kubernetes' built-in kinds ({@code group/version Kind...}; the core group is empty). */
    private static final String[] BUILT_IN = {
            "/v1 Pod Service ConfigMap Secret Namespace Node PersistentVolume PersistentVolumeClaim ServiceAccount Endpoints Event "
                    + "LimitRange ResourceQuota ReplicationController PodTemplate",
            "apps/v1 Deployment StatefulSet DaemonSet ReplicaSet ControllerRevision",
            "batch/v1 Job CronJob",
            "networking.k8s.io/v1 Ingress IngressClass NetworkPolicy",
            "policy/v1 PodDisruptionBudget",
            "rbac.authorization.k8s.io/v1 Role RoleBinding ClusterRole ClusterRoleBinding",
            "autoscaling/v2 HorizontalPodAutoscaler",
            "storage.k8s.io/v1 StorageClass CSIDriver CSINode VolumeAttachment",
            "scheduling.k8s.io/v1 PriorityClass",
            "coordination.k8s.io/v1 Lease",
            "discovery.k8s.io/v1 EndpointSlice",
            "events.k8s.io/v1 Event",
            "admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration MutatingWebhookConfiguration",
            "apiextensions.k8s.io/v1 CustomResourceDefinition",
            "apiregistration.k8s.io/v1 APIService",
            "certificates.k8s.io/v1 CertificateSigningRequest",
            "node.k8s.io/v1 RuntimeClass"};

    private ApiKinds() {
    }

    public static List<ApiKind> builtIn() {
        List<ApiKind> kinds = new ArrayList<>();
        for (String line : BUILT_IN) {
            String[] words = line.split(" ");
            String group = words[0].substring(0, words[0].indexOf('/'));
            String version = words[0].substring(words[0].indexOf('/') + 1);
            for (int i = 1; i < words.length; i++) {
                kinds.add(new ApiKind(group, version, words[i], plural(words[i])));
            }
        }
        return kinds;
    }

    /** The resource name Kubernetes gives a built-in kind (lower case, plural as English makes it). */
    static String plural(String kind) {
        String lower = kind.toLowerCase(Locale.ROOT);
        if (lower.endsWith("endpoints")) {
            return lower;
        }
        if (lower.endsWith("s")) {
            return lower + "es";
        }
        if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return lower.substring(0, lower.length() - 1) + "ies";
        }
        return lower + "s";
    }
}
