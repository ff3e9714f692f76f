package io.mooring.sandbox.workloads.cronjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.workloads.objects.Cache;
import io.mooring.sandbox.workloads.objects.Client;
import io.mooring.sandbox.workloads.objects.Conditions;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Kinds;
import io.mooring.sandbox.workloads.objects.Owners;
import io.mooring.sandbox.workloads.objects.Reconciler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The CronJob controller: at each time the schedule names (in {@code spec.timeZone}, else UTC,
 * by the sandbox's clock) it creates the Job {@code <cronjob>-<minutes since the epoch>} from the
 * job template, unless suspended, past {@code startingDeadlineSeconds}, or forbidden by the
 * concurrency policy (Forbid skips while a Job runs, Replace deletes the running ones); keeps the
 * active list, lastScheduleTime and lastSuccessfulTime, and deletes finished Jobs beyond the
 * successful (3) and failed (1) history limits. Only the most recent missed time runs, as in
 * Kubernetes.
 */
public final class CronJobController extends Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(CronJobController.class);
    static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    private static final String BY_CONTROLLER = "controller";

    private final Cache cronJobs;
    private final Cache jobs;

    public CronJobController(Client client, Clock clock) {
        super("cronjobs", client, clock);
        this.cronJobs = watch(Kinds.CRON_JOBS);
        this.jobs = watch(Kinds.JOBS).index(BY_CONTROLLER, Owners::controllerUid);
    }

    @Override
    protected void changed(String typeKey, Cache.Change change) {
        if (typeKey.equals(Kinds.CRON_JOBS)) {
            enqueue(Json.key(change.current()));
            return;
        }
        String owner = Owners.controllerName(change.current(), "CronJob");
        if (owner != null) {
            enqueue(Json.key(Json.namespace(change.current()), owner));
        }
    }

    @Override
    protected void reconcile(String key, Instant now) {
        ObjectNode cronJob = cronJobs.get(key);
        if (cronJob == null || Json.deleting(cronJob)) {
            return;
        }
        List<ObjectNode> children = new ArrayList<>(jobs.byIndex(BY_CONTROLLER, Json.uid(cronJob)));
        ObjectNode status = cronJob.path("status").isObject() ? cronJob.get("status").deepCopy() : Json.object();
        trackActive(status, children);
        CronSchedule schedule;
        ZoneId zone;
        try {
            schedule = CronSchedule.parse(cronJob.path("spec").path("schedule").asText(""));
            zone = zone(cronJob);
        } catch (IllegalArgumentException | DateTimeException e) {
            LOG.warn("CronJob {}: unparseable schedule or time zone, nothing scheduled: {}", key, e.getMessage());
            writeStatus(cronJob, status);
            return;
        }
        if (!cronJob.path("spec").path("suspend").asBoolean(false)) {
            Instant scheduled = mostRecent(cronJob, schedule, zone, now);
            if (scheduled != null && withinDeadline(cronJob, scheduled, now)) {
                children.addAll(run(cronJob, status, children, scheduled, zone));
            }
            ZonedDateTime next = schedule.next(now, zone);
            if (next != null) {
                enqueueAfter(key, Duration.between(now, next.toInstant()).plusMillis(100));
            }
        }
        writeStatus(cronJob, status);
        cleanupHistory(cronJob, children);
    }

    /** Drops finished and vanished Jobs from {@code status.active}; a success moves lastSuccessfulTime. */
    private void trackActive(ObjectNode status, List<ObjectNode> children) {
        ArrayNode active = Json.array();
        for (JsonNode ref : status.path("active")) {
            ObjectNode job = children.stream().filter(j -> Json.uid(j).equals(ref.path("uid").asText())).findFirst().orElse(null);
            if (job != null && !finished(job)) {
                active.add(ref);
            }
        }
        for (ObjectNode job : children) {
            boolean listed = false;
            for (JsonNode ref : active) {
                listed |= ref.path("uid").asText().equals(Json.uid(job));
            }
            if (!listed && !finished(job)) {
                active.add(reference(job));
            }
            if (Conditions.isTrue(job.path("status"), "Complete")) {
                Instant completed = Json.timeOr(job.path("status").path("completionTime"), null);
                Instant last = Json.timeOr(status.path("lastSuccessfulTime"), null);
                if (completed != null && (last == null || completed.isAfter(last))) {
                    status.put("lastSuccessfulTime", Json.time(completed));
                }
            }
        }
        if (active.isEmpty()) {
            status.remove("active");
        } else {
            status.set("active", active);
        }
    }

    /**
     * The latest scheduled time not after now and after the last one run (or the CronJob's
     * creation). It looks back over a window that doubles until it finds one, so a schedule
     * missed for months costs no more than one missed for a minute.
     */
    private static Instant mostRecent(ObjectNode cronJob, CronSchedule schedule, ZoneId zone, Instant now) {
        Instant earliest = Json.timeOr(cronJob.path("status").path("lastScheduleTime"), Json.created(cronJob));
        JsonNode deadline = cronJob.path("spec").path("startingDeadlineSeconds");
        if (deadline.isNumber() && earliest.isBefore(now.minusSeconds(deadline.asLong()))) {
            earliest = now.minusSeconds(deadline.asLong());
        }
        for (Duration window = Duration.ofHours(1); ; window = window.multipliedBy(2)) {
            Instant from = now.minus(window).isAfter(earliest) ? now.minus(window) : earliest;
            Instant latest = null;
            for (ZonedDateTime t = schedule.next(from, zone); t != null && !t.toInstant().isAfter(now); t = schedule.next(t)) {
                latest = t.toInstant();
            }
            if (latest != null || !from.isAfter(earliest)) {
                return latest;
            }
        }
    }

    private static boolean withinDeadline(ObjectNode cronJob, Instant scheduled, Instant now) {
        JsonNode deadline = cronJob.path("spec").path("startingDeadlineSeconds");
        return !deadline.isNumber() || !scheduled.plusSeconds(deadline.asLong()).isBefore(now);
    }

    /** Starts the Job of one scheduled time as the concurrency policy allows; returns what it created. */
    private List<ObjectNode> run(ObjectNode cronJob, ObjectNode status, List<ObjectNode> children, Instant scheduled, ZoneId zone) {
        String name = Json.name(cronJob) + "-" + scheduled.getEpochSecond() / 60;
        if (children.stream().anyMatch(j -> Json.name(j).equals(name))) {
            return List.of();
        }
        String policy = cronJob.path("spec").path("concurrencyPolicy").asText("Allow");
        if (policy.equals("Forbid") && status.path("active").size() > 0) {
            return List.of();
        }
        if (policy.equals("Replace")) {
            for (ObjectNode job : children) {
                if (!finished(job)) {
                    deleteJob(job);
                }
            }
            status.remove("active");
        }
        ObjectNode job;
        try {
            job = client.create(Kinds.JOBS, job(cronJob, name, scheduled, zone));
        } catch (ApiException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                throw e;
            }
            return List.of();
        }
        status.withArrayProperty("active").add(reference(job));
        status.put("lastScheduleTime", Json.time(scheduled));
        return List.of(job);
    }

    private static ObjectNode job(ObjectNode cronJob, String name, Instant scheduled, ZoneId zone) {
        JsonNode template = cronJob.path("spec").path("jobTemplate");
        ObjectNode job = Json.object();
        job.put("apiVersion", "batch/v1");
        job.put("kind", "Job");
        ObjectNode metadata = job.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", Json.namespace(cronJob));
        if (template.path("metadata").path("labels").size() > 0) {
            metadata.set("labels", template.path("metadata").path("labels").deepCopy());
        }
        ObjectNode annotations = metadata.putObject("annotations");
        Json.strings(template.path("metadata").path("annotations")).forEach(annotations::put);
        annotations.put(SCHEDULED_TIMESTAMP, scheduled.atZone(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        metadata.set("ownerReferences", Owners.controlledBy(cronJob));
        job.set("spec", template.path("spec").deepCopy());
        return job;
    }

    /** Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit (3) and failedJobsHistoryLimit (1). */
    private void cleanupHistory(ObjectNode cronJob, List<ObjectNode> children) {
        for (String outcome : new String[]{"Complete", "Failed"}) {
            int limit = Json.intOr(cronJob.path("spec").path(outcome.equals("Complete") ? "successfulJobsHistoryLimit"
                    : "failedJobsHistoryLimit"), outcome.equals("Complete") ? 3 : 1);
            List<ObjectNode> finished = children.stream().filter(j -> Conditions.isTrue(j.path("status"), outcome) && !Json.deleting(j))
                    .sorted(Json.BY_CREATION).toList();
            for (int i = 0; i < finished.size() - limit; i++) {
                deleteJob(finished.get(i));
            }
        }
    }

    private void deleteJob(ObjectNode job) {
        try {
            client.delete(Kinds.JOBS, job);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private void writeStatus(ObjectNode cronJob, ObjectNode status) {
        if (!status.equals(cronJob.path("status"))) {
            client.updateStatus(Kinds.CRON_JOBS, cronJob, status);
        }
    }

    private static boolean finished(JsonNode job) {
        return Conditions.isTrue(job.path("status"), "Complete") || Conditions.isTrue(job.path("status"), "Failed");
    }

    private static ObjectNode reference(JsonNode job) {
        ObjectNode ref = Json.object();
        ref.put("apiVersion", "batch/v1");
        ref.put("kind", "Job");
        ref.put("name", Json.name(job));
        ref.put("namespace", Json.namespace(job));
        ref.put("uid", Json.uid(job));
        ref.put("resourceVersion", job.path("metadata").path("resourceVersion").asText());
        return ref;
    }

    private static ZoneId zone(JsonNode cronJob) {
        String zone = cronJob.path("spec").path("timeZone").asText("");
        return zone.isEmpty() ? ZoneOffset.UTC : ZoneId.of(zone);
    }
}
