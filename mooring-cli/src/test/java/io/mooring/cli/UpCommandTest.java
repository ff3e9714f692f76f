package io.mooring.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.junit.SandboxTest;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mooring up} against a cluster given by kubeconfig (the sandbox of the test): a platform
 * repo's Applications declared, synced by the controller, and a change to the repo synced by the
 * next run. SandboxCommandsTest covers the sandbox that {@code up} starts by itself.
 */
@SandboxTest
class UpCommandTest {
    @TempDir
    Path temp;

    private Path platform() throws IOException {
        Path repo = temp.resolve("platform");
        write(repo, "applications/apps.yaml", """
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: config}
                spec:
                  source: {repoURL: https://git.example.com/platform.git, path: apps/config}
                  destination: {namespace: web}
                  syncPolicy: {automated: {prune: true, selfHeal: true}}
                ---
                apiVersion: mooring.io/v1alpha1
                kind: Application
                metadata: {name: namespaces}
                spec:
                  source: {repoURL: https://git.example.com/platform.git, path: apps/namespaces}
                  syncPolicy: {automated: {}}
                """);
        write(repo, "apps/namespaces/web.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n");
        write(repo, "apps/config/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: blue}\n");
        return repo;
    }

    @Test
    void declaresTheApplicationsAndSyncsThemThenSyncsAChangeOnTheNextRun(Sandbox sandbox, KubernetesClient client) throws IOException {
        Path repo = platform();
        String[] up = {"up", "--repo", repo.toString(), "--kubeconfig", sandbox.kubeconfig().toString(), "--state", temp.resolve("state").toString(), "--port", "0",
                "--exit-when-synced", "--timeout", "3m"};
        CliRun first = CliRun.of(up);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).as(first.toString())
                .contains("not a Git work tree: committed into")
                .contains("Declared 2 Applications in namespace mooring")
                .containsPattern("config +Synced +Healthy")
                .contains("All 2 Applications are synced and healthy")
                .containsPattern("Portal and REST API: http://127\\.0\\.0\\.1:\\d+")
                .contains("Sign in as admin with the password ");
        assertThat(client.configMaps().inNamespace("web").withName("settings").get().getData()).containsEntry("color", "blue");

        write(repo, "apps/config/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: green}\n");
        CliRun second = CliRun.of(up);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).as("the users are kept in the cluster: no new password at a later start")
                .contains("the password printed at the first start").doesNotContain("shown this once");
        assertThat(client.configMaps().inNamespace("web").withName("settings").get().getData()).containsEntry("color", "green");
    }

    @Test
    void aGitWorkTreeIsServedAsItIs(Sandbox sandbox, KubernetesClient client) throws Exception {
        Path repo = platform();
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("trunk").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("platform").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();
        }
        CliRun run = CliRun.of("up", "--repo", repo.toString(), "--kubeconfig", sandbox.kubeconfig().toString(),
                "--state", temp.resolve("state").toString(), "--port", "0", "--exit-when-synced", "--timeout", "3m");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("trunk at").doesNotContain("committed into");
    }

    @Test
    void aRepoWithoutApplicationsIsAClearError(Sandbox sandbox) throws IOException {
        write(temp, "apps/a/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        CliRun run = CliRun.of("up", "--repo", temp.toString(), "--kubeconfig", sandbox.kubeconfig().toString(), "--port", "0", "--exit-when-synced");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no applications/ directory in the platform repo").contains("docs/gitops.md");
    }

    @Test
    void sigtermStopsItWithItsShutdownHooksEvenWithHelmsGoRuntimeLoaded(Sandbox sandbox) throws Exception {
        Path repo = platform();
        // Its own process: a signal is what is tested. Termination loads Helm's library (a Go runtime that takes
        // SIGTERM for itself) before reinstalling the JVM's handlers, so the bug is exercised whatever the repo holds.
        java.util.List<String> command = java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.mooring.cli.Main",
                "up", "--repo", repo.toString(), "--kubeconfig", sandbox.kubeconfig().toString(),
                "--state", temp.resolve("state").toString(), "--port", "0");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(temp.resolve("up.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
            while (!Files.readString(temp.resolve("up.log")).contains("synced and healthy") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(temp.resolve("up.log"))).contains("synced and healthy");
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
                    .as("ended after SIGTERM:%n%s", Files.readString(temp.resolve("up.log"))).isTrue();
            assertThat(process.exitValue()).as("128 + SIGTERM, as the JVM ends on it").isEqualTo(143);
        } finally {
            process.destroyForcibly();
        }
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
