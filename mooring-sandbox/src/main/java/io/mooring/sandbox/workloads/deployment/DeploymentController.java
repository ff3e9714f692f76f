package io.mooring.sandbox.workloads.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.LabelSelector;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.workloads.objects.Cache;
import io.mooring.sandbox.workloads.objects.Client;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Kinds;
import io.mooring.sandbox.workloads.objects.Owners;
import io.mooring.sandbox.workloads.objects.Pods;
import io.mooring.sandbox.workloads.objects.Reconciler;
import io.mooring.sandbox.workloads.objects.Selectors;
import io.mooring.sandbox.workloads.objects.TemplateHash;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Deployment controller: claims the Deployment's ReplicaSets (adopting orphans its selector
 * matches), lets {@link DeploymentSync} decide, and writes what it decided: new and resized
 * ReplicaSets, old ones past the history limit deleted, the revision annotation and the status.
 */
public final class DeploymentController extends Reconciler {
    private static final String BY_CONTROLLER = "controller";
    private static final String BY_UID = "uid";
    private static final String ORPHANS = "orphans";
    private static final String BY_NAMESPACE = "namespace";

    private final Cache deployments;
    private final Cache replicaSets;
    private final Cache pods;

    public DeploymentController(Client client, Clock clock) {
        super("deployments", client, clock);
        this.deployments = watch(Kinds.DEPLOYMENTS).index(BY_NAMESPACE, Json::namespace);
        this.replicaSets = watch(Kinds.REPLICA_SETS).index(BY_CONTROLLER, Owners::controllerUid).index(BY_UID, Json::uid)
                .index(ORPHANS, rs -> Owners.controller(rs) == null && !Json.deleting(rs) ? Json.namespace(rs) : null);
        this.pods = watch(Kinds.PODS).index(BY_CONTROLLER, Owners::controllerUid);
    }

    @Override
    protected void changed(String typeKey, Cache.Change change) {
        switch (typeKey) {
            case Kinds.DEPLOYMENTS -> enqueue(Json.key(change.current()));
            case Kinds.REPLICA_SETS -> {
                for (ObjectNode rs : new ObjectNode[]{change.before(), change.after()}) {
                    String owner = rs == null ? null : Owners.controllerName(rs, "Deployment");
                    if (owner != null) {
                        enqueue(Json.key(Json.namespace(rs), owner));
                    }
                }
                ObjectNode rs = change.after();
                if (rs != null && Owners.controller(rs) == null && !Json.deleting(rs)) {
                    for (ObjectNode deployment : deployments.byIndex(BY_NAMESPACE, Json.namespace(rs))) {
                        if (Selectors.matches(deployment.path("spec").path("selector"), Json.labels(rs))) {
                            enqueue(Json.key(deployment));
                        }
                    }
                }
            }
            default -> podChanged(change);
        }
    }

    /** A Recreate rollout waits for the old pods to go: their end wakes the Deployment. */
    private void podChanged(Cache.Change change) {
        boolean ended = change.after() == null || Pods.terminal(change.after()) && !Pods.terminal(change.before());
        if (!ended || change.before() == null) {
            return;
        }
        String rsUid = Owners.controllerUid(change.before());
        if (rsUid == null) {
            return;
        }
        for (ObjectNode rs : replicaSets.byIndex(BY_UID, rsUid)) {
            String owner = Owners.controllerName(rs, "Deployment");
            if (owner != null) {
                enqueue(Json.key(Json.namespace(rs), owner));
            }
        }
    }

    @Override
    protected void reconcile(String key, Instant now) {
        ObjectNode deployment = deployments.get(key);
        if (deployment == null) {
            return;
        }
        List<ObjectNode> owned = claim(deployment);
        Set<String> withPods = new HashSet<>();
        for (ObjectNode rs : owned) {
            if (pods.byIndex(BY_CONTROLLER, Json.uid(rs)).stream().anyMatch(p -> !Pods.terminal(p))) {
                withPods.add(Json.uid(rs));
            }
        }
        DeploymentSync.Plan plan = DeploymentSync.plan(deployment, owned, withPods, now);
        String ns = Json.namespace(deployment);
        for (ObjectNode rs : plan.creates()) {
            create(deployment, rs);
        }
        for (DeploymentSync.Update update : plan.updates()) {
            client.patch(Kinds.REPLICA_SETS, ns, update.name(), update.patch());
        }
        for (ObjectNode rs : plan.deletes()) {
            client.delete(Kinds.REPLICA_SETS, rs);
        }
        if (plan.revision() != null) {
            // As kube's controller does: the revision annotation goes with the status, which changes no generation.
            ObjectNode annotations = deployment.path("metadata").path("annotations").isObject()
                    ? deployment.path("metadata").get("annotations").deepCopy() : Json.object();
            annotations.put(DeploymentSync.REVISION, plan.revision());
            ObjectNode status = plan.status() != null ? plan.status()
                    : deployment.path("status").isObject() ? deployment.get("status").deepCopy() : Json.object();
            client.updateStatus(Kinds.DEPLOYMENTS, deployment, status, annotations);
        } else if (plan.status() != null) {
            client.updateStatus(Kinds.DEPLOYMENTS, deployment, plan.status());
        }
        if (plan.recheckAfter() != null) {
            enqueueAfter(key, plan.recheckAfter());
        }
    }

    /** The ReplicaSets the Deployment controls and selects, plus the orphans it selects (adopted now). */
    private List<ObjectNode> claim(ObjectNode deployment) {
        List<ObjectNode> owned = new ArrayList<>(replicaSets.byIndex(BY_CONTROLLER, Json.uid(deployment)));
        if (Json.deleting(deployment)) {
            return owned;
        }
        LabelSelector selector = Selectors.labelSelector(deployment.path("spec").path("selector"));
        for (ObjectNode orphan : replicaSets.byIndex(ORPHANS, Json.namespace(deployment))) {
            if (selector.matches(Json.labels(orphan))) {
                owned.add(client.patch(Kinds.REPLICA_SETS, Json.namespace(orphan), Json.name(orphan),
                        Owners.adoptionPatch(orphan, deployment)));
            }
        }
        return owned;
    }

    /**
     * Creates the new ReplicaSet. When its name is taken by one that is not this Deployment's with
     * this template, the hash collided: {@code status.collisionCount} goes up and the next sync
     * tries another name.
     */
    private void create(ObjectNode deployment, ObjectNode rs) {
        try {
            client.create(Kinds.REPLICA_SETS, rs);
        } catch (ApiException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                throw e;
            }
            JsonNode existing = client.get(Kinds.REPLICA_SETS, Json.namespace(rs), Json.name(rs)).orElse(null);
            boolean ours = existing != null && Json.uid(deployment).equals(Owners.controllerUid(existing))
                    && TemplateHash.equalIgnoringHash(existing.path("spec").path("template"), deployment.path("spec").path("template"));
            if (!ours) {
                ObjectNode status = deployment.path("status").isObject() ? deployment.get("status").deepCopy() : Json.object();
                status.put("collisionCount", status.path("collisionCount").asInt(0) + 1);
                client.updateStatus(Kinds.DEPLOYMENTS, deployment, status);
            }
            throw e;
        }
    }
}
