package io.mooring.policy;

import io.mooring.resource.ResourceKey;

/**
 * One rule's verdict on one resource.
 *
 * @param policy   the policy's name ({@code namespace/name} for a namespaced Policy)
 * @param rule     the rule's name ({@code autogen-...} for a rule Kyverno derives for pod controllers)
 * @param resource the resource judged
 * @param status   pass, fail, skip or error
 * @param message  Kyverno's message for the verdict (for a failure, the policy's message with its variables resolved)
 * @param action   what a failure does: Enforce blocks, Audit reports
 */
public record RuleResult(String policy, String rule, ResourceKey resource, RuleStatus status, String message, FailureAction action) {
    /**
     * A verdict that stops the resource: a failure or an error of an Enforce rule (an error blocks
     * as with Kyverno's default failurePolicy Fail: what cannot be checked is not let through).
     */
    public boolean blocks() {
        return action == FailureAction.ENFORCE && (status == RuleStatus.FAIL || status == RuleStatus.ERROR);
    }

    /** A failure or an error of an Audit rule: reported, not blocking. */
    public boolean warns() {
        return action == FailureAction.AUDIT && (status == RuleStatus.FAIL || status == RuleStatus.ERROR);
    }
}
