package io.mooring.policy;

import io.mooring.resource.ManifestException;

/**
 * Where in a policy a problem is, so that every error names the file, the policy and the rule.
 *
 * @param rule the rule's name, or null for the policy itself
 */
record PolicyError(String source, int line, String kind, String policy, String rule) {
    PolicyError forRule(String name) {
        return new PolicyError(source, line, kind, policy, name);
    }

    ManifestException problem(String problem, String hint) {
        String where = kind + " " + (policy.isEmpty() ? "(unnamed)" : policy) + (rule == null ? "" : ", rule " + rule);
        return new ManifestException(source, line, where + ": " + problem, hint);
    }
}
