package io.mooring.sandbox.workloads;

import io.mooring.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The workloads as kubectl sees them; skipped where kubectl is not on the PATH. */
class KubectlTest {
    private static SandboxCluster cluster;

    @BeforeAll
    static void start() {
        assumeTrue(onPath("kubectl"), "kubectl is not on the PATH; skipping the kubectl checks");
        cluster = SandboxCluster.start(SandboxOptions.defaults().withWorkloads(WorkloadOptions.defaults().withStartDelay(Duration.ofSeconds(1))));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private record Result(int exit, String output) {
    }

    private static Result kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", cluster.sandbox().kubeconfig().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("kubectl %s finished", String.join(" ", args)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void rolloutStatusWaitsForTheDeploymentAndGetPodsShowsThemRunning() throws Exception {
        Path manifest = Files.createTempFile("deployment", ".yaml");
        Files.writeString(manifest, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: guestbook, namespace: default}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: guestbook}}
                  template:
                    metadata:
                      labels: {app: guestbook}
                      annotations: {sandbox.mooring.io/start-delay: 5s}
                    spec:
                      containers:
                      - {name: web, image: nginx:1.27, resources: {requests: {cpu: 100m, memory: 64Mi}}}
                """);
        Result applied = kubectl("apply", "--server-side", "-f", manifest.toString());
        assertThat(applied.exit()).as(applied.output()).isZero();

        Result rollout = kubectl("rollout", "status", "deployment/guestbook", "--timeout=60s");
        assertThat(rollout.exit()).as(rollout.output()).isZero();
        assertThat(rollout.output()).as("the pods take 5 seconds to start: kubectl sees the rollout wait")
                .contains("Waiting for deployment \"guestbook\" rollout to finish")
                .contains("deployment \"guestbook\" successfully rolled out");

        Result pods = kubectl("get", "pods", "-l", "app=guestbook");
        assertThat(pods.output().lines().skip(1).toList()).as(pods.output()).hasSize(3)
                .allSatisfy(line -> assertThat(line).contains("1/1").contains("Running"));

        Result history = kubectl("rollout", "history", "deployment/guestbook");
        assertThat(history.output()).as(history.output()).contains("REVISION").containsPattern("(?m)^1\\s");
    }

    @Test
    void topShowsPodAndNodeUsage() throws Exception {
        Result pod = kubectl("run", "probe", "--image=busybox", "--restart=Never", "--dry-run=client", "-o", "yaml");
        Path manifest = Files.createTempFile("pod", ".yaml");
        Files.writeString(manifest, pod.output());
        assertThat(kubectl("apply", "-f", manifest.toString()).exit()).isZero();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Result top = kubectl("top", "pods", "--all-namespaces");
            assertThat(top.exit()).as(top.output()).isZero();
            assertThat(top.output()).contains("CPU(cores)").contains("MEMORY(bytes)");
        });
        Result nodes = kubectl("top", "nodes");
        assertThat(nodes.exit()).as(nodes.output()).isZero();
        assertThat(nodes.output()).contains("sandbox-node-1").contains("CPU(cores)").contains("MEMORY(%)");
    }
}
