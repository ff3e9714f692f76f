package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathMatcherTest {
    private static ObjectNode yaml(String text) {
        return (ObjectNode) new YamlReader().readOne("t.yaml", text);
    }

    @Test
    void splitsLikeKyamlSmarterPathSplitter() {
        assertThat(PathMatcher.split("spec.containers.[name=a.b].image"))
                .containsExactly("spec", "containers", "[name=a.b]", "image");
        assertThat(PathMatcher.split("metadata.annotations.[example.com/key]"))
                .as("a bracketed key without '=' loses its brackets").containsExactly("metadata", "annotations", "example.com/key");
        assertThat(PathMatcher.split("a\\.b.c")).as("an escaped dot").containsExactly("a.b", "c");
        assertThat(PathMatcher.split("spec.containers[0].image"))
                .as("kustomize has no a[0] syntax: it is a field name").containsExactly("spec", "containers[0]", "image");
    }

    @Test
    void listSelectorsAreUnanchoredRegularExpressions() {
        ObjectNode object = yaml("spec:\n  c:\n  - {name: web, v: 1}\n  - {name: webhook, v: 2}\n  - {name: api, v: 3}\n");
        List<PathMatcher.Target> found = PathMatcher.match(object, PathMatcher.split("spec.c.[name=web].v"), null);
        assertThat(found).extracting(t -> t.slot().get().asInt()).as("web also matches webhook").containsExactly(1, 2);
    }

    @Test
    void createsMissingFieldsListsAndElements() {
        ObjectNode object = yaml("spec: {}\n");
        List<PathMatcher.Target> found = PathMatcher.match(object, PathMatcher.split("spec.ports.[name=grpc].port"),
                PathMatcher.Leaf.SCALAR);
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().created()).isTrue();
        assertThat(object.toString()).isEqualTo("{\"spec\":{\"ports\":[{\"name\":\"grpc\",\"port\":\"\"}]}}");
    }

    @Test
    void aWildcardNeedsAList() {
        ObjectNode object = yaml("metadata:\n  labels: {a: b}\n");
        assertThatThrownBy(() -> PathMatcher.match(object, PathMatcher.split("metadata.labels.*"), null))
                .hasMessageContaining("expected SequenceNode but got MappingNode");
    }

    @Test
    void sourceLookupMatchesElementsExactly() {
        JsonNode object = yaml("spec:\n  c:\n  - {name: webhook, v: 2}\n  - {name: web, v: 1}\n");
        assertThat(PathMatcher.lookup(object, PathMatcher.split("spec.c.[name=web].v")).asInt()).isEqualTo(1);
        assertThat(PathMatcher.lookup(object, PathMatcher.split("spec.c.-.name")).asText()).isEqualTo("web");
        assertThat(PathMatcher.lookup(object, PathMatcher.split("spec.c.5"))).isNull();
    }
}
