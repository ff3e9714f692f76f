package io.mooring.policy.pattern;

/**
 * Why a resource does not satisfy a pattern.
 *
 * @param path    where, as Kyverno writes it ({@code /spec/containers/0/image/}); empty when it cannot say
 * @param message what did not match
 * @param kind    whether it means skip (an unmet condition), fail, or a failed negation
 */
public record Mismatch(String path, String message, Kind kind) {
    public enum Kind { PLAIN, CONDITIONAL, GLOBAL, NEGATION }

    /** An unmet conditional or global anchor: the pattern does not apply, it is not violated. */
    public boolean isSkip() {
        return kind == Kind.CONDITIONAL || kind == Kind.GLOBAL;
    }

    Mismatch as(Kind newKind, String prefix) {
        return new Mismatch(path, prefix + ": " + message, newKind);
    }
}
