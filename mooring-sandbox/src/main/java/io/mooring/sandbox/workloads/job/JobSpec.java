package io.mooring.sandbox.workloads.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sandbox.workloads.objects.Json;

import java.util.BitSet;

/**
 * A Job's spec as the controller reads it, with the API's defaults (parallelism 1, backoffLimit
 * 6, NonIndexed); {@code completions} absent means "until one pod succeeds" (a work queue).
 */
record JobSpec(JsonNode job) {
    Integer completions() {
        JsonNode completions = job.path("spec").path("completions");
        return completions.isNumber() ? completions.asInt() : null;
    }

    int parallelism() {
        return Json.intOr(job.path("spec").path("parallelism"), 1);
    }

    int backoffLimit() {
        return Json.intOr(job.path("spec").path("backoffLimit"), 6);
    }

    boolean indexed() {
        return job.path("spec").path("completionMode").asText("NonIndexed").equals("Indexed") && completions() != null;
    }

    boolean suspended() {
        return job.path("spec").path("suspend").asBoolean(false);
    }

    Integer activeDeadlineSeconds() {
        JsonNode deadline = job.path("spec").path("activeDeadlineSeconds");
        return deadline.isNumber() ? deadline.asInt() : null;
    }

    Integer ttlSecondsAfterFinished() {
        JsonNode ttl = job.path("spec").path("ttlSecondsAfterFinished");
        return ttl.isNumber() ? ttl.asInt() : null;
    }

    String restartPolicy() {
        return job.path("spec").path("template").path("spec").path("restartPolicy").asText("Never");
    }

    /** How many pods should run: parallelism, no more than the completions still missing. */
    int wantedActive(int succeeded) {
        Integer completions = completions();
        if (completions == null) {
            return succeeded > 0 ? 0 : parallelism();
        }
        return Math.max(0, Math.min(parallelism(), completions - succeeded));
    }

    boolean complete(int succeeded, int active, BitSet completedIndexes) {
        Integer completions = completions();
        if (completions == null) {
            return succeeded > 0 && active == 0;
        }
        if (indexed()) {
            return completedIndexes.get(0, completions).cardinality() >= completions;
        }
        return succeeded >= completions;
    }
}
