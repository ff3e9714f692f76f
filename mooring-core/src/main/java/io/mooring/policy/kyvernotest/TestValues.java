package io.mooring.policy.kyvernotest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A Kyverno CLI values file ({@code cli.kyverno.io/v1alpha1 Values}): variables for all, per policy
 * and resource, per policy and rule, and the labels of namespaces.
 */
public record TestValues(Map<String, JsonNode> global, List<PolicyValues> policies, Map<String, Map<String, String>> namespaceLabels) {
    public static final TestValues NONE = new TestValues(Map.of(), List.of(), Map.of());

    public TestValues {
        global = Map.copyOf(global);
        policies = List.copyOf(policies);
        namespaceLabels = Map.copyOf(namespaceLabels);
    }

    /** Values of one policy: by resource name and by rule name. */
    public record PolicyValues(String name, Map<String, Map<String, JsonNode>> resources, Map<String, Map<String, JsonNode>> rules) {
        public PolicyValues {
            resources = Map.copyOf(resources);
            rules = Map.copyOf(rules);
        }
    }

    /** The values for a policy, a resource (by name) and optionally a rule: global, then the resource's, then the rule's. */
    public Map<String, JsonNode> valuesFor(String policy, String resource, String rule) {
        Map<String, JsonNode> values = new java.util.LinkedHashMap<>(global);
        for (PolicyValues p : policies) {
            if (p.name().equals(policy)) {
                values.putAll(p.resources().getOrDefault(resource, Map.of()));
                if (rule != null) {
                    values.putAll(p.rules().getOrDefault(rule, Map.of()));
                }
            }
        }
        return values;
    }

    /** The rules of a policy that have values of their own. */
    public List<String> rulesWithValues(String policy) {
        return policies.stream().filter(p -> p.name().equals(policy))
                .flatMap(p -> p.rules().entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)).toList();
    }
}
