package io.mooring.policy;

/** The verdict of one rule on one resource, with Kyverno's names. */
public enum RuleStatus {
    /** The resource satisfies the rule. */
    PASS,
    /** The resource violates the rule. */
    FAIL,
    /** The rule applies to the resource's kind but not to this resource (preconditions, conditional anchors). */
    SKIP,
    /** The rule could not be evaluated (a variable that does not resolve, a function given the wrong type). */
    ERROR;

    /** The lower-case word Kyverno reports ({@code pass}, {@code fail}, ...). */
    public String word() {
        return name().toLowerCase();
    }
}
