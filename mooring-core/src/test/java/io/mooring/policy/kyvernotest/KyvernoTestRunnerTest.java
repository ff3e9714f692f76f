package io.mooring.policy.kyvernotest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class KyvernoTestRunnerTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void comparesEveryExpectedLineAndAppliesValuesAndTheDefaultNamespace() throws IOException {
        write("policy.yaml", """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: labels}
                spec:
                  rules:
                    - name: app
                      match: {any: [{resources: {kinds: [Pod]}}]}
                      preconditions:
                        all: [{key: "{{ request.operation }}", operator: Equals, value: CREATE}]
                      validate: {pattern: {metadata: {labels: {app: "?*"}}}}
                """);
        write(".kyverno-test/resources.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: good, labels: {app: web}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: bad}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: updated}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: other}
                """);
        write(".kyverno-test/values.yaml", """
                apiVersion: cli.kyverno.io/v1alpha1
                kind: Values
                policies:
                  - name: labels
                    resources:
                      - {name: updated, values: {request.operation: UPDATE}}
                """);
        write(".kyverno-test/kyverno-test.yaml", """
                apiVersion: cli.kyverno.io/v1alpha1
                kind: Test
                metadata: {name: labels}
                policies: [../policy.yaml]
                resources: [resources.yaml]
                variables: values.yaml
                results:
                  - {policy: labels, rule: app, kind: Pod, resources: [good], result: pass}
                  - {policy: labels, rule: app, kind: Pod, resources: [default/bad], result: pass}
                  - {policy: labels, rule: app, kind: Pod, resources: [updated], result: skip}
                  - {policy: labels, rule: app, kind: Service, resources: [other], result: fail}
                """);

        TestReport report = KyvernoTestRunner.run(KyvernoTestLoader.load(KyvernoTestLoader.find(dir).getFirst()), Instant.EPOCH);

        assertThat(report.lines()).extracting(TestReport.Line::resource, TestReport.Line::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("good", TestReport.Outcome.PASSED),
                org.assertj.core.groups.Tuple.tuple("default/bad", TestReport.Outcome.FAILED),
                org.assertj.core.groups.Tuple.tuple("updated", TestReport.Outcome.PASSED),
                org.assertj.core.groups.Tuple.tuple("other", TestReport.Outcome.EXCLUDED));
        assertThat(report.lines().get(1).describe()).isEqualTo("labels/app Pod/default/bad: want pass, got fail "
                + "(validation error: rule app failed at path /metadata/labels/)");
    }
}
