package io.mooring.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mooring.resource.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class UpCommandTest {
    @TempDir
    Path repo;

    @Test
    void rendersEveryAppAndEnvironmentAndSaysThatNothingWasStarted() throws IOException {
        write("apps/config/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        write("apps/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        write("apps/web/values.yaml", "replicas: 1\n");
        write("apps/web/values-dev.yaml", "replicas: 1\n");
        write("apps/web/values-prod.yaml", "replicas: 3\n");
        write("apps/web/templates/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n");

        CliRun run = CliRun.of("up", "--repo", repo.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString())
                .containsPattern("config +plain +1 object: 1 ConfigMap")
                .containsPattern("web \\[dev] +helm +1 object: 1 Service")
                .containsPattern("web \\[prod] +helm +1 object: 1 Service")
                .contains("3 of 3 app environments render.")
                .contains("Nothing was started")
                .doesNotContainIgnoringCase("started the");
    }

    @Test
    void anAppThatFailsToRenderIsNamedAndTheOthersStillRender() throws IOException {
        write("apps/bad/broken.yaml", "kind: [\n");
        write("apps/good/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: good\n");

        CliRun run = CliRun.of("up", "--repo", repo.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern("bad +plain +FAILED").containsPattern("good +plain +1 object: 1 Namespace");
        assertThat(run.err()).startsWith("error: bad: broken.yaml:");
    }

    @Test
    void aDirectoryWithoutAppsIsNotAPlatformRepo() {
        CliRun run = CliRun.of("up", "--repo", repo.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: " + repo + ": not a platform repo");
    }

    @Test
    void summariesCountObjectsByKindInKindOrder() {
        List<Manifest> manifests = Stream.of("Service", "Deployment", "Service")
                .map(kind -> new Manifest(JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", kind), "f.yaml", 1, ""))
                .toList();

        assertThat(UpCommand.summary(manifests)).isEqualTo("3 objects: 1 Deployment, 2 Service");
        assertThat(UpCommand.summary(List.of())).isEqualTo("0 objects");
    }

    private void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
