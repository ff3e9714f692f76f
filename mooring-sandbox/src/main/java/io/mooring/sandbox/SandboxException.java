package io.mooring.sandbox;

/**
 * A sandbox that cannot start or cannot be reached, said so that a person can act on it: what
 * went wrong and what to do (a port in use: choose another).
 */
public class SandboxException extends RuntimeException {
    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
