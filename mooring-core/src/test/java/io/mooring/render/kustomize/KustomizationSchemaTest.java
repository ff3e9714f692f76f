package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KustomizationSchemaTest {
    private static ObjectNode normalize(String yaml) {
        JsonNode content = YamlReader.goYamlV2().readOne("kustomization.yaml", yaml);
        return KustomizationSchema.normalize("kustomization.yaml", content);
    }

    @Test
    void fieldNamesMatchRegardlessOfCaseAtEveryLevel() {
        ObjectNode spec = normalize("""
                NamePrefix: p-
                images:
                - NAME: nginx
                  newtag: "1.26"
                """);
        assertThat(spec.path("namePrefix").asText()).isEqualTo("p-");
        assertThat(spec.path("images").get(0).path("newTag").asText())
                .as("nested fields are renamed to their declared names too").isEqualTo("1.26");
    }

    @Test
    void refusesUnknownFieldsInNestedStructs() {
        assertThatThrownBy(() -> normalize("images:\n- name: nginx\n  bogus: 1\n"))
                .hasMessageContaining("invalid Kustomization: json: unknown field \"bogus\"");
    }

    @Test
    void refusesValuesOfTheWrongKindWithGoMessages() {
        assertThatThrownBy(() -> normalize("images:\n- name: nginx\n  newTag: 1.20\n"))
                .hasMessageContaining("cannot unmarshal number into Go struct field Image.images.newTag of type string");
        assertThatThrownBy(() -> normalize("replicas:\n- name: web\n  count: \"3\"\n"))
                .hasMessageContaining("cannot unmarshal string into Go struct field Replica.replicas.count of type int64");
        assertThatThrownBy(() -> normalize("commonLabels:\n  enabled: yes\n"))
                .as("yes is a boolean in the YAML 1.1 kustomize reads its file with")
                .hasMessageContaining("cannot unmarshal bool into Go struct field Kustomization.commonLabels of type string");
    }

    @Test
    void nullsAreAccepted() {
        ObjectNode spec = normalize("namespace:\nresources:\n- a.yaml\n");
        assertThat(spec.path("namespace").isNull()).isTrue();
        assertThat(spec.path("resources").get(0).asText()).isEqualTo("a.yaml");
    }

    @Test
    void aKustomizationThatSetsNothingIsRefused() {
        assertThatThrownBy(() -> Kustomization.parse("k.yaml", YamlReader.goYamlV2().readOne("k.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nbases: []\nnamePrefix: \"\"\n")))
                .hasMessageContaining("kustomization.yaml is empty");
        assertThat(Kustomization.parse("k.yaml", YamlReader.goYamlV2().readOne("k.yaml", "resources: []\n")).strings("resources"))
                .as("an empty list is a set field").isEmpty();
    }
}
