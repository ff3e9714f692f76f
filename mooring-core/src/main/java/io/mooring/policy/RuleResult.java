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
    /** A failure that blocks the resource. */
    public boolean blocks() {
        return status == RuleStatus.FAIL && action == FailureAction.ENFORCE;
    }
}
