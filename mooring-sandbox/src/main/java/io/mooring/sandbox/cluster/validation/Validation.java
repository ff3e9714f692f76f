package io.mooring.sandbox.cluster.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.Admission;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.Nodes;

import java.util.Set;

/**
 * The validation a real API server does that users run into, after defaults are filled in:
 * names and labels, a Deployment's selector against its template, pods that could never run,
 * fields that may not change (selectors, a Service's cluster IP, a claim's spec, a Job's
 * template). Refusals are 422s worded as Kubernetes 1.34 words them, with one cause per field.
 */
public final class Validation implements Admission {
    /** Built-in kinds whose names must be DNS subdomains (or, per {@link MetadataValidation#nameRule}, labels). */
    private static final Set<String> NAMED_KINDS = Set.of("v1/Pod", "v1/PodTemplate", "v1/ReplicationController", "v1/Service",
            "v1/Namespace", "v1/ConfigMap", "v1/Secret", "v1/ServiceAccount", "v1/Endpoints", "v1/PersistentVolumeClaim",
            "v1/PersistentVolume", "v1/Node", "v1/LimitRange", "v1/ResourceQuota", "apps/v1/Deployment", "apps/v1/ReplicaSet",
            "apps/v1/StatefulSet", "apps/v1/DaemonSet", "apps/v1/ControllerRevision", "batch/v1/Job", "batch/v1/CronJob",
            "networking.k8s.io/v1/Ingress", "networking.k8s.io/v1/IngressClass", "networking.k8s.io/v1/NetworkPolicy",
            "autoscaling/v2/HorizontalPodAutoscaler", "autoscaling/v1/HorizontalPodAutoscaler", "policy/v1/PodDisruptionBudget",
            "scheduling.k8s.io/v1/PriorityClass", "storage.k8s.io/v1/StorageClass", "discovery.k8s.io/v1/EndpointSlice",
            "apiextensions.k8s.io/v1/CustomResourceDefinition");

    @Override
    public void admit(Operation operation, ResourceType type, ObjectNode incoming, ObjectNode existing) {
        String key = type.apiVersion() + "/" + type.kind();
        FieldErrors errors = new FieldErrors();
        if (NAMED_KINDS.contains(key) && operation == Operation.CREATE) {
            MetadataValidation.name(incoming, MetadataValidation.nameRule(type.kind()), errors);
        }
        MetadataValidation.labelsAndAnnotations(incoming.path("metadata"), "metadata", errors);
        switch (key) {
            case "v1/Pod" -> PodSpecValidation.spec(incoming.path("spec"), "spec", PodSpecValidation.ALL_RESTART_POLICIES, errors);
            case "v1/ReplicationController" -> WorkloadValidation.replicationController(incoming, errors);
            case "apps/v1/Deployment" -> WorkloadValidation.deployment(incoming, existing, errors);
            case "apps/v1/ReplicaSet" -> WorkloadValidation.replicaSet(incoming, existing, errors);
            case "apps/v1/StatefulSet" -> WorkloadValidation.statefulSet(incoming, existing, errors);
            case "apps/v1/DaemonSet" -> WorkloadValidation.daemonSet(incoming, existing, errors);
            case "batch/v1/Job" -> BatchValidation.job(incoming, existing, errors);
            case "batch/v1/CronJob" -> BatchValidation.cronJob(incoming, errors);
            case "v1/Service" -> ServiceValidation.service(incoming, existing, errors);
            case "v1/PersistentVolumeClaim" -> StorageValidation.claim(incoming, existing, errors);
            case "v1/ConfigMap" -> ConfigValidation.immutableData(incoming, existing, errors);
            case "v1/Secret" -> ConfigValidation.secret(incoming, existing, errors);
            case "rbac.authorization.k8s.io/v1/RoleBinding", "rbac.authorization.k8s.io/v1/ClusterRoleBinding" ->
                    ConfigValidation.roleBinding(incoming, existing, errors);
            default -> {
            }
        }
        errors.throwIfAny(type.group(), type.kind(), Nodes.text(incoming, "metadata", "name"));
    }
}
