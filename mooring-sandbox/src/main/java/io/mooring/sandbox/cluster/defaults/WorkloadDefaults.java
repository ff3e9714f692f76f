package io.mooring.sandbox.cluster.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.Nodes;

import static io.mooring.sandbox.cluster.Nodes.defaultBoolean;
import static io.mooring.sandbox.cluster.Nodes.defaultInt;
import static io.mooring.sandbox.cluster.Nodes.defaultText;
import static io.mooring.sandbox.cluster.Nodes.object;
import static io.mooring.sandbox.cluster.Nodes.objectOrNull;
import static io.mooring.sandbox.cluster.Nodes.objects;

/**
 * Defaults of the workload kinds (apps/v1, batch/v1 and the core group's ReplicationController
 * and PodTemplate), as Kubernetes 1.34 sets them, including their pod templates.
 */
final class WorkloadDefaults {
    private WorkloadDefaults() {
    }

    static void deployment(ObjectNode deployment) {
        ObjectNode spec = object(deployment, "spec");
        defaultInt(spec, "replicas", 1);
        ObjectNode strategy = object(spec, "strategy");
        defaultText(strategy, "type", "RollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            ObjectNode rolling = object(strategy, "rollingUpdate");
            if (Nodes.unset(rolling, "maxUnavailable")) {
                rolling.put("maxUnavailable", "25%");
            }
            if (Nodes.unset(rolling, "maxSurge")) {
                rolling.put("maxSurge", "25%");
            }
        }
        defaultInt(spec, "revisionHistoryLimit", 10);
        defaultInt(spec, "progressDeadlineSeconds", 600);
        PodSpecDefaults.template(object(spec, "template"));
    }

    static void replicaSet(ObjectNode replicaSet) {
        ObjectNode spec = object(replicaSet, "spec");
        defaultInt(spec, "replicas", 1);
        PodSpecDefaults.template(object(spec, "template"));
    }

    static void statefulSet(ObjectNode statefulSet) {
        ObjectNode spec = object(statefulSet, "spec");
        defaultText(spec, "podManagementPolicy", "OrderedReady");
        ObjectNode strategy = object(spec, "updateStrategy");
        if (Nodes.empty(strategy, "type")) {
            strategy.put("type", "RollingUpdate");
            object(strategy, "rollingUpdate");
        }
        ObjectNode rolling = objectOrNull(strategy, "rollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate") && rolling != null) {
            defaultInt(rolling, "partition", 0);
        }
        ObjectNode retention = object(spec, "persistentVolumeClaimRetentionPolicy");
        defaultText(retention, "whenDeleted", "Retain");
        defaultText(retention, "whenScaled", "Retain");
        defaultInt(spec, "replicas", 1);
        defaultInt(spec, "revisionHistoryLimit", 10);
        PodSpecDefaults.template(object(spec, "template"));
        for (ObjectNode claim : objects(spec, "volumeClaimTemplates")) {
            // Stored as full PersistentVolumeClaims, so they read back with their type and a Pending status.
            claim.put("apiVersion", "v1");
            claim.put("kind", "PersistentVolumeClaim");
            object(claim, "metadata");
            StorageDefaults.claimSpec(object(claim, "spec"));
            defaultText(object(claim, "status"), "phase", "Pending");
        }
    }

    static void daemonSet(ObjectNode daemonSet) {
        ObjectNode spec = object(daemonSet, "spec");
        ObjectNode strategy = object(spec, "updateStrategy");
        defaultText(strategy, "type", "RollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            ObjectNode rolling = object(strategy, "rollingUpdate");
            if (Nodes.unset(rolling, "maxUnavailable")) {
                rolling.put("maxUnavailable", 1);
            }
            if (Nodes.unset(rolling, "maxSurge")) {
                rolling.put("maxSurge", 0);
            }
        }
        defaultInt(spec, "revisionHistoryLimit", 10);
        PodSpecDefaults.template(object(spec, "template"));
    }

    static void job(ObjectNode job, boolean create) {
        ObjectNode spec = object(job, "spec");
        jobSpec(spec);
        ObjectNode metadata = object(job, "metadata");
        ObjectNode templateLabels = objectOrNull(objectOrNull(spec.get("template"), "metadata"), "labels");
        if (templateLabels != null && Nodes.empty(metadata, "labels")) {
            metadata.set("labels", templateLabels.deepCopy());
        }
        if (create && !spec.path("manualSelector").asBoolean(false)) {
            generateSelector(spec, metadata.path("name").asText(""), metadata.path("uid").asText(""));
        }
    }

    /**
     * A new Job selects its pods by its uid, and its pods carry its name and uid as labels (in
     * the current and the legacy spelling). User labels of the same keys are left for
     * validation to judge.
     */
    private static void generateSelector(ObjectNode spec, String name, String uid) {
        ObjectNode labels = object(object(object(spec, "template"), "metadata"), "labels");
        for (String key : new String[] {"job-name", "batch.kubernetes.io/job-name"}) {
            if (!labels.has(key)) {
                labels.put(key, name);
            }
        }
        for (String key : new String[] {"controller-uid", "batch.kubernetes.io/controller-uid"}) {
            if (!labels.has(key)) {
                labels.put(key, uid);
            }
        }
        ObjectNode matchLabels = object(object(spec, "selector"), "matchLabels");
        if (!matchLabels.has("batch.kubernetes.io/controller-uid")) {
            matchLabels.put("batch.kubernetes.io/controller-uid", uid);
        }
    }

    /** What a Job's spec gets; a CronJob's job template only gets its pod template's defaults. */
    private static void jobSpec(ObjectNode spec) {
        if (Nodes.unset(spec, "completions") && Nodes.unset(spec, "parallelism")) {
            spec.put("completions", 1);
            spec.put("parallelism", 1);
        }
        defaultInt(spec, "parallelism", 1);
        defaultInt(spec, "backoffLimit", Nodes.unset(spec, "backoffLimitPerIndex") ? 6 : Integer.MAX_VALUE);
        defaultText(spec, "completionMode", "NonIndexed");
        defaultBoolean(spec, "suspend", false);
        ObjectNode failurePolicy = objectOrNull(spec, "podFailurePolicy");
        if (failurePolicy != null) {
            for (ObjectNode rule : objects(failurePolicy, "rules")) {
                objects(rule, "onPodConditions").forEach(pattern -> defaultText(pattern, "status", "True"));
            }
        }
        defaultText(spec, "podReplacementPolicy", failurePolicy != null ? "Failed" : "TerminatingOrFailed");
        defaultBoolean(spec, "manualSelector", false);
        PodSpecDefaults.template(object(spec, "template"));
    }

    static void cronJob(ObjectNode cronJob) {
        ObjectNode spec = object(cronJob, "spec");
        defaultText(spec, "concurrencyPolicy", "Allow");
        defaultBoolean(spec, "suspend", false);
        defaultInt(spec, "successfulJobsHistoryLimit", 3);
        defaultInt(spec, "failedJobsHistoryLimit", 1);
        ObjectNode jobTemplate = object(spec, "jobTemplate");
        object(jobTemplate, "metadata");
        PodSpecDefaults.template(object(object(jobTemplate, "spec"), "template"));
    }

    static void replicationController(ObjectNode controller) {
        ObjectNode spec = object(controller, "spec");
        defaultInt(spec, "replicas", 1);
        ObjectNode template = objectOrNull(spec, "template");
        if (template == null) {
            return;
        }
        ObjectNode labels = objectOrNull(objectOrNull(template, "metadata"), "labels");
        if (labels != null) {
            if (Nodes.empty(spec, "selector")) {
                spec.set("selector", labels.deepCopy());
            }
            ObjectNode metadata = object(controller, "metadata");
            if (Nodes.empty(metadata, "labels")) {
                metadata.set("labels", labels.deepCopy());
            }
        }
        PodSpecDefaults.template(template);
    }

    static void podTemplate(ObjectNode podTemplate) {
        PodSpecDefaults.template(object(podTemplate, "template"));
    }
}
