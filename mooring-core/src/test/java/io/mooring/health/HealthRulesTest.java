package io.mooring.health;

import io.mooring.resource.YamlReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HealthRulesTest {
    private static Optional<Health> assess(String yaml) {
        return HealthRules.assess(new YamlReader().readOne("test.yaml", yaml));
    }

    private static HealthStatus status(String yaml) {
        return assess(yaml).orElseThrow().status();
    }

    @Test
    void deploymentRollingOutIsProgressingWithKubectlsMessage() {
        Health health = assess("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, generation: 2}
                spec: {replicas: 3}
                status: {observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 1}
                """).orElseThrow();
        assertThat(health.status()).isEqualTo(HealthStatus.PROGRESSING);
        assertThat(health.message()).isEqualTo("Waiting for rollout to finish: 1 out of 3 new replicas have been updated...");
    }

    @ParameterizedTest(name = "deployment {0}")
    @CsvSource(delimiter = '|', value = {
            "healthy       | 3 | 2 | 2 | 3 | 3 | 3 | false | ''                      | HEALTHY",
            "unobserved    | 3 | 3 | 2 | 3 | 3 | 3 | false | ''                      | PROGRESSING",
            "paused        | 3 | 2 | 2 | 3 | 3 | 3 | true  | ''                      | SUSPENDED",
            "old pods      | 3 | 2 | 2 | 4 | 3 | 3 | false | ''                      | PROGRESSING",
            "unavailable   | 3 | 2 | 2 | 3 | 3 | 2 | false | ''                      | PROGRESSING",
            "stuck         | 3 | 2 | 2 | 3 | 1 | 1 | false | ProgressDeadlineExceeded | DEGRADED"})
    void deploymentRules(String name, int want, int generation, int observed, int replicas, int updated, int available,
                         boolean paused, String reason, HealthStatus expected) {
        assertThat(status("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, generation: %d}
                spec: {replicas: %d, paused: %s}
                status:
                  observedGeneration: %d
                  replicas: %d
                  updatedReplicas: %d
                  availableReplicas: %d
                  conditions: [{type: Progressing, status: "False", reason: "%s"}]
                """.formatted(generation, want, paused, observed, replicas, updated, available, reason)))
                .as(name).isEqualTo(expected);
    }

    @Test
    void crashLoopingPodIsDegradedAndReadyPodHealthy() {
        assertThat(status("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec: {restartPolicy: Always}
                status:
                  phase: Running
                  containerStatuses: [{name: c, ready: false, state: {waiting: {reason: CrashLoopBackOff, message: back-off}}}]
                """)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(status("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec: {restartPolicy: Always}
                status: {phase: Running, conditions: [{type: Ready, status: "True"}]}
                """)).isEqualTo(HealthStatus.HEALTHY);
        assertThat(status("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec: {restartPolicy: Always}
                status: {phase: Running, conditions: [{type: Ready, status: "False"}]}
                """)).as("running but not ready yet").isEqualTo(HealthStatus.PROGRESSING);
    }

    @Test
    void failedPodSaysWhichContainerFailed() {
        Health health = assess("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec: {restartPolicy: Never}
                status:
                  phase: Failed
                  containerStatuses: [{name: main, state: {terminated: {exitCode: 3}}}]
                """).orElseThrow();
        assertThat(health).isEqualTo(Health.degraded("container \"main\" failed with exit code 3"));
    }

    @Test
    void statefulSetWaitsForReadyPods() {
        assertThat(assess("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, generation: 1}
                spec: {replicas: 3}
                status: {observedGeneration: 1, readyReplicas: 1}
                """).orElseThrow()).isEqualTo(Health.progressing("Waiting for 2 pods to be ready..."));
    }

    @Test
    void jobAndCronJobAndClaimAndLoadBalancer() {
        assertThat(status("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                status: {conditions: [{type: Failed, status: "True", message: BackoffLimitExceeded}]}
                """)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(status("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: c}
                spec: {suspend: true}
                """)).isEqualTo(HealthStatus.SUSPENDED);
        assertThat(status("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data}
                status: {phase: Pending}
                """)).isEqualTo(HealthStatus.PROGRESSING);
        assertThat(status("""
                apiVersion: v1
                kind: Service
                metadata: {name: lb}
                spec: {type: LoadBalancer}
                status: {loadBalancer: {ingress: [{ip: 203.0.113.10}]}}
                """)).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void customResourceIsJudgedByItsReadyCondition() {
        assertThat(status("""
                apiVersion: example.io/v1
                kind: Database
                metadata: {name: d}
                status: {conditions: [{type: Ready, status: "False"}, {type: Stalled, status: "True", message: quota}]}
                """)).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void kindsWithoutHealthDoNotCountAndDeletingObjectsProgress() {
        assertThat(assess("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")).isEmpty();
        assertThat(status("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, deletionTimestamp: '2026-01-01T00:00:00Z'}\n"))
                .isEqualTo(HealthStatus.PROGRESSING);
    }

    @Test
    void worstWinsInArgoOrder() {
        assertThat(HealthStatus.worst(HealthStatus.PROGRESSING, HealthStatus.SUSPENDED)).isEqualTo(HealthStatus.PROGRESSING);
        assertThat(HealthStatus.worst(HealthStatus.MISSING, HealthStatus.DEGRADED)).isEqualTo(HealthStatus.DEGRADED);
    }
}
