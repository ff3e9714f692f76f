package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SelectorsTest {
    private static JsonNode yaml(String text) {
        return new YamlReader().readOne("test", text);
    }

    @Test
    void labelSelectorMatchesLabelsAndExpressions() {
        JsonNode selector = yaml("{matchLabels: {app: web}, matchExpressions: [{key: tier, operator: In, values: [a, b]}]}");
        assertThat(Selectors.matches(selector, Map.of("app", "web", "tier", "a"))).isTrue();
        assertThat(Selectors.matches(selector, Map.of("app", "web", "tier", "c"))).isFalse();
        assertThat(Selectors.matches(yaml("{}"), Map.of())).as("an empty selector selects everything").isTrue();
        assertThat(Selectors.matches(MissingNode.getInstance(), Map.of("app", "web"))).as("no selector selects nothing").isFalse();
    }

    @Test
    void nodeAffinityTermsAreOredAndExpressionsAnded() {
        JsonNode spec = yaml("""
                nodeSelector: {kubernetes.io/os: linux}
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                      - matchExpressions:
                        - {key: zone, operator: In, values: [a]}
                        - {key: gpus, operator: Gt, values: ["2"]}
                      - matchFields:
                        - {key: metadata.name, operator: In, values: [special]}
                """);
        assertThat(Selectors.nodeMatches(spec, "n1", Map.of("kubernetes.io/os", "linux", "zone", "a", "gpus", "4"))).isTrue();
        assertThat(Selectors.nodeMatches(spec, "n1", Map.of("kubernetes.io/os", "linux", "zone", "a", "gpus", "1"))).isFalse();
        assertThat(Selectors.nodeMatches(spec, "special", Map.of("kubernetes.io/os", "linux"))).as("the second term, by name").isTrue();
        assertThat(Selectors.nodeMatches(spec, "special", Map.of("kubernetes.io/os", "windows"))).as("the node selector always applies")
                .isFalse();
    }
}
