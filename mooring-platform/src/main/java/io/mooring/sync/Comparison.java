package io.mooring.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.diff.DiffState;
import io.mooring.git.Commit;
import io.mooring.health.Health;
import io.mooring.health.HealthStatus;
import io.mooring.plan.SyncPlan;
import io.mooring.resource.ResourceKey;

import java.util.List;

/**
 * An application's desired state against its live state: what a refresh shows and a sync starts from.
 *
 * @param commit    the commit compared
 * @param plan      what a sync would do
 * @param resources each object, its sync state and health
 * @param health    the application's health: the worst of its objects'
 * @param policy    the guard's verdict on the objects; null when the application names no policies
 */
public record Comparison(Commit commit, SyncPlan plan, List<ResourceStatus> resources, Health health, PolicyVerdict policy) {

    /**
     * @param key    the object
     * @param state  how its live state compares with Git's
     * @param health its health; null for kinds that have none
     * @param live   the object in the cluster, null when missing
     * @param prune  whether it left Git and a sync would delete it
     */
    public record ResourceStatus(ResourceKey key, DiffState state, Health health, ObjectNode live, boolean prune) {
    }

    public SyncStatus syncStatus() {
        return plan.inSync() && plan.prune().isEmpty() ? SyncStatus.SYNCED : SyncStatus.OUT_OF_SYNC;
    }

    public long outOfSync() {
        return resources.stream().filter(r -> r.state() != DiffState.IN_SYNC).count();
    }

    /** Whether an Enforce policy violation stops a sync of this comparison. */
    public boolean blockedByPolicy() {
        return policy != null && policy.blocked();
    }

    public HealthStatus healthStatus() {
        return health.status();
    }
}
