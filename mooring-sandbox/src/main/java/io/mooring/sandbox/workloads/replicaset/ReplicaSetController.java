package io.mooring.sandbox.workloads.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.LabelSelector;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.workloads.objects.Cache;
import io.mooring.sandbox.workloads.objects.Client;
import io.mooring.sandbox.workloads.objects.Conditions;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Kinds;
import io.mooring.sandbox.workloads.objects.Owners;
import io.mooring.sandbox.workloads.objects.PodTemplates;
import io.mooring.sandbox.workloads.objects.Pods;
import io.mooring.sandbox.workloads.objects.Reconciler;
import io.mooring.sandbox.workloads.objects.Selectors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ReplicaSet controller: keeps {@code spec.replicas} active pods, each made from the
 * template with a controller reference to the set; adopts orphan pods its selector matches and
 * releases its pods that no longer match; writes the status as Kubernetes does (replicas,
 * fullyLabeledReplicas, readyReplicas, availableReplicas with minReadySeconds, observedGeneration,
 * and ReplicaFailure when pods cannot be created or deleted). It creates or deletes at most 500
 * pods per pass ({@code burstReplicas}), so one huge set does not starve the others.
 */
public final class ReplicaSetController extends Reconciler {
    static final int BURST = 500;
    private static final String BY_CONTROLLER = "controller";
    private static final String ORPHANS = "orphans";
    private static final String BY_NAMESPACE = "namespace";

    private final Cache replicaSets;
    private final Cache pods;

    public ReplicaSetController(Client client, Clock clock) {
        super("replicasets", client, clock);
        this.replicaSets = watch(Kinds.REPLICA_SETS).index(BY_NAMESPACE, Json::namespace);
        this.pods = watch(Kinds.PODS).index(BY_CONTROLLER, Owners::controllerUid)
                .index(ORPHANS, p -> Owners.controller(p) == null && !Json.deleting(p) ? Json.namespace(p) : null);
    }

    @Override
    protected void changed(String typeKey, Cache.Change change) {
        if (typeKey.equals(Kinds.REPLICA_SETS)) {
            enqueue(Json.key(change.current()));
            return;
        }
        for (ObjectNode pod : new ObjectNode[]{change.before(), change.after()}) {
            if (pod == null) {
                continue;
            }
            String owner = Owners.controllerName(pod, "ReplicaSet");
            if (owner != null) {
                enqueue(Json.key(Json.namespace(pod), owner));
            }
        }
        ObjectNode pod = change.after();
        if (pod != null && Owners.controller(pod) == null && !Json.deleting(pod)) {
            for (ObjectNode rs : replicaSets.byIndex(BY_NAMESPACE, Json.namespace(pod))) {
                if (Selectors.matches(rs.path("spec").path("selector"), Json.labels(pod))) {
                    enqueue(Json.key(rs));
                }
            }
        }
    }

    @Override
    protected void reconcile(String key, Instant now) {
        ObjectNode rs = replicaSets.get(key);
        if (rs == null) {
            return;
        }
        List<ObjectNode> owned = claim(rs);
        List<ObjectNode> active = owned.stream().filter(Pods::active).toList();
        ApiException failure = null;
        if (!Json.deleting(rs)) {
            try {
                manage(rs, active);
            } catch (ApiException e) {
                failure = e;
            }
        }
        int minReady = Json.intOr(rs.path("spec").path("minReadySeconds"), 0);
        ObjectNode status = status(rs, active, failure, now);
        if (!status.equals(rs.path("status"))) {
            client.updateStatus(Kinds.REPLICA_SETS, rs, status);
        }
        if (minReady > 0) {
            active.stream().filter(p -> Pods.ready(p) && !Pods.available(p, minReady, now))
                    .map(p -> Pods.untilAvailable(p, minReady, now)).min(Duration::compareTo)
                    .ifPresent(wait -> enqueueAfter(key, wait));
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The set's pods: those it controls and still selects, plus the orphans it selects (adopted now). */
    private List<ObjectNode> claim(ObjectNode rs) {
        LabelSelector selector = Selectors.labelSelector(rs.path("spec").path("selector"));
        List<ObjectNode> owned = new ArrayList<>();
        for (ObjectNode pod : pods.byIndex(BY_CONTROLLER, Json.uid(rs))) {
            if (selector.matches(Json.labels(pod)) || Json.deleting(rs)) {
                owned.add(pod);
            } else if (!Json.deleting(pod)) {
                client.patch(Kinds.PODS, Json.namespace(pod), Json.name(pod), Owners.releasePatch(pod, Json.uid(rs)));
            }
        }
        if (Json.deleting(rs)) {
            return owned;
        }
        for (ObjectNode orphan : pods.byIndex(ORPHANS, Json.namespace(rs))) {
            if (selector.matches(Json.labels(orphan))) {
                owned.add(client.patch(Kinds.PODS, Json.namespace(orphan), Json.name(orphan), Owners.adoptionPatch(orphan, rs)));
            }
        }
        return owned;
    }

    /** Creates or deletes pods toward {@code spec.replicas}, at most {@link #BURST} in one pass. */
    private void manage(ObjectNode rs, List<ObjectNode> active) {
        int diff = active.size() - Json.intOr(rs.path("spec").path("replicas"), 1);
        if (diff < 0) {
            int create = Math.min(-diff, BURST);
            JsonNode template = rs.path("spec").path("template");
            for (int i = 0; i < create; i++) {
                ObjectNode pod = PodTemplates.pod(template, rs);
                pod.withObjectProperty("metadata").put("generateName", Json.name(rs) + "-");
                client.create(Kinds.PODS, pod);
            }
            if (-diff > BURST) {
                enqueue(Json.key(rs));
            }
        } else if (diff > 0) {
            for (ObjectNode pod : PodsToDelete.choose(active, Math.min(diff, BURST))) {
                try {
                    client.delete(Kinds.PODS, pod);
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
        }
    }

    private ObjectNode status(ObjectNode rs, List<ObjectNode> active, ApiException failure, Instant now) {
        int minReady = Json.intOr(rs.path("spec").path("minReadySeconds"), 0);
        Map<String, String> templateLabels = Json.labels(rs.path("spec").path("template"));
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (ObjectNode pod : active) {
            Map<String, String> labels = Json.labels(pod);
            if (templateLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
                fullyLabeled++;
            }
            if (Pods.ready(pod)) {
                ready++;
                if (Pods.available(pod, minReady, now)) {
                    available++;
                }
            }
        }
        ObjectNode status = Json.object();
        status.put("replicas", active.size());
        Json.putIfNonZero(status, "fullyLabeledReplicas", fullyLabeled);
        Json.putIfNonZero(status, "readyReplicas", ready);
        Json.putIfNonZero(status, "availableReplicas", available);
        Json.putIfNonZero(status, "observedGeneration", Json.generation(rs));
        JsonNode failed = Conditions.get(rs.path("status"), "ReplicaFailure");
        if (failure != null) {
            int diff = active.size() - Json.intOr(rs.path("spec").path("replicas"), 1);
            ObjectNode condition = status.putArray("conditions").addObject();
            condition.put("type", "ReplicaFailure");
            condition.put("status", "True");
            condition.put("lastTransitionTime", failed != null ? failed.path("lastTransitionTime").asText() : Json.time(now));
            condition.put("reason", diff < 0 ? "FailedCreate" : "FailedDelete");
            condition.put("message", failure.getMessage());
        }
        return status;
    }
}
