package io.mooring.sync;

/**
 * The desired state could not be made: the repository could not be read, the render failed, or the
 * policies that guard it could not be read.
 * A sync that meets it changes nothing in the cluster and deletes nothing.
 *
 * @see io.mooring.sync.Renderings
 */
public final class SourceException extends RuntimeException {
    private final String reason;

    /** @param reason a condition reason: {@code GitError}, {@code RenderError}, {@code SecretError} or {@code PolicyError} */
    public SourceException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
