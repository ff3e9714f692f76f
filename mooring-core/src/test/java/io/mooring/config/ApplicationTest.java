package io.mooring.config;

import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationTest {
    private static Application parse(String yaml) {
        return Application.parse("app.yaml", new YamlReader().readOne("app.yaml", yaml));
    }

    @Test
    void readsEveryFieldOfAFullApplication() {
        Application app = parse("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: todo-prod, namespace: mooring}
                spec:
                  environment: prod
                  source:
                    repoURL: https://git.example.com/platform.git
                    targetRevision: v1.2.0
                    path: apps/todo-stack
                    helm: {valueFiles: [values-prod.yaml], parameters: [replicas=3], releaseName: todo}
                  destination: {namespace: todo-prod}
                  syncPolicy:
                    automated: {prune: true, selfHeal: true}
                    retry: {limit: 3, backoff: {duration: 500ms, factor: 3, maxDuration: 1m30s}}
                    pruneConfirmThreshold: 25
                  ignoreDifferences:
                  - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}
                """);
        assertThat(app.name()).isEqualTo("todo-prod");
        assertThat(app.spec().source().helm().valueFiles()).containsExactly("values-prod.yaml");
        Application.SyncPolicy policy = app.spec().syncPolicy();
        assertThat(policy.automated() && policy.prune() && policy.selfHeal()).isTrue();
        assertThat(policy.retry().duration()).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.retry().maxDuration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(policy.retry().backoff(3)).as("500ms x 3 x 3").isEqualTo(Duration.ofMillis(4500));
        assertThat(policy.retry().backoff(10)).as("capped at maxDuration").isEqualTo(Duration.ofSeconds(90));
        assertThat(policy.pruneConfirmThreshold()).isEqualTo(25);
        assertThat(app.spec().ignoreDifferences()).singleElement()
                .satisfies(i -> assertThat(i.jsonPointers()).containsExactly("/spec/replicas"));
    }

    @Test
    void manualSyncByDefault() {
        Application app = parse("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: a}
                spec: {source: {repoURL: /repo}}
                """);
        assertThat(app.spec().syncPolicy()).isEqualTo(Application.SyncPolicy.MANUAL);
        assertThat(app.spec().source().path()).isEqualTo(".");
    }

    @Test
    void errorsNameTheObjectAndTheField() {
        assertThatThrownBy(() -> parse("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: a}
                spec: {source: {path: x}}
                """)).isInstanceOf(ManifestException.class).hasMessageContaining("Application a: spec.source.repoURL is required");
        assertThatThrownBy(() -> parse("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: a}
                spec:
                  source: {repoURL: /r}
                  syncPolicy: {retry: {backoff: {duration: soon}}}
                """)).hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> parse("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: a}
                spec:
                  source: {repoURL: /r}
                  ignoreDifferences: [{kind: Deployment, jsonPointers: [spec/replicas]}]
                """)).hasMessageContaining("is not a JSON pointer");
    }

    @Test
    void anotherClusterIsRefusedRatherThanSyncedIntoTheControllersOwn() {
        assertThatThrownBy(() -> parse("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: a}
                spec:
                  source: {repoURL: /r}
                  destination: {server: https://prod.example.com:6443, namespace: web}
                """)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("Application a: spec.destination.server")
                .hasMessageContaining("not supported yet (https://prod.example.com:6443)");
        assertThat(parse("""
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: a}
                spec:
                  source: {repoURL: /r}
                  destination: {server: https://kubernetes.default.svc, namespace: web}
                """).spec().destination().namespace()).as("Argo CD's in-cluster address is the controller's cluster").isEqualTo("web");
    }

    @Test
    void crdsShipWithTheCodeAndDeclareBothKinds() throws IOException {
        for (String file : List.of("applications.mooring.io.yaml", "environments.mooring.io.yaml")) {
            try (InputStream in = Application.class.getResourceAsStream("crds/" + file)) {
                assertThat(in).as(file + " is on the classpath").isNotNull();
                var crd = new YamlReader().readOne(file, new String(in.readAllBytes()));
                assertThat(crd.path("spec").path("group").asText()).isEqualTo("mooring.io");
                assertThat(crd.path("spec").path("versions").get(0).path("name").asText()).isEqualTo("v1alpha1");
            }
        }
    }

    @Test
    void environmentReadsItsOrder() {
        Environment env = Environment.parse("env.yaml", new YamlReader().readOne("env.yaml", """
                apiVersion: mooring.io/v1alpha1
                kind: Environment
                metadata: {name: staging}
                spec: {order: 2, promotesTo: prod}
                """));
        assertThat(env).isEqualTo(new Environment("staging", "", 2, "prod"));
    }

    @Test
    void policiesComeFromAPathOfItsOwnRepositoryAnotherRepositoryOrTheCluster() {
        String head = """
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: a}
                spec:
                  source: {repoURL: /r}
                """;
        assertThat(parse(head).spec().policies()).as("no policies unless asked").isEqualTo(Application.Policies.NONE);
        assertThat(parse(head).spec().policies().any()).isFalse();
        assertThat(parse(head + "  policies: {path: policies}\n").spec().policies())
                .isEqualTo(new Application.Policies("", "", "policies", false, ""));
        Application.Policies both = parse(head + """
                  policies:
                    repoURL: https://git.example.com/policies.git
                    targetRevision: v2
                    path: kyverno
                    cluster: true
                    clusterSelector: mooring.io/guard=true
                """).spec().policies();
        assertThat(both).isEqualTo(new Application.Policies("https://git.example.com/policies.git", "v2", "kyverno", true,
                "mooring.io/guard=true"));
        assertThat(parse(head + "  policies: {cluster: true}\n").spec().policies().any()).isTrue();
    }

    @Test
    void policiesThatNameNothingOrMixFieldsWronglyAreRefusedNamingTheField() {
        String head = """
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: a}
                spec:
                  source: {repoURL: /r}
                """;
        assertThatThrownBy(() -> parse(head + "  policies: {}\n")).hasMessageContaining("Application a: spec.policies names no policies");
        assertThatThrownBy(() -> parse(head + "  policies: {repoURL: /p}\n")).hasMessageContaining("spec.policies.path is required");
        assertThatThrownBy(() -> parse(head + "  policies: {path: p, targetRevision: main}\n"))
                .hasMessageContaining("spec.policies.targetRevision needs spec.policies.repoURL");
        assertThatThrownBy(() -> parse(head + "  policies: {path: p, clusterSelector: a=b}\n"))
                .hasMessageContaining("spec.policies.clusterSelector needs spec.policies.cluster: true");
        assertThatThrownBy(() -> parse(head + "  policies: {cluster: yes-please}\n")).hasMessageContaining("spec.policies.cluster must be true or false");
        assertThatThrownBy(() -> parse(head + "  policies: {cluster: true, clusterSelector: 'a in (b'}\n"))
                .hasMessageContaining("spec.policies.clusterSelector is not a label selector");
        assertThatThrownBy(() -> parse(head + "  policies: policies\n")).hasMessageContaining("spec.policies must be an object");
    }
}
