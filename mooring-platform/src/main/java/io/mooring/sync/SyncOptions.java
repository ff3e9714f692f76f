package io.mooring.sync;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How one sync runs.
 *
 * @param revision     the revision to sync; null for the application's own
 * @param dryRun       send everything with dryRun=All: the server validates, nothing changes
 * @param prune        prune objects that left Git (the policy's choice, or a person's)
 * @param confirmPrune a person confirmed a prune above the application's threshold
 * @param waveTimeout  how long a wave may take to become healthy before the sync fails
 * @param progress     told of each step, for progress displays and events
 */
public record SyncOptions(String revision, boolean dryRun, boolean prune, boolean confirmPrune, Duration waveTimeout,
                          Consumer<SyncEvent> progress) {
    public static SyncOptions automatic(boolean prune) {
        return new SyncOptions(null, false, prune, false, Duration.ofMinutes(5), e -> { });
    }
}
