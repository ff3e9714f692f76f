package io.mooring.sync;

import io.mooring.git.Commit;
import io.mooring.resource.ResourceKey;

import java.time.Instant;
import java.util.List;

/**
 * What a sync did.
 *
 * @param commit   the commit synced (null when the source could not be read)
 * @param phase    how it ended
 * @param message  for people
 * @param applied  objects created or changed
 * @param pruned   objects deleted
 * @param started  when it started
 * @param finished when it ended
 */
public record SyncResult(Commit commit, Phase phase, String message, List<ResourceKey> applied, List<ResourceKey> pruned,
                         Instant started, Instant finished) {
    public enum Phase {
        SUCCEEDED("Succeeded"), FAILED("Failed");

        private final String text;

        Phase(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public boolean succeeded() {
        return phase == Phase.SUCCEEDED;
    }
}
