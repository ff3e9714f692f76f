package io.mooring.app;

/** An action on an Application that its state does not allow (a rollback while it syncs automatically, an unknown history entry). */
public final class ActionRefusedException extends IllegalArgumentException {
    public ActionRefusedException(String message) {
        super(message);
    }
}
