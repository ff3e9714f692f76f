package io.mooring.sync;

import io.mooring.diff.DiffState;
import io.mooring.health.Health;
import io.mooring.resource.ResourceKey;

/** What a sync is doing, step by step. */
public sealed interface SyncEvent {
    /** The objects were checked against the application's policies (before anything is applied). */
    record Checked(PolicyVerdict verdict) implements SyncEvent {
    }

    /** A wave starts: {@code steps} objects to apply in it. */
    record WaveStarted(int wave, int steps) implements SyncEvent {
    }

    /** An object was applied. */
    record Applied(ResourceKey key, DiffState before) implements SyncEvent {
    }

    /** The sync waits for an object of the wave to become healthy. */
    record Waiting(ResourceKey key, Health health) implements SyncEvent {
    }

    /** An object that left Git was deleted. */
    record Pruned(ResourceKey key) implements SyncEvent {
    }
}
