package io.mooring.policy;

import java.util.List;
import java.util.Map;

/**
 * A Kyverno {@code ClusterPolicy} or namespaced {@code Policy} with its validate rules, the rules
 * Kyverno derives for pod controllers (autogen) included.
 *
 * @param namespace            the Policy's namespace; empty for a ClusterPolicy
 * @param failureAction        {@code spec.validationFailureAction} (Audit when absent)
 * @param failureActionOverrides {@code spec.validationFailureActionOverrides}
 * @param applyOne             {@code spec.applyRules: One}: stop at the first rule that passes or fails
 * @param source               the file it was read from, for messages
 * @param line                 the line its document starts at
 */
public record Policy(String name, String namespace, Map<String, String> annotations, FailureAction failureAction,
                     List<FailureActionOverride> failureActionOverrides, boolean background, boolean applyOne,
                     List<Rule> rules, String source, int line) {
    public Policy {
        annotations = Map.copyOf(annotations);
        failureActionOverrides = List.copyOf(failureActionOverrides);
        rules = List.copyOf(rules);
    }

    /** {@code namespace/name} for a Policy, the name for a ClusterPolicy: how Kyverno names it in results. */
    public String qualifiedName() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
