package io.mooring.web;

/**
 * A request that cannot be served, with what a person can do about it: answered as
 * {@code {"error": {"status", "message", "hint"}}} on the API and as an error page elsewhere.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String hint;

    public ApiException(int status, String message, String hint) {
        super(message);
        this.status = status;
        this.hint = hint;
    }

    public int status() {
        return status;
    }

    /** What to do; may be null. */
    public String hint() {
        return hint;
    }

    public static ApiException badRequest(String message, String hint) {
        return new ApiException(400, message, hint);
    }

    public static ApiException notFound(String message, String hint) {
        return new ApiException(404, message, hint);
    }
}
