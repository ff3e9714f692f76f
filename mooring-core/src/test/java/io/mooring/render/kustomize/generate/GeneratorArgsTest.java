package io.mooring.render.kustomize.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorArgsTest {
    private static JsonNode yaml(String text) {
        return new YamlReader().readOne("test.yaml", text);
    }

    private static List<GeneratorArgs> kustomization(GeneratedKind kind, String list) {
        return GeneratorArgs.fromKustomization(kind, yaml(list), GeneratorOptions.NONE, "kustomization.yaml");
    }

    @Test
    void readsEveryFieldOfAKustomizationEntry() {
        GeneratorArgs args = kustomization(GeneratedKind.SECRET, """
                - name: db
                  namespace: prod
                  behavior: merge
                  type: kubernetes.io/tls
                  literals: [a=1]
                  files: [tls.crt]
                  envs: [one.env]
                  env: two.env
                  options:
                    labels: {app: db}
                    annotations: {note: x}
                    disableNameSuffixHash: true
                    immutable: true
                """).getFirst();
        assertThat(args.kind()).isEqualTo(GeneratedKind.SECRET);
        assertThat(args.name()).isEqualTo("db");
        assertThat(args.namespace()).isEqualTo("prod");
        assertThat(args.behavior()).isEqualTo(Behavior.MERGE);
        assertThat(args.secretType()).isEqualTo("kubernetes.io/tls");
        assertThat(args.sources().literals()).containsExactly("a=1");
        assertThat(args.sources().files()).containsExactly("tls.crt");
        assertThat(args.sources().envs()).as("the deprecated env goes after envs, as kustomize's fix does")
                .containsExactly("one.env", "two.env");
        assertThat(args.options()).isEqualTo(new GeneratorOptions(Map.of("app", "db"), Map.of("note", "x"), true, true));
        assertThat(args.source()).isEqualTo("kustomization.yaml");
    }

    @Test
    void defaultsSecretTypeToOpaqueAndLeavesConfigMapWithoutOne() {
        assertThat(kustomization(GeneratedKind.SECRET, "- name: s").getFirst().secretType()).isEqualTo("Opaque");
        assertThat(kustomization(GeneratedKind.CONFIG_MAP, "- name: c").getFirst().secretType()).isEmpty();
    }

    @Test
    void takesUnknownBehaviorAsUnspecifiedLikeKustomize() {
        List<GeneratorArgs> args = kustomization(GeneratedKind.CONFIG_MAP, """
                - {name: a, behavior: create}
                - {name: b, behavior: replace}
                - {name: c}
                - {name: d, behavior: Merge}
                """);
        assertThat(args).extracting(GeneratorArgs::behavior)
                .as("only the exact lower-case words are known; anything else acts like create")
                .containsExactly(Behavior.CREATE, Behavior.REPLACE, Behavior.UNSPECIFIED, Behavior.UNSPECIFIED);
        assertThat(Behavior.UNSPECIFIED.text()).isEqualTo("unspecified");
    }

    @Test
    void matchesFieldNamesCaseInsensitivelyLikeGoJson() {
        GeneratorArgs args = kustomization(GeneratedKind.CONFIG_MAP, "- {Name: a, LITERALS: [k=v]}").getFirst();
        assertThat(args.name()).isEqualTo("a");
        assertThat(args.sources().literals()).containsExactly("k=v");
    }

    @Test
    void refusesUnknownFieldsInAKustomization() {
        assertThatThrownBy(() -> kustomization(GeneratedKind.CONFIG_MAP, "- {name: a, literal: [k=v]}"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("json: unknown field \"literal\"")
                .hasMessageContaining("configMapGenerator[0]");
        assertThatThrownBy(() -> kustomization(GeneratedKind.CONFIG_MAP, "- {name: a, type: Opaque}"))
                .as("type belongs to secrets only")
                .hasMessageContaining("unknown field \"type\"");
        assertThatThrownBy(() -> kustomization(GeneratedKind.CONFIG_MAP, "- {name: a, options: {labelz: {}}}"))
                .hasMessageContaining("unknown field \"labelz\"");
    }

    @Test
    void refusesNonStringValuesInAKustomizationWithGoDecoderErrors() {
        assertThatThrownBy(() -> kustomization(GeneratedKind.CONFIG_MAP, "- {name: a, literals: [2020]}"))
                .hasMessageContaining("invalid Kustomization: json: cannot unmarshal number into Go struct field "
                        + "ConfigMapArgs.configMapGenerator.literals of type string")
                .as("the hint says exactly where").hasMessageContaining("configMapGenerator[0].literals[0]: expected a string, found a number");
        assertThatThrownBy(() -> kustomization(GeneratedKind.CONFIG_MAP, "- {name: a, literals: k=v}"))
                .hasMessageContaining("cannot unmarshal string into Go struct field ConfigMapArgs.configMapGenerator.literals of type []string");
        assertThatThrownBy(() -> kustomization(GeneratedKind.SECRET, "- {name: a, options: {labels: {a: 1}}}"))
                .hasMessageContaining("cannot unmarshal number into Go struct field GeneratorOptions.secretGenerator.options.labels of type string")
                .hasMessageContaining("options.labels.a: expected a string");
        assertThatThrownBy(() -> kustomization(GeneratedKind.CONFIG_MAP, "- {name: a, options: {immutable: \"true\"}}"))
                .hasMessageContaining("cannot unmarshal string into Go struct field GeneratorOptions.configMapGenerator.options.immutable of type bool");
        assertThatThrownBy(() -> kustomization(GeneratedKind.CONFIG_MAP, "- {name: a, options: [x]}"))
                .hasMessageContaining("cannot unmarshal array into Go struct field ConfigMapArgs.configMapGenerator.options of type types.GeneratorOptions");
        assertThatThrownBy(() -> kustomization(GeneratedKind.CONFIG_MAP, "name: a"))
                .hasMessageContaining("cannot unmarshal object into Go struct field Kustomization.configMapGenerator of type []types.ConfigMapArgs");
    }

    @Test
    void treatsNullsAsUnsetAndMissingListAsNoEntries() {
        assertThat(GeneratorArgs.fromKustomization(GeneratedKind.CONFIG_MAP, null, GeneratorOptions.NONE, "k")).isEmpty();
        GeneratorArgs args = kustomization(GeneratedKind.CONFIG_MAP, "- {name: a, literals: null, options: null}").getFirst();
        assertThat(args.sources().literals()).isEmpty();
        assertThat(args.options()).isEqualTo(GeneratorOptions.NONE);
    }

    @Test
    void mergesKustomizationGeneratorOptionsIntoEachEntry() {
        GeneratorOptions global = GeneratorOptions.fromKustomization(yaml("""
                labels: {team: a, shared: global}
                disableNameSuffixHash: true
                """), "kustomization.yaml");
        List<GeneratorArgs> args = GeneratorArgs.fromKustomization(GeneratedKind.CONFIG_MAP, yaml("""
                - name: one
                  options: {labels: {shared: local}, disableNameSuffixHash: false}
                - name: two
                """), global, "kustomization.yaml");
        assertThat(args.get(0).options().labels()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "a", "shared", "local"));
        assertThat(args.get(0).options().disableNameSuffixHash()).as("a global true wins over a local false").isTrue();
        assertThat(args.get(1).options().labels()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "a", "shared", "global"));
    }

    @Test
    void refusesUnknownGeneratorOptions() {
        assertThatThrownBy(() -> GeneratorOptions.fromKustomization(yaml("{disableHash: true}"), "kustomization.yaml"))
                .hasMessageContaining("unknown field \"disableHash\" in generatorOptions");
    }

    @Test
    void readsABuiltinConfigWithMetadataFallbacks() {
        GeneratorArgs args = GeneratorArgs.fromBuiltinConfig(yaml("""
                apiVersion: builtin
                kind: ConfigMapGenerator
                metadata:
                  name: from-metadata
                  namespace: ns
                literals: [a=b]
                env: ignored.env
                whatever: ignored
                """), "gen.yaml");
        assertThat(args.kind()).isEqualTo(GeneratedKind.CONFIG_MAP);
        assertThat(args.name()).isEqualTo("from-metadata");
        assertThat(args.namespace()).isEqualTo("ns");
        assertThat(args.sources().envs()).as("builtin plugins never read the deprecated env field").isEmpty();
        assertThat(args.sources().literals()).containsExactly("a=b");
    }

    @Test
    void prefersTopLevelNameInABuiltinConfig() {
        GeneratorArgs args = GeneratorArgs.fromBuiltinConfig(yaml("""
                kind: SecretGenerator
                metadata: {name: meta}
                name: top
                literals: ["12"]
                """), "gen.yaml");
        assertThat(args.kind()).isEqualTo(GeneratedKind.SECRET);
        assertThat(args.name()).isEqualTo("top");
        assertThat(args.sources().literals()).containsExactly("12");
        assertThat(args.secretType()).isEqualTo("Opaque");
    }

    @Test
    void refusesNonStringValuesInABuiltinConfigAsGoDoes() {
        assertThatThrownBy(() -> GeneratorArgs.fromBuiltinConfig(yaml("kind: ConfigMapGenerator\nname: a\nliterals: [12]\n"), "gen.yaml"))
                .as("kubectl v1.32 refuses it, though sigs.k8s.io/yaml could have converted it")
                .hasMessageContaining("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number "
                        + "into Go struct field ConfigMapGeneratorPlugin.literals of type string");
        assertThatThrownBy(() -> GeneratorArgs.fromBuiltinConfig(yaml("kind: SecretGenerator\nname: a\noptions: {immutable: \"yes\"}\n"), "gen.yaml"))
                .hasMessageContaining("cannot unmarshal string into Go struct field GeneratorOptions.options.immutable of type bool");
    }

    @Test
    void refusesABuiltinConfigOfAnotherKind() {
        assertThatThrownBy(() -> GeneratorArgs.fromBuiltinConfig(yaml("kind: IAMPolicyGenerator"), "gen.yaml"))
                .hasMessageContaining("kind is 'IAMPolicyGenerator'");
    }
}
