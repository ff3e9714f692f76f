package io.mooring.render.kustomize;

import io.mooring.render.Renderers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What kustomize v5.5.0 does around patches, found by comparing with kubectl (see
 * {@link KustomizeScenariosTest}); checked here without kubectl.
 */
class PatchesBuildTest {
    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              labels: {app: web}
              annotations: {old: "1"}
            """;
    private static final String PATCH = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                  labels: {app: null, count: 3}
                  annotations: {old: null}
            """;

    @TempDir
    Path dir;

    private String build(String kustomization, String resources) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), kustomization);
        Files.writeString(dir.resolve("res.yaml"), resources);
        return Renderers.toYaml(Kustomize.build(dir));
    }

    @Test
    void aPatchWithoutTargetDeletesWithNullAndKeepsNumbers() throws IOException {
        String out = build("resources: [res.yaml]\npatches:\n- patch: |-\n" + PATCH, CONFIG_MAP);
        assertThat(out).as("null deletes the label and annotation; 3 stays a number")
                .contains("  labels:\n    count: 3\n")
                .doesNotContain("app:")
                .doesNotContain("annotations:");
    }

    @Test
    void aTargetedPatchTurnsItsLabelsAndAnnotationsIntoStrings() throws IOException {
        String out = build("resources: [res.yaml]\npatches:\n- target: {kind: ConfigMap}\n  patch: |-\n" + PATCH, CONFIG_MAP);
        assertThat(out).as("kustomize rewrites a targeted patch's maps as strings first, so null is the string \"null\"")
                .contains("  annotations:\n    old: \"null\"\n")
                .contains("  labels:\n    app: \"null\"\n    count: \"3\"\n");
    }

    @Test
    void theEndOfTheBuildDropsEmptyAnnotationsAndWritesAnnotationValuesAsStrings() throws IOException {
        String out = build("resources: [res.yaml]\n", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                  annotations: {}
                  labels: {}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: d
                  annotations: {num: 1, t: true, tilde: ~, release: 1.50, hex: 0x1F}
                """);
        assertThat(out).as("an empty annotations map goes, an empty labels map stays")
                .contains("metadata:\n  labels: {}\n  name: c\n");
        assertThat(out).as("annotation values are strings as written, a null by its spelling")
                .contains("  annotations:\n    hex: \"0x1F\"\n    num: \"1\"\n    release: \"1.50\"\n    t: \"true\"\n    tilde: \"~\"\n");
    }

    @Test
    void aJsonPatchWrittenInYamlIsReadAsGoYamlV2ReadsIt() throws IOException {
        String out = build("resources: [res.yaml]\npatches:\n- target: {kind: ConfigMap}\n  patch: |-\n"
                + "    - {op: add, path: /data, value: {flag: yes}}\n", CONFIG_MAP);
        assertThat(out).as("yes is a boolean to sigs.k8s.io/yaml").contains("data:\n  flag: true\n");
    }

    @Test
    void oneEntryMayHoldSeveralPatchesWithoutATarget() throws IOException {
        Files.writeString(dir.resolve("two.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data: {a: "1"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data: {b: "2"}
                """);
        assertThat(build("resources: [res.yaml]\npatches:\n- path: two.yaml\n", CONFIG_MAP))
                .contains("data:\n  a: \"1\"\n  b: \"2\"\n");
        assertThatThrownBy(() -> build("resources: [res.yaml]\npatches:\n- path: two.yaml\n  target: {kind: ConfigMap}\n", CONFIG_MAP))
                .hasMessageContaining("Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field");
    }

    @Test
    void replaceAtTheTopOfAPatchChangesNothing() throws IOException {
        String out = build("resources: [res.yaml]\npatches:\n- patch: |-\n    $patch: replace\n    apiVersion: v1\n"
                + "    kind: ConfigMap\n    metadata: {name: c}\n    data: {z: \"1\"}\n", CONFIG_MAP);
        assertThat(out).as("kustomize keeps the resource the merge edited in place, untouched here")
                .isEqualTo(build("resources: [res.yaml]\n", CONFIG_MAP));
    }

    @Test
    void anEmptyPatchIsBothKindsAndRefused() {
        assertThatThrownBy(() -> build("resources: [res.yaml]\npatches:\n- patch: \"[]\"\n  target: {kind: ConfigMap}\n", CONFIG_MAP))
                .hasMessageContaining("illegally qualifies as both an SM and JSON patch: [patch: \"[]\"]");
    }
}
