package io.mooring.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.app.Applications;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.Kube;
import io.mooring.cluster.ResourceTypes;
import io.mooring.cluster.Retrying;
import io.mooring.git.GitRepositories;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import io.mooring.sync.Renderings;
import io.mooring.testing.GitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The controller against the sandbox: Applications as custom resources, a real Git repository,
 * automated sync, self-heal, prune, history and events.
 */
class ApplicationControllerTest {
    @TempDir
    Path temp;
    Sandbox sandbox;
    KubernetesClient client;
    Applications applications;
    ApplicationController controller;
    GitRepo repo;
    String initial;

    @BeforeEach
    void setUp() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        client = Kube.connect(sandbox.kubeconfig(), null, null);
        ClusterClient cluster = new ClusterClient(client, new ResourceTypes(client), new Retrying(4, Duration.ofMillis(20)));
        applications = new Applications(client, Retrying.DEFAULT);
        controller = new ApplicationController(cluster, applications, new Renderings(new GitRepositories(temp.resolve("cache"))),
                ControllerSettings.defaults().withPollInterval(Duration.ofHours(1)).withWorkers(4));
        repo = new GitRepo(temp.resolve("platform"));
        initial = repo.write("apps/web/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n")
                .write("apps/web/config.yaml", configMap("config", "1"))
                .write("apps/web/extra.yaml", configMap("extra", "x"))
                .commit("web");
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("mooring")
                .endMetadata().build()).create();
        controller.start();
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: web, namespace: mooring}
                spec:
                  source: {repoURL: '%s', targetRevision: main, path: apps/web}
                  destination: {namespace: web}
                  syncPolicy: {automated: {prune: true, selfHeal: true}}
                """.formatted(repo.url()), GenericKubernetesResource.class)).create();
    }

    @AfterEach
    void tearDown() {
        controller.close();
        client.close();
        repo.close();
        sandbox.close();
    }

    private static String configMap(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  value: '" + value + "'\n";
    }

    private JsonNode status() {
        return applications.get("mooring", "web").orElseThrow().path("status");
    }

    private void awaitSyncedAt(String sha) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = status();
            assertThat(status.path("sync").path("status").asText()).as(status::toString).isEqualTo("Synced");
            assertThat(status.path("sync").path("revision").asText()).isEqualTo(sha);
        });
    }

    @Test
    void syncsCommitsHealsDriftPrunesAndKeepsHistory() {
        String first = repo.commit("nothing new");
        applications.requestRefresh("mooring", "web");
        awaitSyncedAt(first);
        assertThat(client.configMaps().inNamespace("web").withName("config").get().getData()).containsEntry("value", "1");
        assertThat(status().path("health").path("status").asText()).isEqualTo("Healthy");

        String second = repo.write("apps/web/config.yaml", configMap("config", "2")).commit("config 2");
        applications.requestRefresh("mooring", "web");
        awaitSyncedAt(second);
        assertThat(client.configMaps().inNamespace("web").withName("config").get().getData()).containsEntry("value", "2");

        client.configMaps().inNamespace("web").withName("config").edit(c -> {
            c.getData().put("value", "edited by hand");
            return c;
        });
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "2".equals(client.configMaps().inNamespace("web").withName("config").get().getData().get("value")));
        client.configMaps().inNamespace("web").withName("extra").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.configMaps().inNamespace("web").withName("extra").get() != null);

        String third = repo.delete("apps/web/extra.yaml").commit("no extra");
        applications.requestRefresh("mooring", "web");
        awaitSyncedAt(third);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.configMaps().inNamespace("web").withName("extra").get() == null);

        List<JsonNode> history = io.mooring.app.ApplicationStatus.history(status());
        // The objects came with the first sync, at the initial commit or (when the controller saw the Application only
        // later) at the empty commit after it; the history records syncs that changed something.
        assertThat(history).extracting(h -> h.path("revision").asText()).contains(second, third).containsAnyOf(initial, first);
        assertThat(history.getLast().path("message").asText()).isEqualTo("no extra");
        assertThat(history.getLast().path("pruned").asInt()).isEqualTo(1);
        assertThat(client.v1().events().inNamespace("mooring").list().getItems())
                .extracting(e -> e.getReason()).contains("SyncSucceeded");
    }

    @Test
    void aBrokenCommitIsAConditionAndTheLastGoodStateStays() {
        String good = repo.commit("good");
        applications.requestRefresh("mooring", "web");
        awaitSyncedAt(good);
        repo.write("apps/web/config.yaml", "kind: [\n").commit("broken");
        applications.requestRefresh("mooring", "web");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = status();
            assertThat(status.path("sync").path("status").asText()).isEqualTo("Unknown");
            assertThat(status.path("conditions").toString()).contains("SourceError").contains("apps/web/config.yaml");
        });
        assertThat(client.configMaps().inNamespace("web").withName("config").get()).isNotNull();
        assertThat(client.configMaps().inNamespace("web").withName("extra").get()).isNotNull();
    }

    @Test
    void anEnforceViolationIsRecordedWithAnEventAndNothingSyncsUntilACommitFixesIt() {
        String good = repo.commit("good");
        applications.requestRefresh("mooring", "web");
        awaitSyncedAt(good);
        repo.write("policies/require-team.yaml", """
                        apiVersion: kyverno.io/v1
                        kind: ClusterPolicy
                        metadata: {name: require-team}
                        spec:
                          validationFailureAction: Enforce
                          rules:
                          - name: team-label
                            match: {any: [{resources: {kinds: [ConfigMap]}}]}
                            validate: {message: "ConfigMaps need a team label.", pattern: {metadata: {labels: {team: "?*"}}}}
                        """)
                .write("apps/web/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config\n  labels: {team: web}\ndata: {value: '3'}\n")
                .write("apps/web/extra.yaml", configMap("extra", "changed"))
                .commit("policies, and an unlabelled ConfigMap");
        applications.resources().inNamespace("mooring").withName("web").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"spec\":{\"policies\":{\"path\":\"policies\"}}}");
        applications.requestRefresh("mooring", "web");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = status();
            assertThat(status.path("policy").path("result").asText()).as(status::toString).isEqualTo("Blocked");
            assertThat(status.path("conditions").toString()).contains("PolicyViolation").contains("require-team/team-label on ConfigMap/web/extra");
        });
        assertThat(client.configMaps().inNamespace("web").withName("config").get().getData())
                .as("the compliant change is not applied either").containsEntry("value", "1");
        assertThat(status().path("sync").path("status").asText()).isEqualTo("OutOfSync");
        assertThat(client.v1().events().inNamespace("mooring").list().getItems()).filteredOn(e -> e.getReason().equals("PolicyViolation"))
                .singleElement().satisfies(e -> assertThat(e.getMessage()).contains("ConfigMaps need a team label"));
        assertThat(client.v1().events().inNamespace("mooring").list().getItems()).extracting(e -> e.getReason())
                .as("a blocked revision is not tried").doesNotContain("SyncFailed");

        String fixed = repo.write("apps/web/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  labels: {team: web}\n")
                .commit("labelled");
        applications.requestRefresh("mooring", "web");
        awaitSyncedAt(fixed);
        assertThat(client.configMaps().inNamespace("web").withName("config").get().getData()).containsEntry("value", "3");
        assertThat(status().path("policy").path("result").asText()).isEqualTo("Passed");
        assertThat(status().path("conditions").toString()).doesNotContain("PolicyViolation");
    }

    @Test
    void aSyncThatFailsUntilAnotherApplicationMadeItsNamespaceSucceedsOnRetryAndNoStaleErrorStays() {
        repo.write("apps/late/config.yaml", configMap("late", "1")).commit("late");
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: late, namespace: mooring}
                spec:
                  source: {repoURL: '%s', targetRevision: main, path: apps/late}
                  destination: {namespace: later}
                  syncPolicy: {automated: {}, retry: {limit: 10, backoff: {duration: 1s, factor: 1}}}
                """.formatted(repo.url()), GenericKubernetesResource.class)).create();
        // The repository was resolved for the other Application, maybe before the commit above: fetch again.
        applications.requestRefresh("mooring", "late");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(late().path("conditions").toString())
                .as("the first attempts fail: the namespace does not exist").contains("SyncError", "later"));

        // What the namespaces Application of a platform does a moment later.
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("later")
                .endMetadata().build()).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = late();
            assertThat(status.path("sync").path("status").asText()).as(status::toString).isEqualTo("Synced");
            assertThat(status.path("operationState").path("phase").asText()).as(status::toString).isEqualTo("Succeeded");
            assertThat(status.has("conditions")).as("no error of the failed attempts is left: %s", status).isFalse();
            assertThat(io.mooring.app.ApplicationStatus.history(status)).extracting(h -> h.path("result").asText())
                    .as("the failure and the success are both recorded").contains("Failed", "Succeeded");
        });
        assertThat(client.configMaps().inNamespace("later").withName("late").get()).isNotNull();
    }

    private JsonNode late() {
        return applications.get("mooring", "late").orElseThrow().path("status");
    }
}
