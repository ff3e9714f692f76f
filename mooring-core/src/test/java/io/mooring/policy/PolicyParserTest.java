package io.mooring.policy;

import io.mooring.resource.ManifestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyParserTest {
    private static String policy(String rules) {
        return """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata:
                  name: demo
                spec:
                  rules:
                """ + rules.indent(4);
    }

    private static final String MATCH_PODS = """
            match:
              any:
                - resources: {kinds: [Pod]}
            """;

    private static ManifestException error(String text) {
        return (ManifestException) org.assertj.core.api.Assertions.catchThrowable(() -> PolicyParser.parse("policies/demo.yaml", text));
    }

    @Test
    void readsAPolicyWithItsAutogenRules() {
        Policy policy = PolicyParser.parse("p.yaml", policy("- name: labels\n" + MATCH_PODS.indent(2)
                + "  validate:\n    pattern: {metadata: {labels: {app: \"?*\"}}}\n")).getFirst();
        assertThat(policy.rules()).extracting(Rule::name).containsExactly("labels", "autogen-labels", "autogen-cronjob-labels");
        assertThat(policy.failureAction()).isEqualTo(FailureAction.AUDIT);
    }

    @Test
    void noAutogenWhenARuleSelectsByNameOrMixesPodsWithOtherKinds() {
        Policy byName = PolicyParser.parse("p.yaml", policy("""
                - name: named
                  match: {any: [{resources: {kinds: [Pod], names: ["web-*"]}}]}
                  validate: {deny: {}}
                """)).getFirst();
        assertThat(byName.rules()).extracting(Rule::name).containsExactly("named");
        Policy mixed = PolicyParser.parse("p.yaml", policy("""
                - name: mixed
                  match: {any: [{resources: {kinds: [Pod, Service]}}]}
                  validate: {deny: {}}
                """)).getFirst();
        assertThat(mixed.rules()).extracting(Rule::name).containsExactly("mixed");
    }

    @Test
    void aDocumentThatDoesNotParseIsAnErrorWithItsLine() {
        ManifestException e = error("apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: x\n");
        assertThat(e.getMessage()).startsWith("policies/demo.yaml:");
    }

    @Test
    void anUnknownOperatorNamesThePolicyTheRuleAndTheValidOperators() {
        ManifestException e = error(policy("- name: deny-it\n" + MATCH_PODS.indent(2) + """
                  validate:
                    deny:
                      conditions:
                        any:
                          - {key: "{{ request.operation }}", operator: Contains, value: CREATE}
                """));
        assertThat(e.getMessage()).contains("ClusterPolicy demo, rule deny-it").contains("unknown operator 'Contains'").contains("AnyIn");
    }

    @Test
    void aJmesPathSyntaxErrorIsFoundWhenThePolicyIsRead() {
        ManifestException e = error(policy("- name: broken\n" + MATCH_PODS.indent(2) + """
                  validate:
                    message: "name is {{ request.object.metadata.[name }}"
                    pattern: {metadata: {name: "?*"}}
                """));
        assertThat(e.getMessage()).contains("rule broken").contains("does not compile").contains("request.object.metadata.[name");
    }

    @Test
    void anUnknownFunctionIsAnError() {
        ManifestException e = error(policy("- name: fn\n" + MATCH_PODS.indent(2) + """
                  validate:
                    deny:
                      conditions:
                        all:
                          - {key: "{{ x509_decode(request.object.data.cert) }}", operator: Equals, value: x}
                """));
        assertThat(e.getMessage()).contains("rule fn").contains("x509_decode()").contains("does not know");
    }

    @Test
    void rulesOfOtherTypesAreRefusedByName() {
        assertThat(error(policy("- name: add-label\n" + MATCH_PODS.indent(2) + "  mutate: {patchStrategicMerge: {metadata: {labels: {a: b}}}}\n")).getMessage())
                .contains("rule add-label: is a mutate rule");
        assertThat(error(policy("- name: gen\n" + MATCH_PODS.indent(2) + "  generate: {kind: ConfigMap, name: x}\n")).getMessage())
                .contains("is a generate rule");
        assertThat(error(policy("- name: sigs\n" + MATCH_PODS.indent(2) + "  verifyImages: [{imageReferences: ['*']}]\n")).getMessage())
                .contains("is a verifyImages rule");
        assertThat(error(policy("- name: cel\n" + MATCH_PODS.indent(2) + "  validate: {cel: {expressions: [{expression: 'true'}]}}\n")).getMessage())
                .contains("validates with cel");
        assertThat(error(policy("- name: pss\n" + MATCH_PODS.indent(2) + "  validate: {podSecurity: {level: baseline}}\n")).getMessage())
                .contains("validates with podSecurity");
    }

    @Test
    void contextOtherThanVariablesIsRefused() {
        assertThat(error(policy("- name: api\n" + MATCH_PODS.indent(2) + """
                  context:
                    - name: ns
                      apiCall: {urlPath: /api/v1/namespaces}
                  validate: {deny: {}}
                """)).getMessage()).contains("context entry ns uses apiCall");
    }

    @Test
    void structuralMistakesAreErrors() {
        assertThat(error(policy("- name: nomatch\n  validate: {deny: {}}\n")).getMessage()).contains("has no match block");
        assertThat(error(policy("- name: two\n" + MATCH_PODS.indent(2) + "  validate: {deny: {}, pattern: {a: b}}\n")).getMessage())
                .contains("more than one of pattern, anyPattern, deny, foreach");
        assertThat(error(policy("- name: act\n" + MATCH_PODS.indent(2) + "  validate: {failureAction: Block, deny: {}}\n")).getMessage())
                .contains("validate.failureAction is Block");
        assertThat(error("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n").getMessage()).contains("not a Kyverno policy");
        assertThat(error("apiVersion: kyverno.io/v1\nkind: CleanupPolicy\nmetadata: {name: x}\n").getMessage()).contains("is not supported");
    }

    @Test
    void nestedVariablesAreCheckedOnceTheInnerOnesStandForStrings() {
        assertThatThrownBy(() -> PolicyParser.parse("p.yaml", policy("- name: nested\n" + MATCH_PODS.indent(2) + """
                  validate:
                    deny:
                      conditions:
                        all:
                          - {key: "{{ nope('{{ request.object.metadata.name }}') }}", operator: Equals, value: x}
                """))).hasMessageContaining("nope()");
    }
}
