package io.mooring.policy.jmespath;

/**
 * A field asked of an object that does not have it. Kyverno's JMESPath raises this instead of
 * yielding null, so that {@code {{request.object.metadata.labels.app}}} on an object without labels
 * is an error unless the expression says what to use instead ({@code || ''}); most operators
 * (or, projections, function arguments, pipes) turn it back into null. Raised often and always
 * caught or reported by message, so it carries no stack trace.
 */
public final class UnknownKeyException extends JmesPathException {
    public UnknownKeyException(String key) {
        super("Unknown key \"" + key + "\" in path");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
