package io.mooring.admission;

import io.mooring.policy.PolicySet;
import io.mooring.policy.RuleResult;
import io.mooring.resource.ResourceKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The admission door: a review is allowed unless a rule whose action is Enforce fails or cannot be
 * evaluated (as with Kyverno's failurePolicy Fail: what cannot be checked is not let through).
 * Failures of Audit rules come back as warnings, which kubectl prints. The refusal names the object,
 * then each policy and rule with its message, as Kyverno's does.
 */
public final class PolicyReviewer implements Reviewer {
    private final PolicySet policies;
    private final Function<String, Map<String, String>> namespaceLabels;

    /**
     * @param namespaceLabels the labels of a namespace, for policies that select by namespaceSelector
     *                        (empty when unknown)
     */
    public PolicyReviewer(PolicySet policies, Function<String, Map<String, String>> namespaceLabels) {
        this.policies = policies;
        this.namespaceLabels = namespaceLabels;
    }

    /** Without namespace labels: a rule selecting by namespaceSelector selects nothing, as in CI. */
    public PolicyReviewer(PolicySet policies) {
        this(policies, namespace -> Map.of());
    }

    public PolicySet policies() {
        return policies;
    }

    @Override
    public Decision review(AdmissionReview review) {
        // The engine judges whole objects; a subresource request (a pod's status, exec) carries
        // something else, and the webhook configuration does not ask for them.
        if (!review.subResource().isEmpty()) {
            return Decision.ALLOW;
        }
        Map<String, String> labels = review.namespace().isEmpty() ? Map.of() : namespaceLabels.apply(review.namespace());
        List<RuleResult> results = policies.evaluate(labels.isEmpty() ? review.request() : review.withNamespaceLabels(labels).request());
        List<String> warnings = new ArrayList<>();
        Map<String, List<RuleResult>> blocking = new LinkedHashMap<>();
        for (RuleResult result : results) {
            if (result.blocks()) {
                blocking.computeIfAbsent(result.policy(), p -> new ArrayList<>()).add(result);
            } else if (result.warns()) {
                warnings.add("policy " + result.policy() + "." + result.rule() + ": " + result.message());
            }
        }
        if (blocking.isEmpty()) {
            return new Decision(true, "", warnings);
        }
        return new Decision(false, refusal(results.getFirst().resource(), blocking), warnings);
    }

    private static String refusal(ResourceKey resource, Map<String, List<RuleResult>> blocking) {
        StringBuilder text = new StringBuilder("resource ").append(resource.kind()).append('/');
        if (!resource.namespace().isEmpty()) {
            text.append(resource.namespace()).append('/');
        }
        text.append(resource.name()).append(" was blocked due to the following policies\n");
        blocking.forEach((policy, results) -> {
            text.append('\n').append(policy).append(':');
            for (RuleResult result : results) {
                text.append("\n  ").append(result.rule()).append(": '").append(result.message()).append('\'');
            }
        });
        return text.toString();
    }
}
