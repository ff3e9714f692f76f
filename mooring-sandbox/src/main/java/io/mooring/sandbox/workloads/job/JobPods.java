package io.mooring.sandbox.workloads.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.PodTemplates;

/**
 * A Job's pods as the job controller makes them: the job-name and controller-uid labels, the
 * {@code batch.kubernetes.io/job-tracking} finalizer that keeps a finished pod until the
 * controller has counted it, and for Indexed Jobs the completion index (annotation, label,
 * hostname and {@code JOB_COMPLETION_INDEX}).
 */
final class JobPods {
    static final String TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
    static final String INDEX = "batch.kubernetes.io/job-completion-index";

    private JobPods() {
    }

    static ObjectNode pod(JsonNode job, Integer index) {
        ObjectNode pod = PodTemplates.pod(job.path("spec").path("template"), job);
        ObjectNode metadata = pod.withObjectProperty("metadata");
        metadata.put("generateName", Json.name(job) + "-" + (index == null ? "" : index + "-"));
        ObjectNode labels = PodTemplates.labels(pod);
        for (String prefix : new String[]{"batch.kubernetes.io/", ""}) {
            if (!labels.has(prefix + "controller-uid")) {
                labels.put(prefix + "controller-uid", Json.uid(job));
            }
            if (!labels.has(prefix + "job-name")) {
                labels.put(prefix + "job-name", Json.name(job));
            }
        }
        metadata.withArrayProperty("finalizers").add(TRACKING_FINALIZER);
        if (index != null) {
            metadata.withObjectProperty("annotations").put(INDEX, Integer.toString(index));
            labels.put(INDEX, Integer.toString(index));
            ObjectNode spec = pod.withObjectProperty("spec");
            if (spec.path("hostname").asText("").isEmpty()) {
                spec.put("hostname", Json.name(job) + "-" + index);
            }
            for (JsonNode container : spec.path("containers")) {
                ArrayNode env = ((ObjectNode) container).withArrayProperty("env");
                ObjectNode variable = env.addObject();
                variable.put("name", "JOB_COMPLETION_INDEX");
                variable.putObject("valueFrom").putObject("fieldRef").put("fieldPath", "metadata.labels['" + INDEX + "']");
            }
        }
        return pod;
    }

    static boolean tracked(JsonNode pod) {
        for (JsonNode finalizer : pod.path("metadata").path("finalizers")) {
            if (finalizer.asText().equals(TRACKING_FINALIZER)) {
                return true;
            }
        }
        return false;
    }

    /** The merge patch that lets a counted pod go: its finalizers without the tracking one. */
    static ObjectNode untrack(JsonNode pod) {
        ObjectNode patch = Json.object();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.put("uid", Json.uid(pod));
        ArrayNode finalizers = metadata.putArray("finalizers");
        pod.path("metadata").path("finalizers").forEach(f -> {
            if (!f.asText().equals(TRACKING_FINALIZER)) {
                finalizers.add(f);
            }
        });
        if (finalizers.isEmpty()) {
            metadata.putNull("finalizers");
        }
        return patch;
    }

    /** The completion index of a pod of an Indexed Job, or -1. */
    static int index(JsonNode pod) {
        String value = Json.annotation(pod, INDEX);
        try {
            return value == null ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
