package io.mooring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyCommandTest {
    private static final Path PLATFORM = CliRun.repositoryRoot().resolve("examples/platform");
    private static final Path POLICIES = PLATFORM.resolve("policies");
    private static final String DEBUG_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: debug
              namespace: guestbook-dev
            spec:
              containers:
                - name: shell
                  image: docker.io/library/busybox:latest
                  resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 100m, memory: 64Mi}}
              volumes:
                - name: host
                  hostPath: {path: /etc}
            """;

    @TempDir
    Path dir;

    @Test
    void theExampleAppsComplyWithTheExamplePolicies() {
        CliRun run = CliRun.of("policy", "check", "--policies", POLICIES.toString(),
                PLATFORM.resolve("apps/guestbook/overlays/dev").toString(), PLATFORM.resolve("apps/guestbook/overlays/staging").toString(),
                PLATFORM.resolve("apps/guestbook/overlays/prod").toString(), PLATFORM.resolve("apps/todo-stack").toString(),
                PLATFORM.resolve("apps/namespaces").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).contains("0 fail, 0 error").contains("0 blocking, 0 warnings");
    }

    @Test
    void aNonCompliantPodIsRefusedWithEveryRuleItBreaks() throws IOException {
        Files.writeString(dir.resolve("pod.yaml"), DEBUG_POD);

        CliRun run = CliRun.of("policy", "check", "--policies", POLICIES.toString(), dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).as(run.toString())
                .contains("disallow-host-path", "no-host-path-volumes", "hostPath volumes are not allowed")
                .contains("disallow-latest-tag", "disallow-latest")
                .contains("restrict-image-registries", "require-app-name-label")
                .contains("Pod/guestbook-dev/debug", "pod.yaml:1")
                .contains("4 blocking");
    }

    @Test
    void auditFailuresAreWarningsThatDoNotFailTheCheck() throws IOException {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("audit.yaml"), """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: audit-host-path}
                spec:
                  validationFailureAction: Audit
                  rules:
                    - name: host-path
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate: {pattern: {spec: {=(volumes): [{X(hostPath): "null"}]}}}
                """);
        Path apps = Files.createDirectories(dir.resolve("apps"));
        Files.writeString(apps.resolve("pod.yaml"), DEBUG_POD);

        CliRun run = CliRun.of("policy", "check", "--policies", policies.toString(), apps.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("fail     warn     audit-host-path").contains("0 blocking, 1 warnings");
    }

    @Test
    void writesJUnitXmlForCiSystems() throws Exception {
        Files.writeString(dir.resolve("pod.yaml"), DEBUG_POD);

        CliRun run = CliRun.of("policy", "check", "--policies", POLICIES.toString(), dir.toString(), "-o", "junit");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("testsuites");
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("4");
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(4);
    }

    @Test
    void writesEveryVerdictAsJson() throws IOException {
        Files.writeString(dir.resolve("pod.yaml"), DEBUG_POD);

        CliRun run = CliRun.of("policy", "check", "--policies", POLICIES.toString(), dir.toString(), "-o", "json");

        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("summary").path("blocking").asInt()).isEqualTo(4);
        assertThat(report.path("results")).anySatisfy(r -> {
            assertThat(r.path("policy").asText()).isEqualTo("disallow-host-path");
            assertThat(r.path("result").asText()).isEqualTo("fail");
            assertThat(r.path("action").asText()).isEqualTo("Enforce");
        });
    }

    @Test
    void aPolicyMooringCannotEvaluateIsAnErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve("mutate.yaml"), """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: add-labels}
                spec:
                  rules:
                    - name: add
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      mutate: {patchStrategicMerge: {metadata: {labels: {a: b}}}}
                """);

        CliRun run = CliRun.of("policy", "check", "--policies", dir.toString(), PLATFORM.resolve("apps/namespaces").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: ").contains("mutate.yaml").contains("ClusterPolicy add-labels, rule add: is a mutate rule");
    }

    @Test
    void runsKyvernoTestFilesAndFailsOnAMismatch() throws IOException {
        Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: no-latest}
                spec:
                  rules:
                    - name: tag
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      validate: {pattern: {spec: {containers: [{image: "!*:latest"}]}}}
                """);
        Files.writeString(dir.resolve("resource.yaml"), DEBUG_POD);
        String test = """
                apiVersion: cli.kyverno.io/v1alpha1
                kind: Test
                metadata: {name: no-latest}
                policies: [policy.yaml]
                resources: [resource.yaml]
                results:
                  - {policy: no-latest, rule: tag, kind: Pod, resources: [debug], result: %s}
                """;
        Files.writeString(dir.resolve("kyverno-test.yaml"), test.formatted("fail"));

        CliRun passing = CliRun.of("policy", "test", dir.toString());
        assertThat(passing.exitCode()).as(passing.toString()).isZero();
        assertThat(passing.out()).isEqualTo("1 passed, 0 failed in 1 test file\n");

        Files.writeString(dir.resolve("kyverno-test.yaml"), test.formatted("pass"));
        CliRun failing = CliRun.of("policy", "test", dir.toString());
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.out()).contains("FAIL ").contains("no-latest/tag Pod/debug: want pass, got fail").endsWith("0 passed, 1 failed in 1 test file\n");
    }

    @Test
    void runsTheSharedKyvernoCorpusWhenItIsThere() {
        Path cases = CliRun.repositoryRoot().resolveSibling("shared").resolve("compat/kyverno/cases");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(cases), "skipped: ../shared/compat/kyverno/cases is not present");

        CliRun run = CliRun.of("policy", "test", cases.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains(" 0 failed").contains("in 117 test files");
    }
}
