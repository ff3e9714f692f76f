package io.mooring.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.resource.Manifest;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.junit.SandboxTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mooring up} against a cluster given by kubeconfig; SandboxCommandsTest covers the sandbox it starts itself. */
@SandboxTest
class UpCommandTest {
    @TempDir
    Path repo;

    @Test
    void rendersEveryAppAndEnvironmentAndAppliesThemNamespacesFirst(Sandbox sandbox, KubernetesClient client) throws IOException {
        write("apps/config/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        write("apps/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        write("apps/web/values.yaml", "replicas: 1\n");
        write("apps/web/values-dev.yaml", "replicas: 1\n");
        write("apps/web/values-prod.yaml", "replicas: 3\n");
        write("apps/web/templates/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n"
                + "spec:\n  ports:\n  - port: 80\n");
        // Sorted after web, so only applying namespaces first lets web's objects in.
        write("apps/zz-namespaces/ns.yaml", namespace("web-dev", "web", "dev") + "---\n" + namespace("web-prod", "web", "prod"));

        CliRun run = CliRun.of("up", "--repo", repo.toString(), "--kubeconfig", sandbox.kubeconfig().toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString())
                .containsPattern("config +plain +1 object: 1 ConfigMap")
                .containsPattern("web \\[dev] +helm +1 object: 1 Service")
                .containsPattern("web \\[prod] +helm +1 object: 1 Service")
                .contains("4 of 4 app environments render.")
                .contains("Applying them to " + sandbox.url())
                .containsPattern("web \\[dev] +1 of 1 applied \\(into web-dev\\)")
                .containsPattern("zz-namespaces +2 of 2 applied")
                .contains("export KUBECONFIG=" + sandbox.kubeconfig(), "kubectl get pods -A");
        assertThat(run.err()).as(run.toString()).isEmpty();
        assertThat(client.services().inNamespace("web-dev").withName("web").get()).as("the dev release, in its namespace").isNotNull();
        assertThat(client.services().inNamespace("web-prod").withName("web").get()).as("the prod release, in its namespace").isNotNull();
        assertThat(client.configMaps().inNamespace("default").withName("settings").get())
                .as("an app without environments goes to the kubeconfig's namespace").isNotNull();
    }

    @Test
    void anObjectTheClusterRefusesIsNamedAndTheOthersAreApplied(Sandbox sandbox, KubernetesClient client) throws IOException {
        write("apps/mixed/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
        write("apps/mixed/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mixed\n");

        CliRun run = CliRun.of("up", "--repo", repo.toString(), "--kubeconfig", sandbox.kubeconfig().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).as(run.toString()).containsPattern("mixed +1 of 2 applied");
        assertThat(run.err()).as(run.toString()).startsWith("error: mixed: Widget.example.com/w: ")
                .contains("does not serve kind Widget in example.com/v1");
        assertThat(client.configMaps().inNamespace("default").withName("mixed").get()).isNotNull();
    }

    @Test
    void anAppThatFailsToRenderIsNamedAndTheOthersAreStillApplied(Sandbox sandbox, KubernetesClient client) throws IOException {
        write("apps/bad/broken.yaml", "kind: [\n");
        write("apps/good/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: good\n");

        CliRun run = CliRun.of("up", "--repo", repo.toString(), "--kubeconfig", sandbox.kubeconfig().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern("bad +plain +FAILED").containsPattern("good +plain +1 object: 1 Namespace")
                .contains("1 of 2 app environments render.").containsPattern("good +1 of 1 applied");
        assertThat(run.err()).startsWith("error: bad: broken.yaml:");
        assertThat(client.namespaces().withName("good").get()).isNotNull();
    }

    @Test
    void aDirectoryWithoutAppsIsNotAPlatformRepo() {
        CliRun run = CliRun.of("up", "--repo", repo.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: " + repo + ": not a platform repo");
        assertThat(run.out()).as("nothing was started").doesNotContain("sandbox");
    }

    @Test
    void summariesCountObjectsByKindInKindOrder() {
        List<Manifest> manifests = Stream.of("Service", "Deployment", "Service")
                .map(kind -> new Manifest(JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", kind), "f.yaml", 1, ""))
                .toList();

        assertThat(UpCommand.summary(manifests)).isEqualTo("3 objects: 1 Deployment, 2 Service");
        assertThat(UpCommand.summary(List.of())).isEqualTo("0 objects");
    }

    private static String namespace(String name, String app, String environment) {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n  labels:\n    environment: " + environment
                + "\n    mooring.io/app: " + app + "\n";
    }

    private void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
