package io.mooring.render.kustomize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValueAddTransformerTest {
    @Test
    void insertsIntoFilePathsAsKustomizeDocuments() {
        assertThat(ValueAddTransformer.insertPathPart("", 0, "PEACH")).isEqualTo("PEACH");
        assertThat(ValueAddTransformer.insertPathPart("/", 0, "PEACH")).isEqualTo("/PEACH");
        assertThat(ValueAddTransformer.insertPathPart("pie", 0, "PEACH")).isEqualTo("PEACH/pie");
        assertThat(ValueAddTransformer.insertPathPart("/pie", 0, "PEACH")).as("an absolute path stays absolute").isEqualTo("/PEACH/pie");
        assertThat(ValueAddTransformer.insertPathPart("raw", 1, "PEACH")).isEqualTo("raw/PEACH");
        assertThat(ValueAddTransformer.insertPathPart("a/nice/warm/pie", 3, "PEACH")).isEqualTo("a/nice/warm/PEACH/pie");
        assertThat(ValueAddTransformer.insertPathPart("/a/b", 99, "PEACH")).as("too large a position appends").isEqualTo("/a/b/PEACH");
    }
}
