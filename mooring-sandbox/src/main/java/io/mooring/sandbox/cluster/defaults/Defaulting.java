package io.mooring.sandbox.cluster.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.Admission;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException;

import java.util.Map;
import java.util.function.BiConsumer;

import static io.mooring.sandbox.cluster.Nodes.object;

/**
 * Fills in what the Kubernetes 1.34 API server fills in for the built-in kinds people deploy,
 * on every create and update: the defaults of each kind, quantities in canonical form, and the
 * zero status a new object is returned with ({@code status: {}} for a Deployment, {@code
 * replicas: 0} for a ReplicaSet). A diff against live objects sees exactly these fields, so
 * they must look like a real cluster's.
 */
public final class Defaulting implements Admission {
    private static final Map<String, BiConsumer<ObjectNode, Boolean>> BY_KIND = Map.ofEntries(
            Map.entry("v1/Pod", PodDefaults::pod),
            Map.entry("v1/PodTemplate", (o, create) -> WorkloadDefaults.podTemplate(o)),
            Map.entry("v1/ReplicationController", (o, create) -> {
                WorkloadDefaults.replicationController(o);
                zeroStatus(o, create, "replicas");
            }),
            Map.entry("apps/v1/Deployment", (o, create) -> {
                WorkloadDefaults.deployment(o);
                zeroStatus(o, create);
            }),
            Map.entry("apps/v1/ReplicaSet", (o, create) -> {
                WorkloadDefaults.replicaSet(o);
                zeroStatus(o, create, "replicas");
            }),
            Map.entry("apps/v1/StatefulSet", (o, create) -> {
                WorkloadDefaults.statefulSet(o);
                zeroStatus(o, create, "availableReplicas", "replicas");
            }),
            Map.entry("apps/v1/DaemonSet", (o, create) -> {
                WorkloadDefaults.daemonSet(o);
                zeroStatus(o, create, "currentNumberScheduled", "desiredNumberScheduled", "numberMisscheduled", "numberReady");
            }),
            Map.entry("batch/v1/Job", (o, create) -> {
                WorkloadDefaults.job(o, create);
                zeroStatus(o, create);
            }),
            Map.entry("batch/v1/CronJob", (o, create) -> {
                WorkloadDefaults.cronJob(o);
                zeroStatus(o, create);
            }),
            Map.entry("v1/Service", ServiceDefaults::service),
            Map.entry("v1/Namespace", (o, create) -> CoreDefaults.namespace(o)),
            Map.entry("v1/PersistentVolumeClaim", StorageDefaults::claim),
            Map.entry("v1/PersistentVolume", StorageDefaults::volume),
            Map.entry("v1/Secret", (o, create) -> CoreDefaults.secret(o)),
            Map.entry("v1/Endpoints", (o, create) -> CoreDefaults.endpoints(o)),
            Map.entry("v1/LimitRange", (o, create) -> CoreDefaults.limitRange(o)),
            Map.entry("v1/ResourceQuota", (o, create) -> {
                CoreDefaults.resourceQuota(o);
                zeroStatus(o, create);
            }),
            Map.entry("discovery.k8s.io/v1/EndpointSlice", (o, create) -> CoreDefaults.endpointSlice(o)),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", (o, create) -> PolicyDefaults.networkPolicy(o)),
            Map.entry("networking.k8s.io/v1/Ingress", (o, create) -> {
                if (create) {
                    object(object(o, "status"), "loadBalancer");
                }
            }),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", PolicyDefaults::horizontalPodAutoscaler),
            Map.entry("autoscaling/v1/HorizontalPodAutoscaler", (o, create) -> {
                io.mooring.sandbox.cluster.Nodes.defaultInt(object(o, "spec"), "minReplicas", 1);
                zeroStatus(o, create, "currentReplicas", "desiredReplicas");
            }),
            Map.entry("policy/v1/PodDisruptionBudget", (o, create) ->
                    zeroStatus(o, create, "currentHealthy", "desiredHealthy", "disruptionsAllowed", "expectedPods")),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", (o, create) -> PolicyDefaults.roleBinding(o)),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", (o, create) -> PolicyDefaults.roleBinding(o)),
            Map.entry("scheduling.k8s.io/v1/PriorityClass", (o, create) -> PolicyDefaults.priorityClass(o)),
            Map.entry("storage.k8s.io/v1/StorageClass", (o, create) -> StorageDefaults.storageClass(o)));

    @Override
    public void admit(Operation operation, ResourceType type, ObjectNode incoming, ObjectNode existing) {
        BiConsumer<ObjectNode, Boolean> defaults = BY_KIND.get(type.apiVersion() + "/" + type.kind());
        if (defaults == null) {
            return;
        }
        try {
            defaults.accept(incoming, operation == Operation.CREATE);
        } catch (IllegalArgumentException malformed) {
            throw ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": " + malformed.getMessage());
        }
    }

    /** A new object's status as Go prints its zero value: the fields that are not omitted when empty, at zero. */
    private static void zeroStatus(ObjectNode object, boolean create, String... zeroFields) {
        if (!create || object.has("status")) {
            return;
        }
        ObjectNode status = object.putObject("status");
        for (String field : zeroFields) {
            status.put(field, 0);
        }
    }
}
