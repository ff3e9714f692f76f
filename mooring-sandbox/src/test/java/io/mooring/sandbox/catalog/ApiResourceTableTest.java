package io.mooring.sandbox.catalog;

import io.mooring.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ApiResourceTableTest {
    @Test
    void committedTableIsWhatTheGeneratorMakesFromKubernetes1341() throws IOException {
        String generated = ApiResourceTableGenerator.generate(
                SharedData.require("data/kubernetes-openapi/kubernetes-1.34.1-swagger.json.gz"));
        String committed;
        try (InputStream in = ApiCatalog.class.getResourceAsStream("api-resources.txt")) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(committed).as("api-resources.txt is stale: regenerate it (see ApiResourceTableGenerator)").isEqualTo(generated);
    }
}
