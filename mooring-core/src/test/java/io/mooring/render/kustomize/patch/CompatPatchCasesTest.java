package io.mooring.render.kustomize.patch;

import io.mooring.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kustomize's own build cases ({@code shared/compat/kustomize/cases}) that only load resource
 * files and patch them, built with {@link PatchOnlyKustomization} and compared with kustomize
 * v5.5.0's output as trees: documents in any order (kustomize sorts them by kind), keys in any
 * order (printing is not the patch engines' business). Cases that need more of kustomize
 * (generators, name prefixes, bases, patch options) are left to the kustomize renderer's suite.
 */
class CompatPatchCasesTest {
    private final YamlReader reader = new YamlReader();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "TestExtendedPatchGvkSelector",
            "TestIssue1251_Patches_Local",
            "TestIssue1251_Patches_Overlayed",
            "TestPatchesInOneFile_1",
            "TestPatchesInOneFile_2",
            "TestRemoveEmptyDirWithPatchesAtSameLevel",
            "TestExtendedPatchInlineYAML",
            "TestExtendedPatchNameGvkSelector",
            "TestExtendedPatchNameSelector",
            "TestExtendedPatchWithoutTarget",
            "TestJSONPatchInline",
            "TestKeepOriginalGVKN",
            "TestMergeEnvFromViaJsonInline",
            "TestPatchDeleteOfNotExistingAttributesShouldNotAddExtraElements",
            "TestPatchPortHasNoProtocol",
            "TestPathWithCronJobV1",
            "TestRemoveEmptyDirAddPersistentDisk",
            "TestRemoveEmptyDirWithNullFieldInSmp",
            "TestSimple1",
            "TestSmpDeleteOnResource",
            "TestSmpWithDifferentKeysOnDifferentPorts",
            "TestStrategicMergePatchInline",
    })
    void patchedResourcesMatchKustomizesOutput(String name) throws IOException {
        Path dir = SharedData.require("compat/kustomize/cases/" + name);
        String build = Files.readAllLines(dir.resolve("case.yaml")).stream()
                .filter(line -> line.startsWith("build:")).findFirst().orElseThrow().substring("build:".length()).trim();
        List<JsonNode> actual = new PatchOnlyKustomization(dir.resolve(build)).build();
        List<JsonNode> expected = reader.read("expected.yaml", Files.readString(dir.resolve("expected.yaml"))).stream()
                .filter(d -> !d.isEmpty()).map(YamlDocument::value).toList();
        assertThat(actual).as("resources of %s after patching, compared with kustomize v5.5.0's output", name)
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
