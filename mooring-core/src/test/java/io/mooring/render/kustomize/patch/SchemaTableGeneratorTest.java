package io.mooring.render.kustomize.patch;

import io.mooring.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaTableGeneratorTest {
    private static final String KUSTOMIZE_SOURCE = "data/kubernetes-openapi/kustomize-builtin-kubernetes-1.21.2.json.gz";
    private static final String API_SERVER_SOURCE = "data/kubernetes-openapi/kubernetes-1.34.1-swagger.json.gz";

    @Test
    void committedTableMatchesWhatTheGeneratorWritesFromTheSharedDefinitions() throws IOException {
        Path source = SharedData.require(KUSTOMIZE_SOURCE);
        assertThat(committed(KubernetesSchema.BUILTIN_RESOURCE))
                .as("the committed table is stale; regenerate it with SchemaTableGenerator (see its Javadoc)")
                .isEqualTo(SchemaTableGenerator.generate(source));
    }

    @Test
    void committedApiServerTableMatchesWhatTheGeneratorWritesFromTheKubernetesOpenApiDocument() throws IOException {
        Path source = SharedData.require(API_SERVER_SOURCE);
        assertThat(committed(KubernetesSchema.API_SERVER_RESOURCE))
                .as("the committed API server table is stale; regenerate it with SchemaTableGenerator (see its Javadoc)")
                .isEqualTo(SchemaTableGenerator.generateApiServer(source));
    }

    @Test
    void tableRoundTripsThroughItsTextForm() throws IOException {
        Path source = SharedData.require(KUSTOMIZE_SOURCE);
        String text = SchemaTableGenerator.generate(source);
        assertThat(SchemaTable.format(SchemaTableGenerator.HEADER, SchemaTable.parse(text)))
                .as("parsing and writing the table again changes nothing")
                .isEqualTo(text);
    }

    @Test
    void apiServerTableRoundTripsWithItsExtensionsAndFormats() throws IOException {
        Path source = SharedData.require(API_SERVER_SOURCE);
        String text = SchemaTableGenerator.generateApiServer(source);
        assertThat(SchemaTable.format(SchemaTableGenerator.API_SERVER_HEADER, SchemaTable.parse(text)))
                .as("parsing and writing the table again keeps list types, map types, merge keys and formats")
                .isEqualTo(text);
    }

    private static String committed(String resource) throws IOException {
        try (InputStream in = KubernetesSchema.class.getResourceAsStream(resource)) {
            assertThat(in).as("the table %s is on the class path", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
