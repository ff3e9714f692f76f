package io.mooring.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.app.Applications;
import io.mooring.cluster.Retrying;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.junit.SandboxTest;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mooring app sync} refused by the Application's policies, and {@code mooring app get} showing why. */
@SandboxTest
class AppPolicyCommandsTest {
    @TempDir
    Path temp;

    @Test
    void aBlockedSyncPrintsTheViolationsAndAppGetShowsThem(Sandbox sandbox, KubernetesClient client) throws Exception {
        Path repo = temp.resolve("platform");
        Files.createDirectories(repo.resolve("apps/shop"));
        Files.createDirectories(repo.resolve("policies"));
        Files.writeString(repo.resolve("apps/shop/config.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config}\ndata: {a: b}\n");
        Files.writeString(repo.resolve("policies/require-team.yaml"), """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: require-team}
                spec:
                  validationFailureAction: Enforce
                  rules:
                  - name: team-label
                    match: {any: [{resources: {kinds: [ConfigMap]}}]}
                    validate: {message: "ConfigMaps need a team label.", pattern: {metadata: {labels: {team: "?*"}}}}
                """);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("shop").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();
        }
        new Applications(client, Retrying.DEFAULT).installCrds();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("mooring").endMetadata().build()).serverSideApply();
        new Applications(client, Retrying.DEFAULT).awaitServed(java.time.Duration.ofSeconds(30));
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: shop, namespace: mooring}
                spec:
                  source: {repoURL: '%s', targetRevision: main, path: apps/shop}
                  destination: {namespace: default}
                  policies: {path: policies}
                """.formatted(repo.toUri()), GenericKubernetesResource.class)).create();
        String kubeconfig = sandbox.kubeconfig().toString();

        CliRun sync = CliRun.of("app", "sync", "shop", "--kubeconfig", kubeconfig);

        assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(1);
        assertThat(sync.out()).contains("blocked by require-team/team-label on ConfigMap/default/config (apps/shop/config.yaml:1)")
                .contains("Sync failed for shop").contains("blocked by policy, nothing applied");
        assertThat(client.configMaps().inNamespace("default").withName("config").get()).isNull();

        CliRun get = CliRun.of("app", "get", "shop", "--kubeconfig", kubeconfig);

        assertThat(get.exitCode()).as(get.toString()).isZero();
        assertThat(get.out()).containsPattern("Policies: +Blocked: 1 policies \\(policies at [0-9a-f]{7}\\) on 1 objects, 1 blocking, 0 warnings")
                .containsPattern("block +require-team +team-label +ConfigMap/default/config +apps/shop/config.yaml:1 +validation error: ConfigMaps need a team label")
                .contains("Condition:    PolicyViolation: 1 Enforce violation");
    }
}
