package io.mooring.sandbox.cluster.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.LabelSelector;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.cluster.Selectors;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Jobs and CronJobs: pods that do not restart Always, a schedule that parses, and a job whose template is fixed once created. */
final class BatchValidation {
    private static final List<String> JOB_RESTART_POLICIES = List.of("OnFailure", "Never");
    private static final Set<String> DESCRIPTORS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    /** A CronJob's name plus the 11 characters of its jobs' suffix must fit a label value. */
    private static final int CRON_JOB_NAME_MAX = 52;

    private BatchValidation() {
    }

    static void job(ObjectNode job, ObjectNode old, FieldErrors errors) {
        JsonNode spec = job.path("spec");
        for (String field : List.of("parallelism", "completions", "backoffLimit", "activeDeadlineSeconds", "ttlSecondsAfterFinished")) {
            WorkloadValidation.nonNegative(spec, field, errors);
        }
        JsonNode selector = spec.get("selector");
        JsonNode template = spec.get("template");
        if (selector == null || selector.isNull()) {
            errors.required("spec.selector", "");
        } else if (template != null) {
            Optional<LabelSelector> parsed;
            try {
                parsed = Selectors.of(selector);
            } catch (IllegalArgumentException e) {
                parsed = Optional.empty();
                errors.invalid("spec.selector", Selectors.canonical(selector), "invalid label selector");
            }
            var labels = Nodes.stringMap(template.path("metadata"), "labels");
            if (parsed.isPresent() && !parsed.get().matches(labels)) {
                errors.invalid("spec.template.metadata.labels", Nodes.toObject(labels), "`selector` does not match template `labels`");
            }
        }
        PodSpecValidation.template(template, "spec.template", JOB_RESTART_POLICIES, errors);
        if (old != null) {
            JsonNode before = old.path("spec");
            for (String field : List.of("selector", "completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy",
                    "successPolicy", "podReplacementPolicy")) {
                immutable(spec, before, field, errors);
            }
            if (!spec.path("completionMode").asText().equals("Indexed")) {
                immutable(spec, before, "completions", errors);
            }
            // A suspended job that never ran may still be rescheduled; others keep their template.
            boolean suspended = before.path("suspend").asBoolean(false) && !old.path("status").has("startTime");
            if (!suspended) {
                immutable(spec, before, "template", errors);
            }
        }
    }

    private static void immutable(JsonNode spec, JsonNode before, String field, FieldErrors errors) {
        JsonNode after = spec.path(field);
        if (!after.equals(before.path(field))) {
            errors.invalid("spec." + field, after.isMissingNode() ? null : after, "field is immutable");
        }
    }

    static void cronJob(ObjectNode cronJob, FieldErrors errors) {
        String name = Nodes.text(cronJob, "metadata", "name");
        if (name.length() > CRON_JOB_NAME_MAX) {
            errors.invalid("metadata.name", name, Names.maxLength(CRON_JOB_NAME_MAX));
        }
        JsonNode spec = cronJob.path("spec");
        String schedule = spec.path("schedule").asText("");
        if (schedule.isEmpty()) {
            errors.required("spec.schedule", "");
        } else {
            String problem = scheduleProblem(schedule);
            if (problem != null) {
                errors.invalid("spec.schedule", schedule, problem);
            }
        }
        JsonNode concurrency = spec.path("concurrencyPolicy");
        List<String> policies = List.of("Allow", "Forbid", "Replace");
        if (!policies.contains(concurrency.asText())) {
            errors.notSupported("spec.concurrencyPolicy", concurrency, policies);
        }
        for (String field : List.of("startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit")) {
            WorkloadValidation.nonNegative(spec, field, errors);
        }
        JsonNode jobSpec = spec.path("jobTemplate").path("spec");
        PodSpecValidation.template(jobSpec.get("template"), "spec.jobTemplate.spec.template", JOB_RESTART_POLICIES, errors);
    }

    /** Why a schedule is not a standard five-field cron expression or descriptor; null when it is one. */
    static String scheduleProblem(String schedule) {
        String s = schedule.trim();
        if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
            return "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";
        }
        if (s.startsWith("@")) {
            if (DESCRIPTORS.contains(s) || s.startsWith("@every ")) {
                return null;
            }
            return "unrecognized descriptor: " + s;
        }
        String[] fields = s.split("\\s+");
        if (fields.length != 5) {
            return "expected exactly 5 fields, found " + fields.length + ": [" + String.join(" ", fields) + "]";
        }
        return null;
    }
}
