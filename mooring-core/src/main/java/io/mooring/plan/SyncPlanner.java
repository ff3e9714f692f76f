package io.mooring.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.config.Application;
import io.mooring.diff.ResourceDiff;
import io.mooring.resource.ResourceKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Plans a sync from what Git wants and what the application owns in the cluster. Pure: the
 * caller fetched, rendered and listed; this decides order and what may be deleted. Deletion is
 * guarded: only objects the application owns, never when the render produced nothing (a broken
 * path or an emptied repo must not wipe a namespace), never unless the policy asks for it, and a
 * large prune waits for a person.
 */
public final class SyncPlanner {
    private SyncPlanner() {
    }

    /**
     * @param application the application being synced
     * @param desired     the rendered objects, tracked and namespaced
     * @param live        the application's objects in the cluster (by any means: a label query)
     * @param prune       whether this sync may prune (the policy, or a person asking)
     * @param confirmed   a person confirmed a prune above the threshold
     */
    public static SyncPlan plan(Application application, List<ObjectNode> desired, List<ObjectNode> live, boolean prune,
                                boolean confirmed) {
        Map<ResourceKey, ObjectNode> liveByKey = new TreeMap<>(Comparator.comparing(ResourceKey::toString));
        for (ObjectNode object : live) {
            liveByKey.put(unversioned(ResourceKey.of(object)), object);
        }
        Map<Integer, List<SyncPlan.Step>> waves = new TreeMap<>();
        for (ObjectNode object : desired) {
            ResourceKey key = ResourceKey.of(object);
            ObjectNode current = liveByKey.get(unversioned(key));
            SyncPlan.Step step = new SyncPlan.Step(key, object,
                    ResourceDiff.compare(object, current, application.spec().ignoreDifferences()));
            int wave = KindOrder.isFoundation(key.kind()) ? Integer.MIN_VALUE : Tracking.wave(object);
            waves.computeIfAbsent(wave, w -> new ArrayList<>()).add(step);
        }
        List<SyncPlan.Wave> ordered = new ArrayList<>();
        waves.forEach((number, steps) -> {
            steps.sort(Comparator.comparingInt((SyncPlan.Step s) -> KindOrder.rank(s.key().kind()))
                    .thenComparing(s -> s.key().namespace()).thenComparing(s -> s.key().name()));
            ordered.add(new SyncPlan.Wave(number, List.copyOf(steps)));
        });
        Set<ResourceKey> wanted = desired.stream().map(o -> unversioned(ResourceKey.of(o))).collect(Collectors.toSet());
        List<ResourceKey> leftGit = live.stream()
                .filter(o -> Tracking.isOwnedBy(o, application.name()))
                .map(ResourceKey::of)
                .filter(k -> !wanted.contains(unversioned(k)))
                .sorted(Comparator.comparingInt((ResourceKey k) -> -KindOrder.rank(k.kind())).thenComparing(ResourceKey::toString))
                .toList();
        return new SyncPlan(List.copyOf(ordered), leftGit, pruning(application, desired, live, leftGit, prune, confirmed));
    }

    private static SyncPlan.Pruning pruning(Application application, List<ObjectNode> desired, List<ObjectNode> live,
                                            List<ResourceKey> leftGit, boolean prune, boolean confirmed) {
        if (leftGit.isEmpty()) {
            return SyncPlan.Pruning.NOTHING;
        }
        if (desired.isEmpty()) {
            return new SyncPlan.Pruning(SyncPlan.Pruning.Decision.REFUSED, "the render produced no objects; refusing to delete all "
                    + leftGit.size() + " objects of " + application.name() + " (check the source path)");
        }
        if (!prune) {
            return new SyncPlan.Pruning(SyncPlan.Pruning.Decision.NOT_REQUESTED, leftGit.size()
                    + " objects left Git; pruning is off for " + application.name());
        }
        int threshold = application.spec().syncPolicy().pruneConfirmThreshold();
        if (leftGit.size() > threshold && !confirmed) {
            return new SyncPlan.Pruning(SyncPlan.Pruning.Decision.NEEDS_CONFIRMATION, "the sync would delete " + leftGit.size()
                    + " objects, more than the threshold of " + threshold + "; confirm to go ahead");
        }
        return new SyncPlan.Pruning(SyncPlan.Pruning.Decision.ALLOWED, leftGit.size() + " objects left Git");
    }

    /** Versions of one kind are one object to Kubernetes: compare keys without them. */
    private static ResourceKey unversioned(ResourceKey key) {
        return new ResourceKey(key.group(), "", key.kind(), key.namespace(), key.name());
    }
}
