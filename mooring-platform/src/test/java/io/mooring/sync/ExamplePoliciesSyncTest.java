package io.mooring.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.cluster.Retrying;
import io.mooring.config.Application;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;
import io.mooring.secrets.KeyRingStore;
import io.mooring.secrets.SealingKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample platform's policies (examples/platform/policies) at the sync door: the sample
 * Applications (examples/platform/applications) pass them as rendered and placed for their
 * environments, and a pod that breaks them is refused before anything is applied.
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

    /** The sample platform's own Applications (examples/platform/applications), pointed at the test's repository. */
    private List<Application> sampleApplications() throws IOException {
        List<Application> applications = new ArrayList<>();
        try (Stream<Path> files = Files.list(SyncFixture.examples().resolve("applications"))) {
            for (Path file : files.sorted().toList()) {
                for (YamlDocument document : new YamlReader().read(file.toString(), Files.readString(file))) {
                    if (!document.isEmpty() && Application.KIND.equals(document.value().path("kind").asText())) {
                        ObjectNode object = (ObjectNode) document.value();
                        object.with("spec").with("source").put("repoURL", f.repo.url());
                        applications.add(Application.parse(file.toString(), object));
                    }
                }
            }
        }
        return applications;
    }

    @Test
    void theSampleApplicationsPassTheSamplePolicies() throws IOException {
        f.copyExample("secrets");
        f.repo.commit("the sample platform");
        // The dev guestbook's SealedSecret unseals with the public demo key (examples/platform/secrets).
        var demo = new YamlReader().readOne("demo-sealing-key.yaml",
                Files.readString(SyncFixture.examples().resolve("secrets/demo-sealing-key.yaml")));
        new KeyRingStore(f.client, "mooring", Retrying.DEFAULT).importKey(SealingKeys.fromSecret(demo), true);
        List<Application> applications = sampleApplications();
        assertThat(applications).extracting(Application::name).contains("guestbook-dev", "guestbook-prod", "todo-staging", "namespaces");

        long verdicts = 0;
        for (Application app : applications) {
            assertThat(app.spec().policies().path()).as(app.name() + " is guarded by the platform's policies").isEqualTo("policies");
            Comparison comparison = f.engine.compare(app, (String) null);
            assertThat(comparison.policy().report().policyCount()).as(app.name()).isEqualTo(6);
            assertThat(comparison.policy().violations()).as(app.name() + " complies with every sample policy").isEmpty();
            assertThat(comparison.policy().report().results()).as(app.name())
                    .allMatch(r -> r.status().word().equals("pass") || r.status().word().equals("skip"));
            verdicts += comparison.policy().report().results().count();
        }
        assertThat(verdicts).as("the rules selected the apps' workloads and ingresses").isGreaterThan(50);
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
