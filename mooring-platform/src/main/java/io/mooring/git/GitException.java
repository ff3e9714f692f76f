package io.mooring.git;

/** A Git source that cannot be read, said so that a person can act on it. */
public final class GitException extends RuntimeException {
    private final String hint;

    public GitException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What to do about it. */
    public String hint() {
        return hint;
    }
}
