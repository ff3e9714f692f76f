package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.ManifestException;
import org.junit.jupiter.api.Test;

import static io.mooring.render.kustomize.patch.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPatchTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: nginx}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - {name: nginx, image: nginx, envFrom: [{configMapRef: {name: a}}]}
                  - {name: sidecar, image: side}
            """;

    private static JsonNode apply(String operations) {
        return JsonPatch.of(yaml(operations)).apply(yaml(DEPLOYMENT));
    }

    private static void assertFails(String operations, String message) {
        assertThatThrownBy(() -> apply(operations)).isInstanceOf(ManifestException.class).hasMessageContaining(message);
    }

    @Test
    void replaceChangesAValueAtAPath() {
        JsonNode result = apply("[{op: replace, path: /spec/template/spec/containers/0/image, value: image1}]");
        assertThat(result.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("image1");
    }

    @Test
    void addWithDashAppendsToAList() {
        JsonNode result = apply("[{op: add, path: /spec/template/spec/containers/0/envFrom/-, value: {configMapRef: {name: b}}}]");
        assertThat(result.at("/spec/template/spec/containers/0/envFrom")).isEqualTo(yaml("[{configMapRef: {name: a}}, {configMapRef: {name: b}}]"));
    }

    @Test
    void addAtAnIndexInsertsAndAddOnAKeySetsIt() {
        JsonNode result = apply("""
                - {op: add, path: /spec/template/spec/containers/1, value: {name: middle}}
                - {op: add, path: /metadata/labels, value: {app: x}}
                - {op: add, path: /spec/replicas, value: 3}
                """);
        assertThat(result.at("/spec/template/spec/containers/1/name").asText()).isEqualTo("middle");
        assertThat(result.at("/spec/template/spec/containers").size()).isEqualTo(3);
        assertThat(result.at("/metadata/labels")).isEqualTo(yaml("{app: x}"));
        assertThat(result.at("/spec/replicas").intValue()).as("add replaces an existing key").isEqualTo(3);
    }

    @Test
    void negativeIndexesCountFromTheEnd() {
        JsonNode result = apply("""
                - {op: replace, path: /spec/template/spec/containers/-1/image, value: last}
                - {op: remove, path: /spec/template/spec/containers/-2}
                """);
        assertThat(result.at("/spec/template/spec/containers")).isEqualTo(yaml("[{name: sidecar, image: last}]"));
    }

    @Test
    void replaceOfAMissingKeyAddsIt() {
        JsonNode result = apply("[{op: replace, path: /spec/paused, value: true}]");
        assertThat(result.at("/spec/paused").booleanValue()).as("evanphx/json-patch v4 only checks array indexes").isTrue();
    }

    @Test
    void removeMoveCopyAndTestWork() {
        JsonNode result = apply("""
                - {op: test, path: /spec/replicas, value: 1}
                - {op: copy, from: /metadata/name, path: /metadata/labels}
                - {op: move, from: /spec/replicas, path: /spec/minReadySeconds}
                - {op: remove, path: /spec/template/spec/containers/1}
                """);
        assertThat(result.at("/metadata/labels").asText()).isEqualTo("nginx");
        assertThat(result.at("/spec").has("replicas")).isFalse();
        assertThat(result.at("/spec/minReadySeconds").intValue()).isEqualTo(1);
        assertThat(result.at("/spec/template/spec/containers").size()).isEqualTo(1);
    }

    @Test
    void testComparesObjectsByAllTheirKeys() {
        JsonNode result = apply("[{op: test, path: /metadata, value: {name: nginx}}, {op: test, path: /spec/replicas, value: 1.0}]");
        assertThat(result).as("a passing test changes nothing; numbers compare by value").isEqualTo(yaml(DEPLOYMENT));
        assertFails("[{op: test, path: /metadata, value: {name: nginx, extra: key}}]", "testing value /metadata failed: test failed");
        assertFails("[{op: test, path: /spec/template/spec, value: {}}]", "testing value /spec/template/spec failed: test failed");
        assertFails("[{op: test, path: /spec/replicas, value: 2}]", "testing value /spec/replicas failed: test failed");
    }

    @Test
    void numbersComeOutAsGoPrintsAFloat64() {
        JsonNode result = apply("[{op: add, path: /spec/big, value: 12345678901234567890}, {op: add, path: /spec/huge, value: 1e22}]");
        assertThat(result.at("/spec/big").bigIntegerValue()).as("the shortest decimal of the float64")
                .isEqualTo(new java.math.BigInteger("12345678901234567000"));
        assertThat(result.at("/spec/huge").isFloatingPointNumber()).as("1e21 and beyond stay floats").isTrue();
    }

    @Test
    void addUnderAMissingParentFailsWithTheLibrarysMessage() {
        assertFails("[{op: add, path: /spec/strategy/type, value: Recreate}]",
                "add operation does not apply: doc is missing path: \"/spec/strategy/type\": missing value");
    }

    @Test
    void removeOfAMissingKeyFails() {
        assertFails("[{op: remove, path: /spec/paused}]",
                "error in remove for path: '/spec/paused': Unable to remove nonexistent key: paused: missing value");
    }

    @Test
    void replaceOfAMissingIndexFails() {
        assertFails("[{op: replace, path: /spec/template/spec/containers/5, value: {}}]",
                "replace operation does not apply: doc is missing key: /spec/template/spec/containers/5: missing value");
    }

    @Test
    void aNonNumericIndexFails() {
        assertFails("[{op: add, path: /spec/template/spec/containers/first, value: {}}]",
                "error in add for path: '/spec/template/spec/containers/first': value was not a proper array index: 'first': strconv.Atoi: parsing \"first\": invalid syntax");
    }

    @Test
    void anUnknownOperationFails() {
        assertFails("[{op: upsert, path: /spec}]", "Unexpected kind: upsert");
    }

    @Test
    void escapedSlashesAndTildesInKeysAreDecoded() {
        JsonNode result = apply("[{op: add, path: /metadata/annotations, value: {}}, {op: add, path: /metadata/annotations/example.com~1a~0b, value: v}]");
        assertThat(result.at("/metadata/annotations").get("example.com/a~b").asText()).isEqualTo("v");
    }

    @Test
    void numbersComeOutAsTheFloat64sKustomizePassesThemThrough() {
        JsonNode result = JsonPatch.of(yaml("[{op: add, path: /b, value: 9007199254740993}]"))
                .apply(yaml("{a: 3, c: 1.5}"));
        assertThat(result.get("a").intValue()).isEqualTo(3);
        assertThat(result.get("c").doubleValue()).isEqualTo(1.5);
        assertThat(result.get("b").bigIntegerValue().toString()).as("2^53 + 1 is not a float64").isEqualTo("9007199254740992");
    }

    @Test
    void aPatchMustBeAListOfOperations() {
        assertThatThrownBy(() -> JsonPatch.of(yaml("{op: add}"))).isInstanceOf(ManifestException.class)
                .hasMessageContaining("must be a list of operations");
    }

    @Test
    void theDocumentIsNotChanged() {
        JsonNode document = yaml(DEPLOYMENT);
        JsonPatch.of(yaml("[{op: remove, path: /spec}]")).apply(document);
        assertThat(document).isEqualTo(yaml(DEPLOYMENT));
    }
}
