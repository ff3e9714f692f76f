package io.mooring.sandbox.api;

/**
 * Options of a delete.
 *
 * @param propagationPolicy Foreground, Background, Orphan, or empty to keep the object's own deletion finalizers
 * @param uid               precondition: delete only the object with this uid (empty: any)
 * @param resourceVersion   precondition: delete only this version of the object (empty: any)
 * @param dryRun            check, but delete nothing
 */
public record DeleteOptions(String propagationPolicy, String uid, String resourceVersion, boolean dryRun) {
    public static final DeleteOptions BACKGROUND = new DeleteOptions("Background", "", "", false);
}
