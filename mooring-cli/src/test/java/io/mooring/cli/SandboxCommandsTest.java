package io.mooring.cli;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.mooring.cli.sandbox.SandboxDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mooring sandbox start|status|stop} and {@code mooring up} with the real background JVM
 * they start: slower than the other CLI tests (a JVM per start), so they are few.
 */
class SandboxCommandsTest {
    private static final Pattern PID = Pattern.compile("\\(pid (\\d+)\\)");

    @TempDir
    Path state;

    @AfterEach
    void stopWhatStillRuns() {
        CliRun.of("sandbox", "stop", "--state", state.toString());
    }

    @Test
    void startRunsInTheBackgroundStatusReportsItAndStopKeepsTheObjectsForTheNextStart() throws Exception {
        CliRun start = CliRun.of("sandbox", "start", "--state", state.toString(), "--nodes", "2");

        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(start.out()).as(start.toString()).contains("Started the sandbox in the background",
                "kubeconfig: " + state.resolve("kubeconfig"), "export KUBECONFIG=" + state.resolve("kubeconfig"),
                "kept in " + state.resolve("objects.json"), "mooring sandbox stop --state " + state);
        try (KubernetesClient client = client(state.resolve("kubeconfig"))) {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("kept").endMetadata().addToData("color", "blue").build()).create();
        }

        CliRun again = CliRun.of("sandbox", "start", "--state", state.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).as("a second start finds the first").contains("already runs").contains(pidOf(start));
        CliRun foreground = CliRun.of("sandbox", "start", "--foreground", "--state", state.toString());
        assertThat(foreground.exitCode()).as(foreground.toString()).isEqualTo(1);
        assertThat(foreground.err()).startsWith("error: a sandbox already runs in " + state)
                .contains("stop it first: mooring sandbox stop --state " + state);

        CliRun status = CliRun.of("sandbox", "status", "--state", state.toString());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).as(status.toString()).contains("The sandbox runs (up ", pidOf(start))
                .containsPattern("holds: +\\d+ objects: 4 namespaces, \\d+ nodes, \\d+ pods \\(\\d+ ready\\)");

        CliRun stop = CliRun.of("sandbox", "stop", "--state", state.toString());
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).contains("Stopped the sandbox", "Its objects are saved in " + state.resolve("objects.json"));
        assertThat(state.resolve("sandbox.json")).as("a clean stop removes the record").doesNotExist();

        CliRun stopped = CliRun.of("sandbox", "status", "--state", state.toString());
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.out()).startsWith("No sandbox runs in " + state);

        CliRun restart = CliRun.of("sandbox", "start", "--state", state.toString());
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        try (KubernetesClient client = client(state.resolve("kubeconfig"))) {
            assertThat(client.configMaps().inNamespace("default").withName("kept").get().getData())
                    .as("the object created before the restart").containsEntry("color", "blue");
        }

        ProcessHandle process = ProcessHandle.of(Long.parseLong(pidOf(restart).replaceAll("\\D", ""))).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        CliRun killed = CliRun.of("sandbox", "status", "--state", state.toString());
        assertThat(killed.exitCode()).as(killed.toString()).isEqualTo(1);
        assertThat(killed.out()).as("a kill -9 is told apart from a clean stop").contains("ended without stopping");
        assertThat(state.resolve("sandbox.json")).as("the stale record is removed").doesNotExist();
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        CliRun start = CliRun.of("sandbox", "start", "--port", "70000", "--state", state.toString());

        assertThat(start.exitCode()).as(start.toString()).isEqualTo(2);
        assertThat(start.err()).startsWith("error: --port takes 0 (a free port) to 65535, not 70000")
                .contains("See 'mooring sandbox start --help' for usage.");
    }

    @Test
    void stoppingWhenNoneRunsIsNotAnError() {
        CliRun stop = CliRun.of("sandbox", "stop", "--state", state.toString());

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).startsWith("No sandbox runs in " + state);
    }

    @Test
    void upStartsTheSandboxInTheBackgroundThenUsesIt() throws IOException {
        Path repo = state.resolve("repo");
        Files.createDirectories(repo.resolve("apps/config"));
        Files.createDirectories(repo.resolve("applications"));
        Files.writeString(repo.resolve("apps/config/settings.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        Files.writeString(repo.resolve("applications/config.yaml"), """
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: config}
                spec:
                  source: {repoURL: https://git.example.com/platform.git, path: apps/config}
                  destination: {namespace: default}
                  syncPolicy: {automated: {}}
                """);
        Path sandboxState = state.resolve("sandbox");
        String[] up = {"up", "--repo", repo.toString(), "--state", sandboxState.toString(), "--exit-when-synced", "--timeout", "2m"};

        CliRun first = CliRun.of(up);
        CliRun second = CliRun.of(up);
        CliRun.of("sandbox", "stop", "--state", sandboxState.toString());

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).as(first.toString()).contains("Starting the sandbox in the background")
                .containsPattern("config +Synced +Healthy")
                .contains("export KUBECONFIG=" + sandboxState.resolve("kubeconfig"), "mooring sandbox stop --state " + sandboxState);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).as(second.toString()).contains("Using the sandbox that runs in " + sandboxState)
                .contains(pidOf(first));
    }

    @Test
    void withoutStateTheFilesGoToTheNamedDirectoryAndTheObjectsAreInMemoryOnly() throws Exception {
        Path dir = state.resolve("in-memory");

        Run start = mooring(dir, "sandbox", "start");
        // stop finds a sandbox by its directory, whichever way that was named.
        CliRun stop = CliRun.of("sandbox", "stop", "--state", dir.toString());

        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(start.out()).as(start.toString()).contains("export KUBECONFIG=" + dir.resolve("kubeconfig"), "in memory only");
        assertThat(stop.out()).as(stop.toString()).contains("Its objects were in memory only and are gone.");
        assertThat(dir.resolve("objects.json")).doesNotExist();
    }

    /** The CLI as its own process, with {@code MOORING_SANDBOX_DIR} set: the environment cannot be changed in-process. */
    private static Run mooring(Path sandboxDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.mooring.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(SandboxDirectory.ENVIRONMENT, sandboxDir.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS)).as("mooring " + String.join(" ", args)).isTrue();
        return new Run(process.exitValue(), out);
    }

    private record Run(int exitCode, String out) {
    }

    private static String pidOf(CliRun run) {
        Matcher matcher = PID.matcher(run.out());
        assertThat(matcher.find()).as("a pid in\n" + run).isTrue();
        return matcher.group();
    }

    private static KubernetesClient client(Path kubeconfig) {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig.toFile())).build();
    }
}
