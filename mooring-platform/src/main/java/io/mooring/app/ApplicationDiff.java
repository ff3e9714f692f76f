package io.mooring.app;

import io.mooring.diff.DiffState;
import io.mooring.plan.SyncPlan;
import io.mooring.resource.ResourceKey;
import io.mooring.sync.Comparison;

import java.util.ArrayList;
import java.util.List;

/**
 * How the cluster differs from Git for one Application: what {@code mooring app diff} prints and
 * the API's diff returns. Built from a comparison; Secret values are already masked in it.
 *
 * @param revision the commit compared
 * @param changes  objects a sync would create or change, with their unified diffs
 * @param removals objects that left Git, and whether a sync would delete them
 */
public record ApplicationDiff(String revision, List<Change> changes, List<Removal> removals) {
    public record Change(ResourceKey key, DiffState state, String unified) {
    }

    /** @param reason why the prune would not run; empty when it would */
    public record Removal(ResourceKey key, boolean pruned, String reason) {
    }

    public static ApplicationDiff of(Comparison comparison) {
        List<Change> changes = new ArrayList<>();
        for (SyncPlan.Wave wave : comparison.plan().waves()) {
            for (SyncPlan.Step step : wave.steps()) {
                if (step.changes()) {
                    changes.add(new Change(step.key(), step.diff().state(), step.diff().unified()));
                }
            }
        }
        SyncPlan.Pruning pruning = comparison.plan().pruning();
        boolean allowed = pruning.decision() == SyncPlan.Pruning.Decision.ALLOWED;
        List<Removal> removals = comparison.plan().prune().stream().map(key -> new Removal(key, allowed, allowed ? "" : pruning.reason())).toList();
        return new ApplicationDiff(comparison.commit().sha(), List.copyOf(changes), removals);
    }

    public boolean differs() {
        return !changes.isEmpty() || !removals.isEmpty();
    }

    /** The diff as text: each change's unified diff, then each removal, as {@code kubectl diff} shows a deletion. */
    public String unified() {
        StringBuilder text = new StringBuilder();
        changes.forEach(c -> text.append(c.unified()));
        for (Removal removal : removals) {
            text.append("--- live/").append(removal.key()).append('\n');
            text.append("+++ (deleted: no longer in Git").append(removal.pruned() ? ")" : "; " + removal.reason() + ")").append('\n');
        }
        return text.toString();
    }
}
