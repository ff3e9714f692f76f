package io.mooring.admission;

import io.mooring.policy.PolicyParser;
import io.mooring.policy.PolicySet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admission door's decision over the sample platform's policies, on reviews as the API server sends them. */
class PolicyReviewerTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final PolicyReviewer reviewer = new PolicyReviewer(Reviews.examplePolicies());

    private static AdmissionReview review(String name) {
        return AdmissionReview.parse(Reviews.body(name), NOW);
    }

    @Test
    void aCompliantPodIsAdmitted() {
        Decision decision = reviewer.review(review("pod-create.json"));

        assertThat(decision.allowed()).as(decision.message()).isTrue();
        assertThat(decision.warnings()).isEmpty();
    }

    @Test
    void aPodBreakingThePoliciesIsRefusedWithEachPolicyRuleAndMessage() {
        Decision decision = reviewer.review(review("pod-create-debug.json"));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.message()).startsWith("resource Pod/guestbook-prod/debug was blocked due to the following policies\n\n")
                .contains("require-app-name-label:\n  app-name-label: 'validation error: The label app.kubernetes.io/name is required")
                .contains("disallow-latest-tag:\n  disallow-latest: 'validation error: The tag latest is not allowed")
                .contains("disallow-host-path:\n  no-host-path-volumes: 'validation error: hostPath volumes are not allowed")
                .contains("restrict-image-registries:\n  allowed-registries: 'validation error: Images must come from ghcr.io/mooring-examples/")
                .contains("require-requests-limits:\n  containers-set-requests-and-limits: 'validation error:");
    }

    @Test
    void aPodControllerIsJudgedByItsTemplateThroughAutogen() {
        Decision decision = reviewer.review(review("deployment-update.json"));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.message()).startsWith("resource Deployment/shop/web was blocked")
                .contains("disallow-latest-tag:\n  autogen-disallow-latest: 'validation error: The tag latest is not allowed");
    }

    @Test
    void auditFailuresAreWarningsAndDoNotRefuse() {
        PolicySet audit = PolicySet.of(PolicyParser.parse("audit.yaml", """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: prefer-digests}
                spec:
                  validationFailureAction: Audit
                  rules:
                  - name: digest
                    match: {any: [{resources: {kinds: [Pod]}}]}
                    validate: {message: "pin images by digest", pattern: {spec: {containers: [{image: "*@sha256:*"}]}}}
                """));

        Decision decision = new PolicyReviewer(audit).review(review("pod-create.json"));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.warnings()).singleElement().asString()
                .startsWith("policy prefer-digests.digest: validation error: pin images by digest");
    }

    @Test
    void namespaceLabelsReachPoliciesThatSelectByThem() {
        PolicySet byNamespace = PolicySet.of(PolicyParser.parse("ns.yaml", """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: prod-needs-digests}
                spec:
                  validationFailureAction: Enforce
                  rules:
                  - name: digest
                    match: {any: [{resources: {kinds: [Pod], namespaceSelector: {matchLabels: {environment: prod}}}}]}
                    validate: {message: "pin images by digest in prod", pattern: {spec: {containers: [{image: "*@sha256:*"}]}}}
                """));
        AdmissionReview review = review("pod-create.json");

        assertThat(new PolicyReviewer(byNamespace).review(review).allowed()).as("labels unknown: the rule selects nothing").isTrue();
        assertThat(new PolicyReviewer(byNamespace, ns -> ns.equals("guestbook-prod") ? Map.of("environment", "prod") : Map.of())
                .review(review).allowed()).isFalse();
    }

    @Test
    void subresourceRequestsAreLetThroughUnjudged() {
        String json = new String(Reviews.body("pod-create-debug.json"), StandardCharsets.UTF_8)
                .replace("\"operation\": \"CREATE\"", "\"operation\": \"CREATE\", \"subResource\": \"ephemeralcontainers\"");

        assertThat(reviewer.review(AdmissionReview.parse(json.getBytes(StandardCharsets.UTF_8), NOW)).allowed()).isTrue();
    }
}
