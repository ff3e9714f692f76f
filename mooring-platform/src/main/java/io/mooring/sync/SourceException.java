package io.mooring.sync;

/**
 * The desired state could not be made: the repository could not be read or the render failed.
 * A sync that meets it changes nothing in the cluster and deletes nothing.
 *
 * @see io.mooring.sync.Renderings
 */
public final class SourceException extends RuntimeException {
    private final String reason;

    /** @param reason a condition reason: {@code GitError}, {@code RenderError} or {@code SecretError} */
    public SourceException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
