package io.mooring.sandbox.workloads.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.objects.Conditions;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.TemplateHash;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One sync of a Deployment, decided without writing anything, in the steps of Kubernetes'
 * deployment controller ({@code syncDeployment}): find the new ReplicaSet (the one whose template
 * is the Deployment's) and the old ones, sync revisions, then scale (paused or scaling event:
 * proportionally), roll (RollingUpdate within maxSurge/maxUnavailable, or Recreate: old pods gone
 * first) and clean up old ReplicaSets past revisionHistoryLimit; finally the status with the
 * Available and Progressing conditions. The controller writes the {@link Plan}.
 */
public final class DeploymentSync {
    public static final String REVISION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

    /**
     * What to write.
     *
     * @param creates      new ReplicaSets
     * @param updates      ReplicaSets whose replicas, minReadySeconds or annotations change
     * @param deletes      old ReplicaSets past the history limit
     * @param revision     the Deployment's new revision annotation, or null
     * @param status       the Deployment's new status, or null when it stays
     * @param recheckAfter when to look again though nothing changes (progress deadline, paused conditions), or null
     */
    public record Plan(List<ObjectNode> creates, List<Update> updates, List<ObjectNode> deletes, String revision,
                       ObjectNode status, Duration recheckAfter) {
    }

    /** A merge patch for an existing ReplicaSet. */
    public record Update(String name, ObjectNode patch) {
    }

    private final DeploymentSpec d;
    private final List<ReplicaSetState> replicaSets;
    private final Set<String> uidsWithPods;
    private final Instant now;
    private final ObjectNode status;
    private final RolloutStatus rollout;
    private final Set<ReplicaSetState> touched = new LinkedHashSet<>();
    private final List<ObjectNode> creates = new ArrayList<>();
    private final List<ObjectNode> deletes = new ArrayList<>();
    private String revision;

    private DeploymentSync(ObjectNode deployment, List<ObjectNode> replicaSets, Set<String> uidsWithPods, Instant now) {
        this.d = new DeploymentSpec(deployment);
        this.replicaSets = new ArrayList<>(replicaSets.stream().map(ReplicaSetState::new).sorted(ReplicaSetState.BY_CREATION).toList());
        this.uidsWithPods = uidsWithPods;
        this.now = now;
        this.status = deployment.path("status").isObject() ? deployment.get("status").deepCopy() : Json.object();
        this.rollout = new RolloutStatus(d, now);
    }

    /**
     * @param replicaSets  the ReplicaSets the Deployment controls
     * @param uidsWithPods uids of ReplicaSets with pods not yet finished (Recreate waits for them)
     */
    public static Plan plan(ObjectNode deployment, List<ObjectNode> replicaSets, Set<String> uidsWithPods, Instant now) {
        return new DeploymentSync(deployment, replicaSets, uidsWithPods, now).sync();
    }

    private Plan sync() {
        if (d.deleting()) {
            syncDeploymentStatus(findNew());
        } else {
            rollout.checkPaused(status);
            if (d.paused() || isScalingEvent()) {
                ReplicaSetState newRs = revisions(false);
                scale(newRs);
                if (d.paused()) {
                    cleanup(newRs);
                }
                syncDeploymentStatus(newRs);
            } else if (d.recreate()) {
                rolloutRecreate();
            } else {
                rolloutRolling();
            }
        }
        List<Update> updates = new ArrayList<>();
        touched.stream().filter(rs -> rs.changed() && creates.stream().noneMatch(c -> c == rs.object))
                .forEach(rs -> updates.add(new Update(rs.name(), rs.patch())));
        for (ObjectNode create : creates) {
            ReplicaSetState state = replicaSets.stream().filter(rs -> rs.object == create).findFirst().orElseThrow();
            create.withObjectProperty("spec").put("replicas", state.replicas);
            create.withObjectProperty("metadata").set("annotations", Json.stringMap(state.annotations));
        }
        ObjectNode original = d.object().path("status").isObject() ? (ObjectNode) d.object().get("status") : Json.object();
        return new Plan(List.copyOf(creates), updates, List.copyOf(deletes), revision, status.equals(original) ? null : status,
                rollout.recheckAfter(status));
    }

    // ---- the rollouts

    private void rolloutRolling() {
        ReplicaSetState newRs = revisions(true);
        List<ReplicaSetState> all = replicaSets;
        if (reconcileNewReplicaSet(all, newRs)) {
            syncRolloutStatus(newRs);
            return;
        }
        if (reconcileOldReplicaSets(all, newRs)) {
            syncRolloutStatus(newRs);
            return;
        }
        if (rollout.complete(d.object().path("status"))) {
            cleanup(newRs);
        }
        syncRolloutStatus(newRs);
    }

    private void rolloutRecreate() {
        ReplicaSetState newRs = revisions(false);
        boolean scaledDown = false;
        for (ReplicaSetState old : active(olds(newRs))) {
            scaledDown |= scaleTo(old, 0);
        }
        if (scaledDown || oldPodsRunning(newRs)) {
            syncRolloutStatus(newRs);
            return;
        }
        if (newRs == null) {
            newRs = revisions(true);
        }
        scaleTo(newRs, d.replicas());
        if (rollout.complete(d.object().path("status"))) {
            cleanup(newRs);
        }
        syncRolloutStatus(newRs);
    }

    private boolean oldPodsRunning(ReplicaSetState newRs) {
        List<ReplicaSetState> olds = olds(newRs);
        if (olds.stream().mapToInt(ReplicaSetState::statusReplicas).sum() > 0) {
            return true;
        }
        return olds.stream().anyMatch(rs -> uidsWithPods.contains(rs.uid()));
    }

    private boolean reconcileNewReplicaSet(List<ReplicaSetState> all, ReplicaSetState newRs) {
        if (newRs.replicas == d.replicas()) {
            return false;
        }
        if (newRs.replicas > d.replicas()) {
            return scaleTo(newRs, d.replicas());
        }
        int size = RolloutMath.newReplicaSetSize(d.replicas(), d.maxSurge(), specReplicas(all), newRs.replicas);
        return scaleTo(newRs, size);
    }

    private boolean reconcileOldReplicaSets(List<ReplicaSetState> all, ReplicaSetState newRs) {
        List<ReplicaSetState> olds = active(olds(newRs));
        if (specReplicas(olds) == 0) {
            return false;
        }
        int budget = RolloutMath.maxScaledDown(specReplicas(all), d.replicas(), d.maxUnavailable(), newRs.replicas,
                newRs.availableReplicas());
        if (budget <= 0) {
            return false;
        }
        // Unhealthy old replicas go first: removing them costs no availability.
        int cleaned = 0;
        for (ReplicaSetState old : olds.stream().sorted(ReplicaSetState.BY_CREATION).toList()) {
            if (cleaned >= budget) {
                break;
            }
            if (old.replicas == 0 || old.availableReplicas() == old.replicas) {
                continue;
            }
            int down = Math.min(budget - cleaned, old.replicas - old.availableReplicas());
            scaleTo(old, old.replicas - down);
            cleaned += down;
        }
        int available = all.stream().mapToInt(ReplicaSetState::availableReplicas).sum();
        int total = RolloutMath.oldScaleDownBudget(available, d.replicas(), d.maxUnavailable());
        int scaledDown = 0;
        for (ReplicaSetState old : olds.stream().sorted(ReplicaSetState.BY_CREATION).toList()) {
            if (scaledDown >= total) {
                break;
            }
            if (old.replicas == 0) {
                continue;
            }
            int down = Math.min(old.replicas, total - scaledDown);
            scaleTo(old, old.replicas - down);
            scaledDown += down;
        }
        return cleaned + scaledDown > 0;
    }

    // ---- scaling

    private boolean isScalingEvent() {
        ReplicaSetState newRs = findNew();
        List<ReplicaSetState> all = new ArrayList<>(olds(newRs));
        if (newRs != null) {
            all.add(newRs);
        }
        return active(all).stream().map(rs -> rs.annotationNumber(DESIRED_REPLICAS))
                .anyMatch(desired -> desired != null && desired != d.replicas());
    }

    /** {@code scale}: one active ReplicaSet takes all; a saturated new one ends the old ones; else proportional. */
    private void scale(ReplicaSetState newRs) {
        List<ReplicaSetState> olds = olds(newRs);
        List<ReplicaSetState> all = new ArrayList<>(olds);
        if (newRs != null) {
            all.add(newRs);
        }
        List<ReplicaSetState> active = active(all);
        if (active.size() <= 1) {
            ReplicaSetState target = !active.isEmpty() ? active.getFirst()
                    : newRs != null ? newRs : olds.stream().max(ReplicaSetState.BY_CREATION).orElse(null);
            if (target != null && target.replicas != d.replicas()) {
                scaleTo(target, d.replicas());
            }
            return;
        }
        if (saturated(newRs)) {
            active(olds).forEach(old -> scaleTo(old, 0));
            return;
        }
        if (d.recreate()) {
            return;
        }
        int allowed = d.replicas() > 0 ? d.replicas() + d.maxSurge() : 0;
        int toAdd = allowed - specReplicas(active);
        Comparator<ReplicaSetState> bySize = Comparator.comparingInt((ReplicaSetState rs) -> rs.replicas).reversed();
        List<ReplicaSetState> ordered = new ArrayList<>(active);
        ordered.sort(toAdd > 0 ? bySize.thenComparing(ReplicaSetState.BY_CREATION.reversed()) : bySize.thenComparing(ReplicaSetState.BY_CREATION));
        int added = 0;
        int[] sizes = new int[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            ReplicaSetState rs = ordered.get(i);
            int proportion = 0;
            if (toAdd != 0) {
                Integer annotated = rs.annotationNumber(MAX_REPLICAS);
                int before = annotated == null || annotated == 0 ? d.statusReplicas() : annotated;
                proportion = before <= 0 ? 0 : RolloutMath.proportion(rs.replicas, before, d.replicas(), d.maxSurge(), toAdd, added);
            }
            sizes[i] = rs.replicas + proportion;
            added += proportion;
        }
        for (int i = 0; i < ordered.size(); i++) {
            if (i == 0 && toAdd != 0) {
                sizes[0] = Math.max(sizes[0] + toAdd - added, 0);
            }
            scaleReplicaSet(ordered.get(i), sizes[i]);
        }
    }

    private boolean saturated(ReplicaSetState rs) {
        if (rs == null) {
            return false;
        }
        Integer desired = rs.annotationNumber(DESIRED_REPLICAS);
        return rs.replicas == d.replicas() && desired != null && desired == d.replicas() && rs.availableReplicas() == d.replicas();
    }

    /** {@code scaleReplicaSetAndRecordEvent}: true when the size changes. */
    private boolean scaleTo(ReplicaSetState rs, int size) {
        if (rs.replicas == size) {
            return false;
        }
        return scaleReplicaSet(rs, size);
    }

    /** Sets the size and the desired/max replica annotations the proportional scaling reads. */
    private boolean scaleReplicaSet(ReplicaSetState rs, int size) {
        boolean resized = rs.replicas != size;
        rs.replicas = size;
        rs.annotations.put(DESIRED_REPLICAS, Integer.toString(d.replicas()));
        rs.annotations.put(MAX_REPLICAS, Integer.toString(d.replicas() + d.maxSurge()));
        touched.add(rs);
        return resized;
    }

    // ---- ReplicaSets and revisions

    private ReplicaSetState findNew() {
        return replicaSets.stream().filter(rs -> TemplateHash.equalIgnoringHash(rs.template(), d.template()))
                .min(ReplicaSetState.BY_CREATION).orElse(null);
    }

    private List<ReplicaSetState> olds(ReplicaSetState newRs) {
        return replicaSets.stream().filter(rs -> rs != newRs).toList();
    }

    private static List<ReplicaSetState> active(List<ReplicaSetState> sets) {
        return sets.stream().filter(rs -> rs.replicas > 0).toList();
    }

    private static int specReplicas(List<ReplicaSetState> sets) {
        return sets.stream().mapToInt(rs -> rs.replicas).sum();
    }

    /**
     * {@code getAllReplicaSetsAndSyncRevision}: the new ReplicaSet with its revision (max of the
     * old ones + 1) and annotations synced, created when asked and missing; the Deployment's
     * revision annotation follows it.
     */
    private ReplicaSetState revisions(boolean create) {
        ReplicaSetState existing = findNew();
        long maxOld = olds(existing).stream().mapToLong(ReplicaSetState::revision).max().orElse(0);
        String newRevision = Long.toString(maxOld + 1);
        if (existing != null) {
            if (NewReplicaSet.annotate(d, existing, newRevision, true) || existing.minReadySeconds != d.minReadySeconds()) {
                existing.minReadySeconds = d.minReadySeconds();
                touched.add(existing);
            }
            syncRevision(existing.annotations.get(REVISION));
            if (d.hasProgressDeadline() && Conditions.get(status, "Progressing") == null) {
                setCondition("Progressing", "True", "FoundNewReplicaSet", "Found new replica set \"" + existing.name() + "\"");
            }
            return existing;
        }
        if (!create) {
            return null;
        }
        ReplicaSetState created = new ReplicaSetState(NewReplicaSet.of(d));
        NewReplicaSet.annotate(d, created, newRevision, false);
        List<ReplicaSetState> all = new ArrayList<>(replicaSets);
        all.add(created);
        created.replicas = RolloutMath.newReplicaSetSize(d.replicas(), d.maxSurge(), specReplicas(all), 0);
        if (d.recreate()) {
            created.replicas = d.replicas();
        }
        replicaSets.add(created);
        creates.add(created.object);
        syncRevision(newRevision);
        if (d.hasProgressDeadline()) {
            setCondition("Progressing", "True", "NewReplicaSetCreated", "Created new replica set \"" + created.name() + "\"");
        }
        return created;
    }

    private void syncRevision(String rsRevision) {
        if (rsRevision != null && !rsRevision.equals(d.annotations().get(REVISION))) {
            revision = rsRevision;
        }
    }

    /** {@code cleanupDeployment}: old, empty, settled ReplicaSets beyond revisionHistoryLimit go, lowest revisions first. */
    private void cleanup(ReplicaSetState newRs) {
        Integer limit = d.revisionHistoryLimit();
        if (limit == null) {
            return;
        }
        List<ReplicaSetState> cleanable = olds(newRs).stream().filter(rs -> !rs.deleting()).sorted(ReplicaSetState.BY_REVISION).toList();
        int diff = cleanable.size() - limit;
        for (int i = 0; i < diff; i++) {
            ReplicaSetState rs = cleanable.get(i);
            if (rs.statusReplicas() != 0 || rs.replicas != 0 || rs.generation() > rs.observedGeneration()) {
                continue;
            }
            deletes.add(rs.object);
        }
    }

    // ---- status

    private void syncDeploymentStatus(ReplicaSetState newRs) {
        replaceStatus(rollout.calculated(replicaSets, newRs, status));
    }

    private void syncRolloutStatus(ReplicaSetState newRs) {
        replaceStatus(rollout.progress(replicaSets, newRs, status));
    }

    private void setCondition(String type, String value, String reason, String message) {
        Conditions.setDeploymentCondition(status, Conditions.deploymentCondition(type, value, reason, message, now));
    }

    private void replaceStatus(ObjectNode next) {
        status.removeAll();
        status.setAll(next);
    }
}
