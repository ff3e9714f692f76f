package io.mooring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RenderCommandTest {
    private static final Path TODO_STACK = CliRun.repositoryRoot().resolve("examples/platform/apps/todo-stack");

    @TempDir
    Path dir;

    @Test
    void rendersAPlainDirectoryAsYamlWithComments() throws IOException {
        plainDirectory();

        CliRun run = CliRun.of("render", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings # the app's settings
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                """);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void rendersAsAJsonListWhenAsked() throws IOException {
        plainDirectory();

        CliRun run = CliRun.of("render", dir.toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode list = new ObjectMapper().readTree(run.out());
        assertThat(list.path("kind").asText()).isEqualTo("List");
        assertThat(list.path("items")).extracting(item -> item.path("kind").asText()).containsExactly("ConfigMap", "Service");
        assertThat(run.out()).as("indented as kubectl -o json").contains("\n    \"items\": [\n        {\n");
    }

    @Test
    void rendersTheExampleChartWithTheProdValues() {
        CliRun run = CliRun.of("render", TODO_STACK.toString(),
                "--values", TODO_STACK.resolve("values-prod.yaml").toString(), "--release", "todo", "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode items = readJson(run.out()).path("items");
        assertThat(items).extracting(i -> i.path("kind").asText() + "/" + i.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("Deployment/todo", "Deployment/broadcaster", "Deployment/frontend",
                        "Service/todo", "Service/broadcaster", "Service/frontend");
        JsonNode todo = deployment(items, "todo");
        assertThat(todo.at("/spec/replicas").intValue()).as("prod's override for todo").isEqualTo(4);
        assertThat(todo.at("/spec/template/spec/containers/0/image").asText())
                .as("the tag pinned by the chart's appVersion").isEqualTo("ghcr.io/mooring-examples/todo:1.4.2-a1b2c3d");
        assertThat(todo.at("/metadata/labels/app.kubernetes.io~1instance").asText()).isEqualTo("todo");
        assertThat(deployment(items, "broadcaster").at("/spec/replicas").intValue()).as("prod's default").isEqualTo(3);
    }

    @Test
    void everyEnvironmentOfTheExampleChartRenders() {
        for (String environment : new String[]{"dev", "staging", "prod"}) {
            CliRun run = CliRun.of("render", TODO_STACK.toString(), "--values", TODO_STACK.resolve("values-" + environment + ".yaml").toString());

            assertThat(run.exitCode()).as(environment + ": " + run).isZero();
            assertThat(run.out()).as(environment).contains("value: \"" + environment + "\"");
        }
    }

    @Test
    void aBadFileFailsWithOneErrorLineThatNamesFileAndLine() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");

        CliRun run = CliRun.of("render", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as("one line, kubectl style").startsWith("error: bad.yaml:5: ").hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aChartErrorNamesTheTemplateAndLineAndShowsNoStackTraceEvenWhenVerbose() {
        CliRun run = CliRun.of("render", TODO_STACK.toString(), "--set", "overrides.todo.image.repository=", "-v");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as(run.toString())
                .contains("error: " + TODO_STACK.resolve("templates/deployment.yaml") + ":")
                .contains("services[todo].image.repository is required")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun run = CliRun.of("render", dir.toString(), "--bogus");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: Unknown option: '--bogus'", "See 'mooring render --help' for usage.");
    }

    @Test
    void anUnknownOutputFormatIsAUsageError() {
        CliRun run = CliRun.of("render", dir.toString(), "-o", "xml");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: ", "xml");
    }

    @Test
    void helmOptionsOnAPlainDirectoryWarnThatTheyAreIgnored() throws IOException {
        plainDirectory();

        CliRun run = CliRun.of("render", dir.toString(), "--set", "a=b", "--release", "r");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).startsWith("warning: --values, --set and --release apply to Helm charts only")
                .contains("rendered as plain");
    }

    private void plainDirectory() throws IOException {
        Files.writeString(dir.resolve("a-settings.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings # the app's settings\n");
        Files.writeString(dir.resolve("b-service.yaml"), "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n");
        Files.writeString(dir.resolve("README.md"), "not a manifest\n");
    }

    private static JsonNode deployment(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (item.path("kind").asText().equals("Deployment") && item.at("/metadata/name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no Deployment " + name + " in " + items);
    }

    private static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
