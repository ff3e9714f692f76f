package io.mooring.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.diff.DiffState;
import io.mooring.diff.ObjectDiff;
import io.mooring.resource.ResourceKey;

import java.util.List;

/**
 * What a sync will do: apply waves in order (each waits for the previous to become healthy), then
 * prune. Computed without touching the cluster; {@code --dry-run} prints it.
 *
 * @param waves  the applies, foundation (namespaces, CRDs) first, then by sync wave
 * @param prune  owned objects that left Git, in deletion order
 * @param pruning whether the prune may run, and why not
 */
public record SyncPlan(List<Wave> waves, List<ResourceKey> prune, Pruning pruning) {

    /** @param number the sync wave; {@link Integer#MIN_VALUE} for the foundation */
    public record Wave(int number, List<Step> steps) {
    }

    /** One object to apply, with how it differs from the live one. */
    public record Step(ResourceKey key, ObjectNode desired, ObjectDiff diff) {
        public boolean changes() {
            return diff.state() != DiffState.IN_SYNC;
        }
    }

    /** Whether the prune list may be deleted. */
    public record Pruning(Decision decision, String reason) {
        public enum Decision { ALLOWED, NOT_REQUESTED, NEEDS_CONFIRMATION, REFUSED }

        public static final Pruning NOTHING = new Pruning(Decision.ALLOWED, "nothing to prune");
    }

    /** Whether the cluster already equals Git: nothing to apply, nothing to prune. */
    public boolean inSync() {
        return prune.isEmpty() && waves.stream().flatMap(w -> w.steps().stream()).noneMatch(Step::changes);
    }

    public long changeCount() {
        return waves.stream().flatMap(w -> w.steps().stream()).filter(Step::changes).count();
    }
}
