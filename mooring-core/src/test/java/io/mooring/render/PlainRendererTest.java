package io.mooring.render;

import io.mooring.resource.Manifest;
import io.mooring.resource.ManifestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainRendererTest {
    @TempDir
    Path dir;

    private List<Manifest> render() {
        return new PlainRenderer().render(RenderRequest.of(dir));
    }

    @Test
    void filesAreReadInPathOrderAndHiddenDirectoriesSkipped() throws IOException {
        Files.writeString(dir.resolve("b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/z.yml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: az\n");
        Files.writeString(dir.resolve("c.json"), "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}}");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/x.yaml"), "not: a manifest\n");
        Files.writeString(dir.resolve("README.md"), "# not yaml\n");
        assertThat(render()).extracting(m -> m.key().name()).as("a/z.yml, b.yaml, c.json").containsExactly("az", "b", "c");
    }

    @Test
    void commentsAndDocumentOrderAreKeptForPeople() throws IOException {
        Files.writeString(dir.resolve("app.yaml"), """
                # the app's config
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: first # inline
                ---
                # second one
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: second
                """);
        List<Manifest> manifests = render();
        assertThat(manifests).hasSize(2);
        assertThat(manifests.get(0).text()).startsWith("# the app's config\n").contains("# inline");
        assertThat(manifests.get(1).text()).as("the separator is not part of the text").startsWith("# second one\n");
        assertThat(Renderers.toYaml(manifests)).contains("name: first # inline\n---\n# second one\n");
    }

    @Test
    void listIsExpandedIntoItsItems() throws IOException {
        Files.writeString(dir.resolve("list.yaml"), """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: one}
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: two}
                """);
        List<Manifest> manifests = render();
        assertThat(manifests).extracting(m -> m.key().name()).containsExactly("one", "two");
        assertThat(manifests.get(1).text()).as("each item prints on its own").contains("name: two").doesNotContain("one");
    }

    @Test
    void nonKubernetesYamlIsRefusedWithFileAndLine() throws IOException {
        Files.writeString(dir.resolve("values.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\nreplicas: 3\n");
        assertThatThrownBy(this::render).isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("values.yaml:5:")
                .hasMessageContaining("needs apiVersion and kind");
    }

    @Test
    void missingPathSaysSo() {
        assertThatThrownBy(() -> new PlainRenderer().render(RenderRequest.of(dir.resolve("nope"))))
                .isInstanceOf(ManifestException.class).hasMessageContaining("no such file or directory");
    }
}
