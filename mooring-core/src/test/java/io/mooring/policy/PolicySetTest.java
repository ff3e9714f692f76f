package io.mooring.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PolicySetTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec:
              containers:
                - {name: web, image: "ghcr.io/org/web:1.2"}
                - {name: debug, image: "busybox:latest"}
            """;

    private static PolicySet policies(String text) {
        return PolicySet.of(PolicyParser.parse("test.yaml", text));
    }

    private static ObjectNode object(String text) {
        return (ObjectNode) new YamlReader().readOne("object.yaml", text);
    }

    private static List<RuleResult> evaluate(String policy, String object) {
        return policies(policy).evaluate(AdmissionRequest.create(object(object), NOW));
    }

    private static String policy(String spec) {
        return "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: demo}\nspec:\n" + spec.indent(2);
    }

    @Test
    void aFailedPatternGivesKyvernosMessageWithTheRulesMessageResolved() {
        List<RuleResult> results = evaluate(policy("""
                validationFailureAction: Enforce
                rules:
                  - name: no-latest
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    validate:
                      message: "{{ request.object.metadata.name }} uses a latest tag"
                      pattern: {spec: {containers: [{image: "!*:latest"}]}}
                """), POD);
        assertThat(results).containsExactly(new RuleResult("demo", "no-latest", ResourceKeyOf.pod(), RuleStatus.FAIL,
                "validation error: web uses a latest tag. rule no-latest failed at path /spec/containers/1/image/", FailureAction.ENFORCE));
        assertThat(results.getFirst().blocks()).isTrue();
    }

    @Test
    void aDenyFailsWhenItsConditionsHoldAndPassesOtherwise() {
        String policy = policy("""
                rules:
                  - name: shop-only
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    validate:
                      message: "namespace {{ request.object.metadata.namespace }} is not allowed"
                      deny:
                        conditions:
                          any:
                            - {key: "{{ request.object.metadata.namespace }}", operator: AnyNotIn, value: [shop, cart]}
                """);
        assertThat(evaluate(policy, POD).getFirst().status()).isEqualTo(RuleStatus.PASS);
        RuleResult denied = evaluate(policy, POD.replace("namespace: shop", "namespace: other")).getFirst();
        assertThat(denied.status()).isEqualTo(RuleStatus.FAIL);
        assertThat(denied.message()).isEqualTo("namespace other is not allowed");
        assertThat(denied.action()).as("Audit when the policy does not say").isEqualTo(FailureAction.AUDIT);
    }

    @Test
    void unmetPreconditionsSkipAndAMissingKeyInAVariableIsAnError() {
        String policy = policy("""
                rules:
                  - name: owner
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    preconditions:
                      all:
                        - {key: "{{ request.object.metadata.labels.app }}", operator: Equals, value: api}
                    validate: {deny: {}}
                  - name: annotated
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    validate:
                      deny:
                        conditions: [{key: "{{ request.object.metadata.annotations.owner }}", operator: Equals, value: ""}]
                """);
        List<RuleResult> results = evaluate(policy, POD);
        assertThat(results.get(0).status()).isEqualTo(RuleStatus.SKIP);
        assertThat(results.get(0).message()).isEqualTo("preconditions not met");
        assertThat(results.get(1).status()).isEqualTo(RuleStatus.ERROR);
        assertThat(results.get(1).message()).startsWith("failed to check deny conditions").contains("Unknown key \"annotations\" in path");
    }

    @Test
    void foreachChecksEachElementAndNamesTheFirstFailure() {
        List<RuleResult> results = evaluate(policy("""
                rules:
                  - name: registries
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    validate:
                      message: "container {{ element.name }} uses {{ element.image }}"
                      foreach:
                        - list: request.object.spec.containers
                          deny:
                            conditions:
                              all:
                                - {key: "{{ images.containers.\\"{{element.name}}\\".registry }}", operator: NotEquals, value: ghcr.io}
                """), POD);
        assertThat(results.getFirst().status()).isEqualTo(RuleStatus.FAIL);
        assertThat(results.getFirst().message()).isEqualTo("validation failure: container debug uses busybox:latest");
    }

    @Test
    void aContextVariableLoadsWhenAnExpressionNamesIt() {
        String policy = policy("""
                rules:
                  - name: count
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    context:
                      - name: broken
                        variable: {jmesPath: request.object.spec.nothing.here}
                      - name: images
                        variable: {jmesPath: "request.object.spec.containers[].image", default: []}
                    validate:
                      deny:
                        conditions: [{key: "{{ length(images) }}", operator: GreaterThan, value: 1}]
                """);
        RuleResult result = evaluate(policy, POD).getFirst();
        assertThat(result.status()).as("the unused variable that cannot load does not matter: " + result.message()).isEqualTo(RuleStatus.FAIL);
    }

    @Test
    void autogenAppliesPodRulesToControllersThroughTheirTemplates() {
        String policy = policy("""
                rules:
                  - name: app-label
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    validate:
                      pattern: {metadata: {labels: {app: "?*"}}}
                  - name: no-host-network
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    validate:
                      deny:
                        conditions: [{key: "{{ request.object.spec.hostNetwork || `false` }}", operator: Equals, value: true}]
                """);
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  template:
                    metadata: {labels: {tier: front}}
                    spec: {hostNetwork: true, containers: [{name: web, image: web:1}]}
                """;
        List<RuleResult> results = evaluate(policy, deployment);
        assertThat(results).extracting(RuleResult::rule, RuleResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("autogen-app-label", RuleStatus.FAIL),
                org.assertj.core.groups.Tuple.tuple("autogen-no-host-network", RuleStatus.FAIL));
        assertThat(results.getFirst().message()).endsWith("failed at path /spec/template/metadata/labels/app/");
        String cronJob = """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly, namespace: shop}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {app: nightly}}
                        spec: {containers: [{name: run, image: run:1}]}
                """;
        assertThat(evaluate(policy, cronJob)).extracting(RuleResult::rule, RuleResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("autogen-cronjob-app-label", RuleStatus.PASS),
                org.assertj.core.groups.Tuple.tuple("autogen-cronjob-no-host-network", RuleStatus.PASS));
    }

    @Test
    void theAutogenAnnotationNamesTheControllersOrTurnsItOff() {
        String rules = """
                rules:
                  - name: app-label
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    validate: {pattern: {metadata: {labels: {app: "?*"}}}}
                """;
        String withAnnotation = "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: demo\n  annotations:\n"
                + "    pod-policies.kyverno.io/autogen-controllers: %s\nspec:\n" + rules.indent(2);
        assertThat(policies(withAnnotation.formatted("none")).policies().getFirst().rules()).extracting(Rule::name).containsExactly("app-label");
        assertThat(policies(withAnnotation.formatted("Deployment,StatefulSet")).policies().getFirst().rules())
                .extracting(Rule::name).containsExactly("app-label", "autogen-app-label");
        assertThat(policies(withAnnotation.formatted("Deployment,StatefulSet")).policies().getFirst().rules().get(1).match().kinds())
                .containsExactly("Deployment", "StatefulSet");
    }

    @Test
    void anUpdateThatKeepsAnExistingViolationIsSkippedAndOneThatAddsItFails() {
        PolicySet policies = policies(policy("""
                rules:
                  - name: no-latest
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    validate: {pattern: {spec: {containers: [{image: "!*:latest"}]}}}
                """));
        ObjectNode failing = object(POD);
        ObjectNode passing = object(POD.replace("busybox:latest", "busybox:1.36"));
        RuleResult unchanged = policies.evaluate(new AdmissionRequest(Operation.UPDATE, failing, failing, Map.of(), UserInfo.NONE, Map.of(), NOW)).getFirst();
        assertThat(unchanged.status()).isEqualTo(RuleStatus.SKIP);
        assertThat(unchanged.message()).isEqualTo("skipping modified resource as validation results have not changed");
        RuleResult introduced = policies.evaluate(new AdmissionRequest(Operation.UPDATE, failing, passing, Map.of(), UserInfo.NONE, Map.of(), NOW)).getFirst();
        assertThat(introduced.status()).isEqualTo(RuleStatus.FAIL);
        assertThat(policies.evaluate(new AdmissionRequest(Operation.DELETE, null, failing, Map.of(), UserInfo.NONE, Map.of(), NOW)))
                .as("patterns do not judge a deletion").isEmpty();
    }

    @Test
    void theRulesFailureActionWinsAndANamespaceOverrideWinsOverBoth() {
        PolicySet policies = policies(policy("""
                validationFailureAction: Audit
                validationFailureActionOverrides:
                  - {action: Audit, namespaces: [sandbox-*]}
                rules:
                  - name: strict
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    validate: {failureAction: Enforce, deny: {}}
                """));
        assertThat(policies.evaluate(AdmissionRequest.create(object(POD), NOW)).getFirst().action()).isEqualTo(FailureAction.ENFORCE);
        assertThat(policies.evaluate(AdmissionRequest.create(object(POD.replace("namespace: shop", "namespace: sandbox-1")), NOW))
                .getFirst().action()).isEqualTo(FailureAction.AUDIT);
    }

    @Test
    void applyRulesOneStopsAtTheFirstRuleWithAVerdict() {
        List<RuleResult> results = evaluate(policy("""
                applyRules: One
                rules:
                  - {name: first, match: {any: [{resources: {kinds: [Pod]}}]}, validate: {deny: {}}}
                  - {name: second, match: {any: [{resources: {kinds: [Pod]}}]}, validate: {deny: {}}}
                """), POD);
        assertThat(results).extracting(RuleResult::rule).containsExactly("first");
    }

    @Test
    void aNamespacedPolicyJudgesOnlyItsNamespaceAndIsNamedWithIt() {
        String policy = """
                apiVersion: kyverno.io/v1
                kind: Policy
                metadata: {name: local, namespace: shop}
                spec:
                  rules:
                    - {name: all, match: {any: [{resources: {kinds: [Pod]}}]}, validate: {deny: {}}}
                """;
        assertThat(evaluate(policy, POD)).extracting(RuleResult::policy).containsExactly("shop/local");
        assertThat(evaluate(policy, POD.replace("namespace: shop", "namespace: other"))).isEmpty();
    }

    @Test
    void anyPatternPassesOnOneAlternativeAndListsEveryFailure() {
        String policy = policy("""
                rules:
                  - name: probes
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    validate:
                      message: Each container needs a probe
                      anyPattern:
                        - {spec: {containers: [{livenessProbe: {periodSeconds: ">0"}}]}}
                        - {spec: {containers: [{readinessProbe: {periodSeconds: ">0"}}]}}
                """);
        RuleResult result = evaluate(policy, POD).getFirst();
        assertThat(result.status()).isEqualTo(RuleStatus.FAIL);
        assertThat(result.message()).isEqualTo("validation error: Each container needs a probe. rule probes[0] failed at path "
                + "/spec/containers/0/livenessProbe/ rule probes[1] failed at path /spec/containers/0/readinessProbe/");
    }

    /** The key of {@link #POD}. */
    private static final class ResourceKeyOf {
        static io.mooring.resource.ResourceKey pod() {
            return new io.mooring.resource.ResourceKey("", "v1", "Pod", "shop", "web");
        }
    }
}
