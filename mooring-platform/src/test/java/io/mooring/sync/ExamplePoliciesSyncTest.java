package io.mooring.sync;

import io.mooring.config.Application;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample platform's policies (examples/platform/policies) at the sync door: the sample apps
 * pass them as rendered and placed for their environments, and a pod that breaks them is refused
 * before anything is applied.
 */
class ExamplePoliciesSyncTest {
    private static final String APP = """
            apiVersion: mooring.io/v1alpha1
            kind: Application
            metadata: {name: %s, namespace: mooring}
            spec:
              source:
                repoURL: '%%s'
                targetRevision: main
                path: %s
                helm: {valueFiles: [%s], releaseName: todo}
              destination: {namespace: %s}
              policies: {path: policies}
            """;

    @TempDir
    Path temp;
    SyncFixture f;

    @BeforeEach
    void setUp() {
        f = new SyncFixture(temp);
        f.copyExample("apps");
        f.copyExample("policies");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Application app(String name, String path, String values, String namespace) {
        return f.application(APP.formatted(name, path, values, namespace));
    }

    @Test
    void theSampleAppsPassTheSamplePolicies() {
        f.repo.commit("the sample platform");
        for (Application app : new Application[] {
                app("guestbook-staging", "apps/guestbook/overlays/staging", "", "guestbook-staging"),
                app("guestbook-prod", "apps/guestbook/overlays/prod", "", "guestbook-prod"),
                app("todo-prod", "apps/todo-stack", "values-prod.yaml", "todo-prod")}) {
            Comparison comparison = f.engine.compare(app, (String) null);
            assertThat(comparison.policy().report().policyCount()).as(app.name()).isEqualTo(6);
            assertThat(comparison.policy().violations()).as(app.name() + " complies with every sample policy").isEmpty();
            assertThat(comparison.policy().report().results()).as(app.name() + ": some rule selected something")
                    .isNotEmpty().allMatch(r -> r.status().word().equals("pass") || r.status().word().equals("skip"));
        }
    }

    @Test
    void aPodThatBreaksThemIsRefusedAtTheSyncDoor() {
        f.repo.write("apps/debug/pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: debug}
                spec:
                  containers:
                  - {name: shell, image: 'docker.io/library/busybox:latest'}
                  volumes:
                  - {name: node, hostPath: {path: /}}
                """).write("apps/debug/ingress.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: debug}
                spec:
                  ingressClassName: traefik
                  rules: [{host: debug.example.com}]
                """).commit("a debug pod");
        Application debug = app("debug", "apps/debug", "", "guestbook-prod");

        SyncResult result = f.engine.sync(debug, new SyncOptions(null, false, false, false, Duration.ofSeconds(5), e -> { }));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.applied()).isEmpty();
        assertThat(f.client.pods().inNamespace("guestbook-prod").withName("debug").get()).isNull();
        Comparison comparison = f.engine.compare(debug, (String) null);
        assertThat(comparison.policy().violations()).as("every sample policy the objects break")
                .extracting(v -> v.result().policy() + "/" + v.result().rule())
                .containsExactlyInAnyOrder("require-app-name-label/app-name-label", "disallow-latest-tag/disallow-latest",
                        "disallow-host-path/no-host-path-volumes", "restrict-image-registries/allowed-registries",
                        "require-requests-limits/containers-set-requests-and-limits", "restrict-ingress-classes/allowed-ingress-class");
        assertThat(comparison.policy().violations()).allMatch(v -> v.result().blocks(), "all sample policies are Enforce");
    }
}
