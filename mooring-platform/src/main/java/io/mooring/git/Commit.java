package io.mooring.git;

import java.time.Instant;

/**
 * A commit as Mooring records it in history.
 *
 * @param sha     the full commit id
 * @param author  who wrote it ({@code Name <email>})
 * @param message its first line
 * @param time    when it was committed
 */
public record Commit(String sha, String author, String message, Instant time) {
    public String shortSha() {
        return sha.substring(0, Math.min(7, sha.length()));
    }
}
