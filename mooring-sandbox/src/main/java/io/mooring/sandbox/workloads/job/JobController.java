package io.mooring.sandbox.workloads.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.workloads.objects.Cache;
import io.mooring.sandbox.workloads.objects.Client;
import io.mooring.sandbox.workloads.objects.Conditions;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Kinds;
import io.mooring.sandbox.workloads.objects.Owners;
import io.mooring.sandbox.workloads.objects.Pods;
import io.mooring.sandbox.workloads.objects.Reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Job controller (with the TTL-after-finished controller's part): runs up to
 * {@code parallelism} pods until {@code completions} succeed (NonIndexed, or one per index for
 * Indexed), replaces failed pods after a growing back-off until more than {@code backoffLimit}
 * have failed (for OnFailure, container restarts count), fails a Job past
 * {@code activeDeadlineSeconds}, suspends and resumes, and deletes a finished Job after
 * {@code ttlSecondsAfterFinished}. Finished pods are counted into the status before their
 * tracking finalizer is removed. Conditions as Kubernetes 1.34 writes them: SuccessCriteriaMet
 * then Complete, FailureTarget then Failed, Suspended.
 */
public final class JobController extends Reconciler {
    private static final String BY_CONTROLLER = "controller";
    private static final String ORPHAN = "orphan-pod:";
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(6);

    private final Cache jobs;
    private final Cache pods;
    private final Duration backoffBase;
    /** When each Job last saw a pod fail, for the back-off before replacing it. */
    private final Map<String, Instant> lastFailure = new HashMap<>();

    public JobController(Client client, Clock clock, Duration backoffBase) {
        super("jobs", client, clock);
        this.backoffBase = backoffBase;
        this.jobs = watch(Kinds.JOBS);
        this.pods = watch(Kinds.PODS).index(BY_CONTROLLER, Owners::controllerUid);
    }

    @Override
    protected void forget() {
        lastFailure.clear();
    }

    @Override
    protected void changed(String typeKey, Cache.Change change) {
        if (typeKey.equals(Kinds.JOBS)) {
            enqueue(Json.key(change.current()));
            return;
        }
        ObjectNode pod = change.current();
        String owner = Owners.controllerName(pod, "Job");
        if (owner == null) {
            return;
        }
        if (change.after() != null && JobPods.tracked(pod) && jobs.get(Json.namespace(pod), owner) == null) {
            enqueue(ORPHAN + Json.key(pod));
        } else {
            enqueue(Json.key(Json.namespace(pod), owner));
        }
    }

    @Override
    protected void reconcile(String key, Instant now) {
        if (key.startsWith(ORPHAN)) {
            ObjectNode pod = pods.get(key.substring(ORPHAN.length()));
            if (pod != null && JobPods.tracked(pod)) {
                client.patch(Kinds.PODS, Json.namespace(pod), Json.name(pod), JobPods.untrack(pod));
            }
            return;
        }
        ObjectNode job = jobs.get(key);
        if (job == null) {
            lastFailure.remove(key);
            return;
        }
        JobSpec spec = new JobSpec(job);
        ObjectNode status = job.path("status").isObject() ? job.get("status").deepCopy() : Json.object();
        List<ObjectNode> owned = pods.byIndex(BY_CONTROLLER, Json.uid(job));
        BitSet completed = CompletionIndexes.parse(status.path("completedIndexes").asText(""));
        int succeeded = status.path("succeeded").asInt(0);
        int failed = status.path("failed").asInt(0);
        List<ObjectNode> active = new ArrayList<>();
        for (ObjectNode pod : owned) {
            boolean done = Pods.terminal(pod) || Json.deleting(pod);
            if (done && JobPods.tracked(pod)) {
                if (Pods.phase(pod).equals(Pods.SUCCEEDED)) {
                    succeeded++;
                    if (spec.indexed() && JobPods.index(pod) >= 0) {
                        completed.set(JobPods.index(pod));
                    }
                } else {
                    failed++;
                    lastFailure.put(key, now);
                }
                untrack(pod);
            } else if (!done) {
                active.add(pod);
            }
        }
        if (spec.indexed()) {
            succeeded = completed.cardinality();
        }
        boolean finished = Conditions.isTrue(status, "Complete") || Conditions.isTrue(status, "Failed");
        if (!finished) {
            Outcome outcome = step(key, job, spec, status, active, completed, succeeded, failed, now);
            active = outcome.active();
            failed = outcome.failed();
        }
        counts(status, active, owned, succeeded, failed, completed, spec);
        if (!status.equals(job.path("status"))) {
            client.updateStatus(Kinds.JOBS, job, status);
        }
        expireAfterFinished(key, job, status, now);
    }

    /** The pods left active after a step, and the failures counted. */
    private record Outcome(List<ObjectNode> active, int failed) {
    }

    /** Fails, completes, suspends or runs the Job one step. */
    private Outcome step(String key, ObjectNode job, JobSpec spec, ObjectNode status, List<ObjectNode> active,
                                  BitSet completed, int succeeded, int failed, Instant now) {
        if (!status.has("startTime") && !spec.suspended()) {
            status.put("startTime", Json.time(now));
        }
        String failure = failure(spec, status, active, failed, now);
        if (failure != null) {
            active.forEach(this::remove);
            String message = failure.equals("DeadlineExceeded") ? "Job was active longer than specified deadline"
                    : "Job has reached the specified backoff limit";
            Conditions.set(status, "FailureTarget", "True", failure, message, now);
            Conditions.set(status, "Failed", "True", failure, message, now);
            return new Outcome(List.of(), failed + active.size());
        }
        if (spec.complete(succeeded, active.size(), completed)) {
            active.forEach(this::remove);
            String message = "Reached expected number of succeeded pods";
            Conditions.set(status, "SuccessCriteriaMet", "True", "CompletionsReached", message, now);
            Conditions.set(status, "Complete", "True", "CompletionsReached", message, now);
            status.put("completionTime", Json.time(now));
            return new Outcome(List.of(), failed);
        }
        if (spec.suspended()) {
            active.forEach(this::remove);
            status.remove("startTime");
            Conditions.set(status, "Suspended", "True", "JobSuspended", "Job suspended", now);
            return new Outcome(List.of(), failed);
        }
        if (Conditions.isTrue(status, "Suspended")) {
            Conditions.set(status, "Suspended", "False", "JobResumed", "Job resumed", now);
        }
        Instant started = Json.timeOr(status.path("startTime"), now);
        if (spec.activeDeadlineSeconds() != null) {
            enqueueAfter(key, Duration.between(now, started.plusSeconds(spec.activeDeadlineSeconds())));
        }
        return new Outcome(run(key, job, spec, active, completed, succeeded, failed, now), failed);
    }

    /** Why the Job fails now (BackoffLimitExceeded, DeadlineExceeded), or null. */
    private static String failure(JobSpec spec, ObjectNode status, List<ObjectNode> active, int failed, Instant now) {
        if (failed > spec.backoffLimit() || spec.restartPolicy().equals("OnFailure") && pastBackoffOnFailure(spec, active)) {
            return "BackoffLimitExceeded";
        }
        Instant started = Json.timeOr(status.path("startTime"), null);
        if (spec.activeDeadlineSeconds() != null && started != null && !now.isBefore(started.plusSeconds(spec.activeDeadlineSeconds()))) {
            return "DeadlineExceeded";
        }
        return null;
    }

    /** {@code pastBackoffLimitOnFailure}: restarts of the active pods' containers count as failures. */
    private static boolean pastBackoffOnFailure(JobSpec spec, List<ObjectNode> active) {
        int restarts = active.stream().mapToInt(Pods::restarts).sum();
        return spec.backoffLimit() == 0 ? restarts > 0 : restarts >= spec.backoffLimit();
    }

    /** Creates pods up to what parallelism and the remaining completions want, after the failure back-off. */
    private List<ObjectNode> run(String key, ObjectNode job, JobSpec spec, List<ObjectNode> active, BitSet completed,
                                 int succeeded, int failed, Instant now) {
        List<ObjectNode> running = new ArrayList<>(active);
        int wanted = spec.wantedActive(succeeded);
        if (running.size() > wanted) {
            List<ObjectNode> extra = running.stream().sorted(Json.BY_CREATION.reversed()).limit(running.size() - wanted).toList();
            extra.forEach(this::remove);
            running.removeAll(extra);
            return running;
        }
        if (running.size() == wanted) {
            return running;
        }
        Instant failedAt = lastFailure.get(key);
        if (failed > 0 && failedAt != null) {
            Duration backoff = backoff(failed);
            if (now.isBefore(failedAt.plus(backoff))) {
                enqueueAfter(key, Duration.between(now, failedAt.plus(backoff)));
                return running;
            }
        }
        if (!spec.indexed()) {
            for (int i = running.size(); i < wanted; i++) {
                running.add(client.create(Kinds.PODS, JobPods.pod(job, null)));
            }
            return running;
        }
        BitSet busy = (BitSet) completed.clone();
        running.forEach(p -> {
            if (JobPods.index(p) >= 0) {
                busy.set(JobPods.index(p));
            }
        });
        for (int index = busy.nextClearBit(0); index < spec.completions() && running.size() < wanted; index = busy.nextClearBit(index + 1)) {
            running.add(client.create(Kinds.PODS, JobPods.pod(job, index)));
        }
        return running;
    }

    private Duration backoff(int failures) {
        Duration backoff = backoffBase;
        for (int i = 1; i < failures && backoff.compareTo(MAX_BACKOFF) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    private static void counts(ObjectNode status, List<ObjectNode> active, List<ObjectNode> owned, int succeeded, int failed,
                               BitSet completed, JobSpec spec) {
        status.remove(List.of("active", "succeeded", "failed"));
        Json.putIfNonZero(status, "active", active.size());
        Json.putIfNonZero(status, "succeeded", succeeded);
        Json.putIfNonZero(status, "failed", failed);
        status.put("ready", active.stream().filter(Pods::ready).count());
        status.put("terminating", owned.stream().filter(p -> Json.deleting(p) && !Pods.terminal(p) && JobPods.tracked(p)).count());
        if (spec.indexed()) {
            status.put("completedIndexes", CompletionIndexes.format(completed));
        }
        status.putObject("uncountedTerminatedPods");
    }

    /** The TTL-after-finished controller: a finished Job with {@code ttlSecondsAfterFinished} is deleted when it expires. */
    private void expireAfterFinished(String key, ObjectNode job, JsonNode status, Instant now) {
        Integer ttl = new JobSpec(job).ttlSecondsAfterFinished();
        if (ttl == null || Json.deleting(job)) {
            return;
        }
        JsonNode finish = Conditions.isTrue(status, "Complete") ? Conditions.get(status, "Complete") : Conditions.get(status, "Failed");
        if (finish == null || !finish.path("status").asText().equals("True")) {
            return;
        }
        Instant expiry = Json.timeOr(finish.path("lastTransitionTime"), now).plusSeconds(ttl);
        if (now.isBefore(expiry)) {
            enqueueAfter(key, Duration.between(now, expiry));
        } else {
            client.delete(Kinds.JOBS, job);
        }
    }

    /** Deletes an active pod the Job no longer wants and lets it go at once. */
    private void remove(ObjectNode pod) {
        try {
            ObjectNode deleted = client.delete(Kinds.PODS, pod);
            if (JobPods.tracked(deleted) && Json.deleting(deleted)) {
                untrack(deleted);
            }
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private void untrack(ObjectNode pod) {
        try {
            client.patch(Kinds.PODS, Json.namespace(pod), Json.name(pod), JobPods.untrack(pod));
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }
}
