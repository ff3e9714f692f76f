package io.mooring.policy.kyvernotest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.AdmissionRequest;
import io.mooring.policy.Operation;
import io.mooring.policy.Policy;
import io.mooring.policy.PolicySet;
import io.mooring.policy.RuleResult;
import io.mooring.policy.UserInfo;
import io.mooring.resource.ResourceKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a loaded test as {@code kyverno test} does: every policy on every resource (as a CREATE,
 * or as an UPDATE of the resource onto itself when its values say {@code request.operation:
 * UPDATE}), then each expected line looked up by policy, kind, resource name and rule (also as
 * {@code autogen-} and {@code autogen-cronjob-}) and compared.
 */
public final class KyvernoTestRunner {
    private static final String OPERATION = "request.operation";

    private KyvernoTestRunner() {
    }

    public static TestReport run(LoadedTest loaded, Instant now) {
        List<RuleResult> results = new ArrayList<>();
        for (Policy policy : loaded.policies()) {
            for (ObjectNode resource : loaded.resources()) {
                results.addAll(evaluate(policy, resource, loaded.values(), now));
            }
        }
        List<TestReport.Line> lines = new ArrayList<>();
        for (KyvernoTest.ExpectedResult expected : loaded.test().results()) {
            for (String resource : expected.resources()) {
                lines.add(compare(expected, resource, results));
            }
        }
        return new TestReport(loaded.test().file(), lines);
    }

    private static List<RuleResult> evaluate(Policy policy, ObjectNode resource, TestValues values, Instant now) {
        String name = ResourceKey.of(resource).name();
        List<String> rulesWithValues = values.rulesWithValues(policy.name());
        if (rulesWithValues.isEmpty()) {
            return PolicySet.evaluate(policy, request(resource, values.valuesFor(policy.name(), name, null), values, now));
        }
        // Rules with values of their own are evaluated with those; the others together.
        List<RuleResult> results = new ArrayList<>();
        for (var rule : policy.rules()) {
            String valuesRule = rulesWithValues.stream().filter(r -> rule.name().equals(r) || rule.name().endsWith("-" + r)).findFirst().orElse(null);
            Policy single = new Policy(policy.name(), policy.namespace(), policy.annotations(), policy.failureAction(),
                    policy.failureActionOverrides(), policy.background(), false, List.of(rule), policy.source(), policy.line());
            results.addAll(PolicySet.evaluate(single, request(resource, values.valuesFor(policy.name(), name, valuesRule), values, now)));
        }
        return results;
    }

    private static AdmissionRequest request(ObjectNode resource, Map<String, JsonNode> values, TestValues testValues, Instant now) {
        Map<String, JsonNode> variables = new LinkedHashMap<>(values);
        JsonNode operationValue = variables.remove(OPERATION);
        Operation operation = operationValue == null ? Operation.CREATE : Operation.valueOf(operationValue.asText().toUpperCase(Locale.ROOT));
        ObjectNode oldObject = operation == Operation.UPDATE || operation == Operation.DELETE ? resource : null;
        String namespace = ResourceKey.of(resource).namespace();
        return new AdmissionRequest(operation, resource, oldObject, testValues.namespaceLabels().getOrDefault(namespace, Map.of()),
                UserInfo.NONE, variables, now);
    }

    private static TestReport.Line compare(KyvernoTest.ExpectedResult expected, String resource, List<RuleResult> results) {
        List<RuleResult> found = results.stream()
                .filter(r -> r.resource().kind().equals(expected.kind()) && r.policy().equals(expected.policy()))
                .filter(r -> qualifiedName(r.resource()).equals(resource) || r.resource().name().equals(resource))
                .filter(r -> r.rule().equals(expected.rule()) || r.rule().equals("autogen-" + expected.rule())
                        || r.rule().equals("autogen-cronjob-" + expected.rule()))
                .toList();
        if (found.isEmpty()) {
            return new TestReport.Line(expected, resource, null, "");
        }
        for (RuleResult result : found) {
            if (!result.status().word().equals(expected.result().toLowerCase(Locale.ROOT))) {
                return new TestReport.Line(expected, resource, result, result.message());
            }
        }
        return new TestReport.Line(expected, resource, found.getFirst(), found.getFirst().message());
    }

    private static String qualifiedName(ResourceKey key) {
        return key.namespace().isEmpty() ? key.name() : key.namespace() + "/" + key.name();
    }
}
