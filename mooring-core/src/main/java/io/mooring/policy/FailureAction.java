package io.mooring.policy;

import java.util.Locale;
import java.util.Optional;

/** What a violation does: Enforce refuses the resource, Audit only reports it. */
public enum FailureAction {
    ENFORCE("Enforce"), AUDIT("Audit");

    private final String spelling;

    FailureAction(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    /** {@code Enforce} or {@code Audit}, in any case (older policies write {@code enforce}). */
    public static Optional<FailureAction> parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "enforce" -> Optional.of(ENFORCE);
            case "audit" -> Optional.of(AUDIT);
            default -> Optional.empty();
        };
    }
}
