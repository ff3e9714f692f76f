package io.mooring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.Manifest;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RenderedAppTest {
    private static final List<Manifest> NAMESPACES = new YamlReader().read("ns.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata: {name: todo-dev, labels: {environment: dev, mooring.io/app: todo-stack}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: todo-prod, labels: {environment: prod, mooring.io/app: todo-stack}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: other-dev, labels: {environment: dev}}
            """).stream().map(d -> new Manifest((ObjectNode) d.value(), d.source(), d.line(), d.text())).toList();

    @Test
    void anEnvironmentRunsInTheNamespaceLabelledWithItsAppAndEnvironment() {
        assertThat(RenderedApp.namespaceOf(target("todo-stack", "prod"), NAMESPACES)).isEqualTo("todo-prod");
        assertThat(RenderedApp.namespaceOf(target("todo-stack", "dev"), NAMESPACES)).isEqualTo("todo-dev");
    }

    @Test
    void withoutAMatchingNamespaceTheClusterDefaultApplies() {
        assertThat(RenderedApp.namespaceOf(target("todo-stack", "staging"), NAMESPACES)).as("no namespace for staging").isNull();
        assertThat(RenderedApp.namespaceOf(target("other", "dev"), NAMESPACES)).as("other-dev does not name its app").isNull();
        assertThat(RenderedApp.namespaceOf(target("todo-stack", null), NAMESPACES)).as("an app without environments").isNull();
    }

    private static PlatformApps.Target target(String app, String environment) {
        return new PlatformApps.Target(app, environment, Path.of("apps", app), List.of());
    }
}
