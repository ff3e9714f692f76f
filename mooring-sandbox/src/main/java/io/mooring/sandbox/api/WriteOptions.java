package io.mooring.sandbox.api;

/**
 * Options of a create, update, patch or delete.
 *
 * @param fieldManager who is writing ({@code fieldManager}, else the client's user agent)
 * @param dryRun       check and compute, but store nothing
 * @param force        server-side apply: take over fields other managers own
 */
public record WriteOptions(String fieldManager, boolean dryRun, boolean force) {
    public static WriteOptions by(String fieldManager) {
        return new WriteOptions(fieldManager, false, false);
    }
}
