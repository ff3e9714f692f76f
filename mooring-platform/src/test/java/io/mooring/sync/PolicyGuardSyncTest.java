package io.mooring.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.mooring.app.ApplicationStatus;
import io.mooring.config.Application;
import io.mooring.testing.GitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sync door: rendered objects are checked against the Application's policies before anything
 * is planned or applied. Against the sandbox's API server and real Git repositories.
 */
class PolicyGuardSyncTest {
    static final String REQUIRE_TEAM = """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata: {name: require-team}
            spec:
              validationFailureAction: Enforce
              rules:
              - name: team-label
                match: {any: [{resources: {kinds: [ConfigMap]}}]}
                validate:
                  message: "ConfigMaps need a team label."
                  pattern: {metadata: {labels: {team: "?*"}}}
            """;
    static final String SMALL_VALUES = """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata: {name: small-values}
            spec:
              validationFailureAction: Audit
              rules:
              - name: not-big
                match: {any: [{resources: {kinds: [ConfigMap]}}]}
                validate:
                  message: "value {{ request.object.data.value }} is big."
                  pattern: {data: {value: "!big"}}
            """;
    private static final String APP = """
            apiVersion: mooring.io/v1alpha1
            kind: Application
            metadata: {name: shop, namespace: mooring}
            spec:
              source: {repoURL: '%s', targetRevision: main, path: apps/shop}
              destination: {namespace: shop}
              policies: {path: policies}
            """;

    @TempDir
    Path temp;
    SyncFixture f;
    Application app;

    @BeforeEach
    void setUp() {
        f = new SyncFixture(temp);
        f.repo.write("apps/shop/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n")
                .write("apps/shop/settings.yaml", configMap("settings", "blue", "payments"))
                .write("apps/shop/flags.yaml", configMap("flags", "on", "payments"))
                .write("policies/require-team.yaml", REQUIRE_TEAM)
                .write("policies/small-values.yaml", SMALL_VALUES)
                .commit("shop and its policies");
        app = f.application(APP);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static String configMap(String name, String value, String team) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n" + (team == null ? "" : "  labels: {team: " + team + "}\n")
                + "data:\n  value: '" + value + "'\n";
    }

    private SyncResult sync(List<SyncEvent> events) {
        return f.engine.sync(app, new SyncOptions(null, false, true, false, Duration.ofSeconds(30), events::add));
    }

    @Test
    void compliantObjectsSyncAndTheStatusSaysThePoliciesPassed() {
        Comparison comparison = f.engine.compare(app, (String) null);
        assertThat(comparison.policy()).as("the Application names policies, so its objects were checked").isNotNull();
        assertThat(comparison.policy().report().objects()).as("every object the sync would apply is checked").hasSize(3);
        assertThat(comparison.blockedByPolicy()).isFalse();

        SyncResult result = sync(new ArrayList<>());
        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(result.applied()).hasSize(3);

        ObjectNode status = ApplicationStatus.compared(null, comparison);
        assertThat(status.path("policy").path("result").asText()).isEqualTo("Passed");
        assertThat(status.path("policy").path("policies").asInt()).isEqualTo(2);
        assertThat(status.path("policy").path("sources").get(0).asText()).startsWith("policies at ");
        assertThat(status.path("conditions").isMissingNode()).as("no PolicyViolation condition: " + status).isTrue();
    }

    @Test
    void anEnforceViolationBlocksTheSyncAndNothingIsAppliedOrPruned() {
        assertThat(sync(new ArrayList<>()).succeeded()).isTrue();
        f.repo.write("apps/shop/settings.yaml", configMap("settings", "green", "payments"))
                .write("apps/shop/orphan.yaml", configMap("orphan", "x", null))
                .delete("apps/shop/flags.yaml")
                .commit("an unlabelled ConfigMap");

        Comparison comparison = f.engine.compare(app, (String) null);
        assertThat(comparison.blockedByPolicy()).isTrue();
        List<SyncEvent> events = new ArrayList<>();
        SyncResult result = f.engine.sync(app, comparison, new SyncOptions(null, false, true, false, Duration.ofSeconds(30), events::add),
                java.time.Instant.now());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.message()).startsWith("blocked by policy, nothing applied: 1 Enforce violation: require-team/team-label on ConfigMap/shop/orphan")
                .contains("(apps/shop/orphan.yaml:1)").contains("ConfigMaps need a team label");
        assertThat(result.applied()).as("a blocked sync applies nothing, not even the compliant change").isEmpty();
        assertThat(result.pruned()).as("nor prunes").isEmpty();
        assertThat(f.client.configMaps().inNamespace("shop").withName("settings").get().getData()).containsEntry("value", "blue");
        assertThat(f.client.configMaps().inNamespace("shop").withName("flags").get()).as("flags left Git but stays").isNotNull();
        assertThat(f.client.configMaps().inNamespace("shop").withName("orphan").get()).isNull();
        assertThat(events).first().isInstanceOf(SyncEvent.Checked.class);

        ObjectNode status = ApplicationStatus.compared(null, comparison);
        JsonNode policy = status.path("policy");
        assertThat(policy.path("result").asText()).isEqualTo("Blocked");
        assertThat(policy.path("blocking").asInt()).isEqualTo(1);
        JsonNode violation = policy.path("violations").get(0);
        assertThat(violation.path("policy").asText()).isEqualTo("require-team");
        assertThat(violation.path("rule").asText()).isEqualTo("team-label");
        assertThat(violation.path("action").asText()).isEqualTo("Enforce");
        assertThat(violation.path("result").asText()).isEqualTo("fail");
        assertThat(violation.path("kind").asText() + "/" + violation.path("namespace").asText() + "/" + violation.path("name").asText())
                .isEqualTo("ConfigMap/shop/orphan");
        assertThat(violation.path("source").asText()).isEqualTo("apps/shop/orphan.yaml:1");
        assertThat(violation.path("message").asText()).contains("ConfigMaps need a team label");
        assertThat(status.path("conditions").get(0).path("type").asText()).isEqualTo("PolicyViolation");

        f.repo.write("apps/shop/orphan.yaml", configMap("orphan", "x", "payments")).commit("labelled");
        SyncResult fixed = sync(new ArrayList<>());
        assertThat(fixed.succeeded()).as(fixed.message()).isTrue();
        assertThat(fixed.pruned()).extracting(k -> k.name()).containsExactly("flags");
        assertThat(ApplicationStatus.compared(status, f.engine.compare(app, (String) null)).path("conditions").isMissingNode())
                .as("the PolicyViolation condition goes once the objects comply").isTrue();
    }

    @Test
    void auditFailuresAreWarningsAndTheSyncGoesOn() {
        f.repo.write("apps/shop/settings.yaml", configMap("settings", "big", "payments")).commit("a big value");

        List<SyncEvent> events = new ArrayList<>();
        SyncResult result = sync(events);

        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(result.message()).endsWith("; 1 policy warning (Audit)");
        assertThat(f.client.configMaps().inNamespace("shop").withName("settings").get().getData()).containsEntry("value", "big");
        SyncEvent.Checked checked = (SyncEvent.Checked) events.getFirst();
        assertThat(checked.verdict().violations()).singleElement().satisfies(v -> {
            assertThat(v.result().warns()).isTrue();
            assertThat(v.result().message()).contains("value big is big.");
        });
        ObjectNode status = ApplicationStatus.compared(null, f.engine.compare(app, (String) null));
        assertThat(status.path("policy").path("result").asText()).isEqualTo("Warning");
        assertThat(status.path("policy").path("violations").get(0).path("action").asText()).isEqualTo("Audit");
        assertThat(status.path("conditions").isMissingNode()).as("warnings do not make a PolicyViolation condition").isTrue();
    }

    @Test
    void aPolicyThatDoesNotParseBlocksTheSyncWithAnErrorNamingFilePolicyAndRule() {
        f.repo.write("policies/broken.yaml", """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: broken}
                spec:
                  validationFailureAction: Enforce
                  rules:
                  - name: forgot-match
                    validate: {message: x, pattern: {metadata: {name: "?*"}}}
                """).commit("a broken policy");

        assertThatThrownBy(() -> f.engine.compare(app, (String) null)).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.reason()).isEqualTo("PolicyError");
            assertThat(e.getMessage()).startsWith("policies/broken.yaml:1: ClusterPolicy broken, rule forgot-match: has no match block");
        });
        SyncResult result = sync(new ArrayList<>());
        assertThat(result.succeeded()).isFalse();
        assertThat(result.message()).contains("ClusterPolicy broken, rule forgot-match");
        assertThat(result.applied()).isEmpty();
        assertThat(f.client.namespaces().withName("shop").get()).as("fail closed: not even the namespace").isNull();

        ObjectNode status = ApplicationStatus.sourceFailed(null, "PolicyError", result.message());
        assertThat(status.path("policy").path("result").asText()).isEqualTo("Error");
        assertThat(status.path("sync").path("status").asText()).isEqualTo("Unknown");
    }

    @Test
    void anEnforceRuleThatCannotBeEvaluatedBlocksAndAnAuditOneWarns() {
        f.repo.write("policies/owner.yaml", """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: owner-known}
                spec:
                  validationFailureAction: Enforce
                  rules:
                  - name: owner-annotation
                    match: {any: [{resources: {kinds: [ConfigMap]}}]}
                    validate:
                      message: "the owner must be known"
                      deny:
                        conditions:
                          all:
                          - {key: "{{ request.object.metadata.annotations.owner }}", operator: Equals, value: nobody}
                """).commit("a rule that reads a missing annotation");

        Comparison comparison = f.engine.compare(app, (String) null);

        assertThat(comparison.blockedByPolicy()).as("an Enforce rule that errors is not let through").isTrue();
        assertThat(comparison.policy().violations()).extracting(v -> v.result().status().word()).containsOnly("error");
    }

    @Test
    void policiesMayComeFromAnotherRepositoryAtItsOwnRevision() {
        try (GitRepo policies = new GitRepo(temp.resolve("policies"))) {
            policies.write("kyverno/require-team.yaml", REQUIRE_TEAM).commit("the platform's policies");
            f.repo.write("apps/shop/settings.yaml", configMap("settings", "blue", null)).commit("unlabelled");
            Application other = f.application(APP.replace("policies: {path: policies}",
                    "policies: {repoURL: '" + policies.url() + "', targetRevision: main, path: kyverno}"));

            Comparison comparison = f.engine.compare(other, (String) null);

            assertThat(comparison.blockedByPolicy()).isTrue();
            assertThat(comparison.policy().sources()).singleElement().asString().startsWith("kyverno at ").endsWith(" of " + policies.url());
            assertThat(comparison.policy().report().policyCount()).as("only that repository's policies").isEqualTo(1);
        }
    }

    @Test
    void theClustersKyvernoPoliciesGuardWhenAskedAndGitWinsOverASameNamedOne() {
        installKyvernoCrds();
        f.client.resource(f.client.getKubernetesSerialization().unmarshal(REQUIRE_TEAM.replace("metadata: {name: require-team}",
                "metadata: {name: cluster-team, labels: {guard: sync}}"), GenericKubernetesResource.class)).create();
        f.client.resource(f.client.getKubernetesSerialization().unmarshal(SMALL_VALUES.replace("Audit", "Enforce"),
                GenericKubernetesResource.class)).create();
        f.repo.write("apps/shop/settings.yaml", configMap("settings", "big", null)).commit("unlabelled and big");
        Application fromCluster = f.application(APP.replace("policies: {path: policies}", "policies: {cluster: true}"));

        Comparison onlyCluster = f.engine.compare(fromCluster, (String) null);
        assertThat(onlyCluster.policy().violations()).extracting(v -> v.result().policy() + ":" + (v.result().blocks() ? "block" : "warn"))
                .containsExactlyInAnyOrder("cluster-team:block", "small-values:block");
        assertThat(onlyCluster.policy().sources()).containsExactly("cluster (2)");

        Application selected = f.application(APP.replace("policies: {path: policies}", "policies: {cluster: true, clusterSelector: guard=sync}"));
        assertThat(f.engine.compare(selected, (String) null).policy().violations()).extracting(v -> v.result().policy())
                .containsExactly("cluster-team");

        Application both = f.application(APP.replace("policies: {path: policies}", "policies: {path: policies, cluster: true}"));
        assertThat(f.engine.compare(both, (String) null).policy().violations())
                .as("small-values is in Git (Audit) and in the cluster (Enforce): Git's, at the commit synced, is the one judged")
                .extracting(v -> v.result().policy() + ":" + (v.result().blocks() ? "block" : "warn"))
                .containsExactlyInAnyOrder("require-team:block", "cluster-team:block", "small-values:warn");
    }

    @Test
    void withoutKyvernosCrdsTheClusterHasNoPoliciesToAdd() {
        Application fromCluster = f.application(APP.replace("policies: {path: policies}", "policies: {cluster: true}"));

        Comparison comparison = f.engine.compare(fromCluster, (String) null);

        assertThat(comparison.blockedByPolicy()).isFalse();
        assertThat(comparison.policy().sources()).containsExactly("cluster (Kyverno's CRDs are not installed)");
    }

    /** Kyverno's two policy kinds, as CRDs that keep whatever they are given (the sandbox does not need their schema). */
    private void installKyvernoCrds() {
        for (String[] kind : new String[][] {{"ClusterPolicy", "clusterpolicies", "Cluster"}, {"Policy", "policies", "Namespaced"}}) {
            f.client.resource(f.client.getKubernetesSerialization().unmarshal("""
                    apiVersion: apiextensions.k8s.io/v1
                    kind: CustomResourceDefinition
                    metadata: {name: %2$s.kyverno.io}
                    spec:
                      group: kyverno.io
                      scope: %3$s
                      names: {kind: %1$s, plural: %2$s, listKind: %1$sList, singular: %4$s}
                      versions:
                      - name: v1
                        served: true
                        storage: true
                        schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                    """.formatted(kind[0], kind[1], kind[2], kind[0].toLowerCase()), GenericKubernetesResource.class)).create();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            f.cluster.types().refresh();
            return f.cluster.types().all().stream().anyMatch(t -> t.group().equals("kyverno.io") && t.kind().equals("ClusterPolicy"));
        });
    }
}
