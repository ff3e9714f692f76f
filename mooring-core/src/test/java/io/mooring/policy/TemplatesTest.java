package io.mooring.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.policy.jmespath.JmesPath;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplatesTest {
    private static final JsonNode DATA = new YamlReader().readOne("data", """
            request: {object: {metadata: {name: web, labels: {app: web}}, spec: {replicas: 3}}}
            """);
    private static final Templates.Resolver RESOLVER = (variable, path) -> JmesPath.compile(variable).search(DATA, Instant.EPOCH);

    private static JsonNode yaml(String text) {
        return new YamlReader().readOne("template", text);
    }

    @Test
    void aWholeStringVariableKeepsItsValuesType() {
        assertThat(Templates.substitute("{{ request.object.spec.replicas }}", RESOLVER).isNumber()).isTrue();
        assertThat(Templates.substitute("{{ request.object.metadata.labels }}", RESOLVER)).isEqualTo(yaml("{app: web}"));
    }

    @Test
    void aVariableInsideTextIsPrintedAsTextOrGoJson() {
        assertThat(Templates.substitute("{{request.object.metadata.name}} has {{ request.object.spec.replicas }} replicas", RESOLVER))
                .isEqualTo(TextNode.valueOf("web has 3 replicas"));
        assertThat(Templates.substitute("labels: {{ request.object.metadata.labels }}", RESOLVER)).isEqualTo(TextNode.valueOf("labels: {\"app\":\"web\"}"));
    }

    @Test
    void innerVariablesAreResolvedFirst() {
        assertThat(Templates.substitute("{{ to_upper('{{ request.object.metadata.name }}') }}", RESOLVER)).isEqualTo(TextNode.valueOf("WEB"));
    }

    @Test
    void anEscapedVariableStaysAsWrittenWithoutItsBackslash() {
        assertThat(Templates.substitute("\\{{ not.a.variable }} but {{ request.object.metadata.name }}", RESOLVER))
                .isEqualTo(TextNode.valueOf("{{ not.a.variable }} but web"));
    }

    @Test
    void documentsAreSubstitutedInValuesAndKeysAndReferencesPointWithinTheDocument() {
        JsonNode pattern = yaml("""
                metadata:
                  name: "{{ request.object.metadata.name }}"
                  labels: {app: "$(../../name)"}
                """);
        assertThat(Templates.substitute(pattern, RESOLVER)).isEqualTo(yaml("{metadata: {name: web, labels: {app: web}}}"));
        assertThat(Templates.hasVariables(yaml("{a: [b, {c: d}]}"))).isFalse();
    }

    @Test
    void aReferenceToNothingIsAnError() {
        assertThatThrownBy(() -> Templates.substitute(yaml("{a: \"$(./missing)\"}"), RESOLVER))
                .isInstanceOf(Templates.SubstitutionException.class).hasMessageContaining("$(./missing)");
    }
}
