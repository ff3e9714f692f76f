package io.mooring.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.PolicyParser;
import io.mooring.policy.PolicySet;
import io.mooring.resource.ManifestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookConfigurationTest {
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    private static WebhookConfiguration.Settings service(String ca, String certManager) {
        return new WebhookConfiguration.Settings("mooring-policies", "validate.policies.mooring.io", "mooring/mooring-admission", 443,
                "/validate", null, ca, certManager, WebhookConfiguration.FailurePolicy.Fail, 10, List.of("kube-system", "mooring"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void theSamplePoliciesSendPodsTheirControllersAndIngressesOnly() {
        ObjectNode configuration = WebhookConfiguration.generate(Reviews.examplePolicies(), service(CA, null), ApiKinds.builtIn());

        assertThat(configuration.path("apiVersion").asText()).isEqualTo("admissionregistration.k8s.io/v1");
        assertThat(configuration.path("kind").asText()).isEqualTo("ValidatingWebhookConfiguration");
        JsonNode webhook = configuration.path("webhooks").get(0);
        assertThat(webhook.path("name").asText()).isEqualTo("validate.policies.mooring.io");
        List<String> rules = new ArrayList<>();
        for (JsonNode rule : webhook.path("rules")) {
            assertThat(strings(rule.path("operations"))).containsExactly("CREATE", "UPDATE");
            assertThat(strings(rule.path("apiVersions"))).containsExactly("*");
            rule.path("resources").forEach(r -> rules.add(rule.path("apiGroups").get(0).asText() + ":" + r.asText()));
        }
        assertThat(rules).as("Pod rules, autogen's controllers, and the Ingress rule; no subresources")
                .containsExactly(":pods", ":replicationcontrollers", "apps:daemonsets", "apps:deployments", "apps:replicasets",
                        "apps:statefulsets", "batch:cronjobs", "batch:jobs", "networking.k8s.io:ingresses");
        JsonNode service = webhook.path("clientConfig").path("service");
        assertThat(service.path("namespace").asText() + "/" + service.path("name").asText() + ":" + service.path("port").asInt()
                + service.path("path").asText()).isEqualTo("mooring/mooring-admission:443/validate");
        assertThat(new String(Base64.getDecoder().decode(webhook.path("clientConfig").path("caBundle").asText()), StandardCharsets.US_ASCII))
                .isEqualTo(CA);
        JsonNode excluded = webhook.path("namespaceSelector").path("matchExpressions").get(0);
        assertThat(excluded.path("key").asText()).isEqualTo("kubernetes.io/metadata.name");
        assertThat(excluded.path("operator").asText()).isEqualTo("NotIn");
        assertThat(strings(excluded.path("values"))).containsExactly("kube-system", "mooring");
        assertThat(webhook.path("failurePolicy").asText()).isEqualTo("Fail");
        assertThat(webhook.path("timeoutSeconds").asInt()).isEqualTo(10);
        assertThat(webhook.path("sideEffects").asText()).isEqualTo("None");
        assertThat(strings(webhook.path("admissionReviewVersions"))).containsExactly("v1");
    }

    @Test
    void certManagerInjectsTheCaInsteadOfABundle() {
        ObjectNode configuration = WebhookConfiguration.generate(Reviews.examplePolicies(), service(null, "mooring/mooring-admission"),
                ApiKinds.builtIn());

        assertThat(configuration.path("metadata").path("annotations").path("cert-manager.io/inject-ca-from").asText())
                .isEqualTo("mooring/mooring-admission");
        assertThat(configuration.path("webhooks").get(0).path("clientConfig").has("caBundle")).isFalse();
    }

    @Test
    void operationsWildcardsAndCustomKindsComeFromTheRules() {
        PolicySet policies = PolicySet.of(PolicyParser.parse("p.yaml", """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: mixed}
                spec:
                  rules:
                  - name: no-delete-namespaces
                    match: {any: [{resources: {kinds: [Namespace], operations: [DELETE]}}]}
                    validate: {message: no, deny: {}}
                  - name: everything-in-a-group
                    match: {any: [{resources: {kinds: ["cert-manager.io/v1/*"]}}]}
                    validate: {message: x, pattern: {metadata: {name: "?*"}}}
                  - name: exec
                    match: {any: [{resources: {kinds: [Pod/exec]}}]}
                    validate: {message: x, pattern: {metadata: {name: "?*"}}}
                  - name: widgets
                    match: {any: [{resources: {kinds: [example.com/v1/Widget]}}]}
                    validate: {message: x, pattern: {metadata: {name: "?*"}}}
                """));
        List<ApiKinds.ApiKind> known = new ArrayList<>(ApiKinds.builtIn());
        known.add(new ApiKinds.ApiKind("example.com", "v1", "Widget", "widgets"));

        JsonNode webhook = WebhookConfiguration.generate(policies, service(CA, null), known).path("webhooks").get(0);

        List<String> rules = new ArrayList<>();
        webhook.path("rules").forEach(rule -> rule.path("resources").forEach(r -> rules.add(rule.path("apiGroups").get(0).asText() + ":" + r.asText())));
        assertThat(rules).containsExactly(":namespaces", "cert-manager.io:*", "example.com:widgets");
        assertThat(strings(webhook.path("rules").get(0).path("operations"))).containsExactly("CREATE", "DELETE", "UPDATE");

        assertThatThrownBy(() -> WebhookConfiguration.generate(policies, service(CA, null), ApiKinds.builtIn()))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("ClusterPolicy mixed, rule widgets: kind Widget is neither built into Kubernetes nor served by the cluster")
                .hasMessageContaining("--kubeconfig");
    }

    @Test
    void settingsTheApiServerWouldRefuseAreRefusedFirst() {
        assertThatThrownBy(() -> new WebhookConfiguration.Settings("n", "validate.policies.mooring.io", null, 443, "/validate",
                "http://example.com/validate", CA, null, WebhookConfiguration.FailurePolicy.Fail, 10, List.of())).hasMessageContaining("HTTPS only");
        assertThatThrownBy(() -> new WebhookConfiguration.Settings("n", "validate.policies.mooring.io", "mooring/a", 443, "/validate",
                null, CA, null, WebhookConfiguration.FailurePolicy.Fail, 31, List.of())).hasMessageContaining("between 1 and 30 seconds");
        assertThatThrownBy(() -> new WebhookConfiguration.Settings("n", "validate", "mooring/a", 443, "/validate",
                null, CA, null, WebhookConfiguration.FailurePolicy.Fail, 10, List.of())).hasMessageContaining("three dot-separated parts");
        assertThatThrownBy(() -> new WebhookConfiguration.Settings("n", "validate.policies.mooring.io", "a", 443, "/validate",
                null, CA, null, WebhookConfiguration.FailurePolicy.Fail, 10, List.of())).hasMessageContaining("namespace/name");
        assertThatThrownBy(() -> new WebhookConfiguration.Settings("n", "validate.policies.mooring.io", "mooring/a", 443, "/validate",
                null, null, null, WebhookConfiguration.FailurePolicy.Fail, 10, List.of())).hasMessageContaining("CA bundle");
    }

    @Test
    void pluralsFollowKubernetes() {
        assertThat(ApiKinds.plural("Ingress")).isEqualTo("ingresses");
        assertThat(ApiKinds.plural("NetworkPolicy")).isEqualTo("networkpolicies");
        assertThat(ApiKinds.plural("Endpoints")).isEqualTo("endpoints");
        assertThat(ApiKinds.plural("Gateway")).isEqualTo("gateways");
    }
}
