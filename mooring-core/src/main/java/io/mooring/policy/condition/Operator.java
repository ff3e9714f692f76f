package io.mooring.policy.condition;

import java.util.Locale;
import java.util.Optional;

/** The operators of Kyverno's conditions (preconditions and deny), named as in policies; case does not matter. */
public enum Operator {
    EQUALS("Equals"), NOT_EQUALS("NotEquals"), ANY_IN("AnyIn"), ALL_IN("AllIn"), ANY_NOT_IN("AnyNotIn"), ALL_NOT_IN("AllNotIn"),
    GREATER_THAN("GreaterThan"), GREATER_THAN_OR_EQUALS("GreaterThanOrEquals"), LESS_THAN("LessThan"),
    LESS_THAN_OR_EQUALS("LessThanOrEquals"), DURATION_GREATER_THAN("DurationGreaterThan"),
    DURATION_GREATER_THAN_OR_EQUALS("DurationGreaterThanOrEquals"), DURATION_LESS_THAN("DurationLessThan"),
    DURATION_LESS_THAN_OR_EQUALS("DurationLessThanOrEquals"),
    /** Deprecated in Kyverno in favour of AnyIn/AllIn. */
    IN("In"),
    /** Deprecated in Kyverno in favour of AnyNotIn/AllNotIn. */
    NOT_IN("NotIn");

    private final String spelling;

    Operator(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    /** The operator a policy names ({@code Equal} and {@code NotEqual} are old spellings), or empty. */
    public static Optional<Operator> parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("equal")) {
            return Optional.of(EQUALS);
        }
        if (lower.equals("notequal")) {
            return Optional.of(NOT_EQUALS);
        }
        for (Operator op : values()) {
            if (op.spelling.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
