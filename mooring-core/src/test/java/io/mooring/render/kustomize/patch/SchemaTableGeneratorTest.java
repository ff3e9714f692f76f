package io.mooring.render.kustomize.patch;

import io.mooring.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaTableGeneratorTest {

    @Test
    void committedTableMatchesWhatTheGeneratorWritesFromTheSharedDefinitions() throws IOException {
        Path source = SharedData.require("data/kubernetes-openapi/kustomize-builtin-kubernetes-1.21.2.json.gz");
        String committed;
        try (InputStream in = KubernetesSchema.class.getResourceAsStream(KubernetesSchema.BUILTIN_RESOURCE)) {
            assertThat(in).as("the built-in table is on the class path").isNotNull();
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(committed)
                .as("the committed table is stale; regenerate it with SchemaTableGenerator (see its Javadoc)")
                .isEqualTo(SchemaTableGenerator.generate(source));
    }

    @Test
    void tableRoundTripsThroughItsTextForm() throws IOException {
        Path source = SharedData.require("data/kubernetes-openapi/kustomize-builtin-kubernetes-1.21.2.json.gz");
        String text = SchemaTableGenerator.generate(source);
        assertThat(SchemaTable.format(SchemaTableGenerator.HEADER, SchemaTable.parse(text)))
                .as("parsing and writing the table again changes nothing")
                .isEqualTo(text);
    }
}
