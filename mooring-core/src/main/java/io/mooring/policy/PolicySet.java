package io.mooring.policy;

import io.mooring.policy.match.Matcher;
import io.mooring.policy.value.Wildcard;

import java.util.ArrayList;
import java.util.List;

/**
 * The policies every door checks against: evaluates each validate rule that selects a request and
 * gives one {@link RuleResult} per rule that has a verdict. Immutable and safe to share between
 * threads; evaluation is a pure function of the request.
 */
public final class PolicySet {
    private final List<Policy> policies;

    private PolicySet(List<Policy> policies) {
        this.policies = List.copyOf(policies);
    }

    public static PolicySet of(List<Policy> policies) {
        return new PolicySet(policies);
    }

    public List<Policy> policies() {
        return policies;
    }

    /** The verdicts of every rule that selects the request, in policy and rule order. */
    public List<RuleResult> evaluate(AdmissionRequest request) {
        RequestContext context = RequestContext.of(request);
        List<RuleResult> results = new ArrayList<>();
        for (Policy policy : policies) {
            evaluate(policy, context, results);
        }
        return results;
    }

    /** The verdicts of one policy's rules on the request. */
    public static List<RuleResult> evaluate(Policy policy, AdmissionRequest request) {
        List<RuleResult> results = new ArrayList<>();
        evaluate(policy, RequestContext.of(request), results);
        return results;
    }

    private static void evaluate(Policy policy, RequestContext context, List<RuleResult> results) {
        for (Rule rule : policy.rules()) {
            if (!Matcher.selects(rule.match(), rule.exclude(), policy.namespace(), context.matched)) {
                continue;
            }
            Verdict verdict = RuleEvaluator.evaluate(rule, context);
            if (verdict == null) {
                continue;
            }
            results.add(new RuleResult(policy.qualifiedName(), rule.name(), context.key, verdict.status(), verdict.message(),
                    failureAction(policy, rule, context)));
            if (policy.applyOne() && (verdict.status() == RuleStatus.PASS || verdict.status() == RuleStatus.FAIL)) {
                break;
            }
        }
    }

    /** The rule's own action, else the policy's; an override for the resource's namespace wins over both. */
    private static FailureAction failureAction(Policy policy, Rule rule, RequestContext context) {
        Validation validation = rule.validation();
        FailureAction action = validation.failureAction() != null ? validation.failureAction() : policy.failureAction();
        List<FailureActionOverride> overrides = validation.failureActionOverrides().isEmpty()
                ? policy.failureActionOverrides() : validation.failureActionOverrides();
        String namespace = context.matched.namespace();
        for (FailureActionOverride override : overrides) {
            boolean byName = override.namespaces().stream().anyMatch(n -> Wildcard.match(n, namespace));
            boolean bySelector = override.namespaceSelector() != null && override.namespaceSelector().matches(context.matched.namespaceLabels());
            if (byName || bySelector) {
                return override.action();
            }
        }
        return action;
    }
}
