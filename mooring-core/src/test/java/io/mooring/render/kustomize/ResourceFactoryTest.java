package io.mooring.render.kustomize;

import io.mooring.resource.ManifestException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceFactoryTest {
    private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n";

    @Test
    void separatorLinesMayCarryCommentsAndDocumentsMayBeEmpty() {
        String text = "# header\n---\n---\n" + CM.formatted("a") + "--- # next\n\n---\n" + CM.formatted("b") + "...\n";
        List<String> names = ResourceFactory.fromYaml("f.yaml", text).stream().map(Resource::name).toList();
        assertThat(names).containsExactly("a", "b");
    }

    @Test
    void onlyTheFirstDocumentBetweenSeparatorsIsRead() {
        String text = CM.formatted("a") + "...\n" + CM.formatted("hidden") + "---\n" + CM.formatted("b");
        List<String> names = ResourceFactory.fromYaml("f.yaml", text).stream().map(Resource::name).toList();
        assertThat(names).as("kustomize decodes one document per separated part").containsExactly("a", "b");
    }

    @Test
    void refusesTextAfterASeparator() {
        assertThatThrownBy(() -> ResourceFactory.fromYaml("f.yaml", CM.formatted("a") + "--- x\n" + CM.formatted("b")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("invalid document separator: --- x");
    }

    @Test
    void refusesAPartThatOpensWithDocumentEnd() {
        assertThatThrownBy(() -> ResourceFactory.fromYaml("f.yaml", CM.formatted("a") + "---\n# c\n...\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("did not find expected node content")
                .satisfies(e -> assertThat(((ManifestException) e).line()).as("line of the ... in the file").isEqualTo(7));
    }
}
