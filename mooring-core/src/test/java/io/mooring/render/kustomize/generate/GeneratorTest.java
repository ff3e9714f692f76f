package io.mooring.render.kustomize.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.render.kustomize.FileLoader;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorTest {
    @TempDir
    Path dir;
    private Path root;

    @BeforeEach
    void makeRoot() throws IOException {
        root = Files.createDirectory(dir.resolve("app"));
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(root.resolve(name), content);
    }

    private Generated generate(GeneratedKind kind, String entry) {
        JsonNode list = new YamlReader().readOne("kustomization.yaml", entry);
        GeneratorArgs args = GeneratorArgs.fromKustomization(kind, list, GeneratorOptions.NONE, "kustomization.yaml").getFirst();
        return Generator.generate(args, FileLoader.at(root));
    }

    private static ObjectNode yaml(String text) {
        return (ObjectNode) new YamlReader().readOne("expected.yaml", text);
    }

    @Test
    void makesAConfigMapFromEnvFilesLiteralsAndFiles() throws IOException {
        write("a.env", "FROM_ENV=1\nBARE\n");
        write("notes.txt", "line one\nline two\n");
        Generated generated = generate(GeneratedKind.CONFIG_MAP, """
                - name: app
                  namespace: prod
                  envs: [a.env]
                  literals: [greeting=hello, quoted="yes"]
                  files: [notes.txt, renamed=notes.txt]
                """);
        assertThat(generated.object()).isEqualTo(yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: app, namespace: prod}
                data:
                  FROM_ENV: "1"
                  BARE: ""
                  greeting: hello
                  quoted: "yes"
                  notes.txt: "line one\\nline two\\n"
                  renamed: "line one\\nline two\\n"
                """));
        assertThat(generated.behavior()).isEqualTo(Behavior.UNSPECIFIED);
        assertThat(generated.needsHash()).isTrue();
    }

    @Test
    void putsNonUtf8FileContentUnderBinaryData() throws IOException {
        byte[] binary = {(byte) 0xff, 'h', 'i'};
        Files.write(root.resolve("data.bin"), binary);
        Generated generated = generate(GeneratedKind.CONFIG_MAP, "- {name: bin, files: [data.bin], literals: [a=b]}");
        assertThat(generated.object().get("binaryData")).isEqualTo(yaml("data.bin: /2hp"));
        assertThat(generated.object().get("data")).isEqualTo(yaml("a: b"));
    }

    @Test
    void leavesOutDataWhenAConfigMapHasNone() {
        ObjectNode object = generate(GeneratedKind.CONFIG_MAP, "- name: empty").object();
        assertThat(object.has("data")).as("kustomize creates data only when it puts a key in it").isFalse();
        assertThat(object.has("binaryData")).isFalse();
    }

    @Test
    void makesASecretWithBase64DataAndType() {
        Generated generated = generate(GeneratedKind.SECRET, """
                - name: creds
                  type: kubernetes.io/basic-auth
                  literals: [username=admin]
                """);
        assertThat(generated.object()).isEqualTo(yaml("""
                apiVersion: v1
                kind: Secret
                metadata: {name: creds}
                type: kubernetes.io/basic-auth
                data: {username: YWRtaW4=}
                """));
    }

    @Test
    void alwaysGivesASecretADataMapAndOpaqueByDefault() {
        ObjectNode object = generate(GeneratedKind.SECRET, "- name: empty").object();
        assertThat(object.get("data")).as("kustomize creates a Secret's data before filling it").isEqualTo(yaml("{}"));
        assertThat(object.get("type").asText()).isEqualTo("Opaque");
    }

    @Test
    void breaksLongBase64IntoLinesOfSeventyEachEndingInANewline() throws IOException {
        write("forces.txt", "\ngravitational\nelectromagnetic\nstrong nuclear\nweak nuclear\n");
        ObjectNode object = generate(GeneratedKind.SECRET, "- {name: s, files: [forces.txt]}").object();
        assertThat(object.path("data").path("forces.txt").asText()).as("as in TestGeneratorBasics' expected output")
                .isEqualTo("CmdyYXZpdGF0aW9uYWwKZWxlY3Ryb21hZ25ldGljCnN0cm9uZyBudWNsZWFyCndlYWsgbn\nVjbGVhcgo=\n");
    }

    @Test
    void wrapsBase64OnlyFromSeventyCharactersOn() {
        assertThat(Generator.base64Lines(new byte[51])).as("51 bytes give 68 characters, one line without newline")
                .doesNotContain("\n").hasSize(68);
        String wrapped = Generator.base64Lines(new byte[53]);
        assertThat(wrapped.split("\n", -1)).as("53 bytes give 72 characters: 70, then 2, each line ending in a newline")
                .extracting(String::length).containsExactly(70, 2, 0);
        assertThat(Base64.getDecoder().decode(wrapped.replace("\n", ""))).hasSize(53);
        assertThat(Generator.base64Lines(new byte[0])).isEmpty();
    }

    @Test
    void appliesLabelsAnnotationsImmutableAndHashOption() {
        Generated generated = generate(GeneratedKind.CONFIG_MAP, """
                - name: app
                  behavior: replace
                  literals: [a=b]
                  options:
                    labels: {tier: web}
                    annotations: {note: hi}
                    immutable: true
                    disableNameSuffixHash: true
                """);
        assertThat(generated.object().get("metadata")).isEqualTo(yaml("{name: app, labels: {tier: web}, annotations: {note: hi}}"));
        assertThat(generated.object().get("immutable").booleanValue()).isTrue();
        assertThat(generated.behavior()).isEqualTo(Behavior.REPLACE);
        assertThat(generated.needsHash()).isFalse();
    }

    @Test
    void refusesADuplicateKeyAcrossSources() throws IOException {
        write("a.env", "key=from env\n");
        assertThatThrownBy(() -> generate(GeneratedKind.CONFIG_MAP, "- {name: dup, envs: [a.env], literals: [key=literal]}"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("configmap dup illegally repeats the key `key`");
        assertThatThrownBy(() -> generate(GeneratedKind.SECRET, "- {name: dup, literals: [k=1, k=2]}"))
                .as("kustomize says configmap for secrets too")
                .hasMessageContaining("configmap dup illegally repeats the key `k`");
    }

    @Test
    void acceptsKeysKubernetesWouldRejectAsKustomizeDoes() {
        ObjectNode object = generate(GeneratedKind.CONFIG_MAP, "- {name: keys, literals: [\"not valid!=x\"]}").object();
        assertThat(object.path("data").has("not valid!"))
                .as("kustomize v5.5.0's key validator accepts everything; the API server judges keys at apply")
                .isTrue();
    }

    @Test
    void refusesAGeneratorWithoutName() {
        assertThatThrownBy(() -> generate(GeneratedKind.CONFIG_MAP, "- {literals: [a=b]}"))
                .hasMessageContaining("a configmap must have a name");
    }

    @Test
    void refusesAFileOutsideTheKustomizationRoot() throws IOException {
        Files.writeString(dir.resolve("secret.txt"), "outside");
        assertThatThrownBy(() -> generate(GeneratedKind.SECRET, "- {name: s, files: [../secret.txt]}"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("loading KV pairs: file sources: [../secret.txt]: security; file")
                .hasMessageContaining("is not in or below");
    }

    @Test
    void refusesAMissingFileNamingTheSourceList() {
        assertThatThrownBy(() -> generate(GeneratedKind.CONFIG_MAP, "- {name: s, envs: [missing.env]}"))
                .hasMessageContaining("loading KV pairs: env source files: [missing.env]: evalsymlink failure on")
                .hasMessageContaining("no such file or directory")
                .hasMessageContaining("missing.env");
    }

    @Test
    void refusesABadLiteralWithItsContext() {
        assertThatThrownBy(() -> generate(GeneratedKind.CONFIG_MAP, "- {name: s, literals: [ok=1, broken]}"))
                .hasMessageContaining("loading KV pairs: literal sources [ok=1 broken]: invalid literal source broken, expected key=value");
    }
}
