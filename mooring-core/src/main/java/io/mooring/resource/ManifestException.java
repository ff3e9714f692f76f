package io.mooring.resource;

/**
 * A problem with user input (a manifest, a kustomization, a chart), said so that a person can act on
 * it: what went wrong, where (file and line when known), and what to do.
 */
public class ManifestException extends RuntimeException {
    private final String source;
    private final int line;
    private final String hint;

    public ManifestException(String source, int line, String problem, String hint) {
        this(source, line, problem, hint, null);
    }

    public ManifestException(String source, int line, String problem, String hint, Throwable cause) {
        super(problem, cause);
        this.source = source;
        this.line = line;
        this.hint = hint;
    }

    public ManifestException(String problem) {
        this(null, 0, problem, null);
    }

    /** The file (or other named input) the problem is in; null when there is none. */
    public String source() {
        return source;
    }

    /** One-based line in {@link #source()}, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** What the user can do about it; null when the problem says enough. */
    public String hint() {
        return hint;
    }

    /** The problem alone, without location or hint. */
    public String problem() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        StringBuilder message = new StringBuilder();
        if (source != null) {
            message.append(source);
            if (line > 0) {
                message.append(':').append(line);
            }
            message.append(": ");
        }
        message.append(problem());
        if (hint != null) {
            message.append(" (").append(hint).append(')');
        }
        return message.toString();
    }
}
