package io.mooring.render.kustomize.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.GoJson;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NameHashTest {
    private static ObjectNode yaml(String text) {
        return (ObjectNode) new YamlReader().readOne("object.yaml", text);
    }

    @Test
    void hashesAConfigMapAsKustomizeDoes() {
        ObjectNode configMap = yaml("""
                kind: ConfigMap
                metadata: {name: testing}
                data:
                  initial.txt: "greetings\\neveryone\\n"
                  final.txt: "different\\nbehavior\\n"
                """);
        assertThat(NameHash.of(configMap)).as("TestConfigMapGeneratorLiteralNewline expects testing-tt4769fb52")
                .isEqualTo("tt4769fb52");
        assertThat(NameHash.of(yaml("{kind: ConfigMap, metadata: {name: test}, data: {TEST: \"'\"}}")))
                .as("TestDataIsSingleQuote expects test-m8t7bmb6g2").isEqualTo("m8t7bmb6g2");
    }

    @Test
    void hashesASecretWithItsType() {
        ObjectNode secret = yaml("""
                kind: Secret
                metadata: {name: the-secret}
                type: Opaque
                data: {password.txt: YW5vdGhlclNlY3JldA==}
                """);
        assertThat(NameHash.of(secret)).as("TestNamespacedGenerator expects the-secret-6557m7fcg8").isEqualTo("6557m7fcg8");
        secret.put("type", "kubernetes.io/tls");
        assertThat(NameHash.of(secret)).isNotEqualTo("6557m7fcg8");
    }

    @Test
    void includesBinaryDataAndCountsMissingDataAsEmptyText() {
        byte[] content = new byte[180];
        for (int i = 0; i < content.length; i += 6) {
            content[i] = (byte) 0xff;
            System.arraycopy("hello".getBytes(), 0, content, i + 1, 5);
        }
        ObjectNode configMap = yaml("{kind: ConfigMap, metadata: {name: p1-com1}}");
        configMap.putObject("binaryData").put("data.bin", Generator.base64Lines(content));
        assertThat(NameHash.of(configMap)).as("TestGeneratorOverlaysBinaryData expects p1-com1-96gmmt6gt5")
                .isEqualTo("96gmmt6gt5");
    }

    @Test
    void ignoresNameLabelsAnnotationsAndImmutable() {
        ObjectNode plain = yaml("{kind: ConfigMap, metadata: {name: a}, data: {k: v}}");
        ObjectNode decorated = yaml("""
                kind: ConfigMap
                metadata: {name: prefix-b-suffix, namespace: ns, labels: {x: y}, annotations: {n: m}}
                immutable: true
                data: {k: v}
                """);
        assertThat(NameHash.of(decorated)).as("kustomize looks the name up as one field called metadata/name")
                .isEqualTo(NameHash.of(plain));
        ObjectNode changed = plain.deepCopy();
        ((ObjectNode) changed.get("data")).put("k", "w");
        assertThat(NameHash.of(changed)).isNotEqualTo(NameHash.of(plain));
    }

    @Test
    void includesStringDataOfASecretOnlyWhenItIsAMapping() {
        ObjectNode secret = yaml("{kind: Secret, type: Opaque, data: {}}");
        String without = NameHash.of(secret);
        secret.put("stringData", "not a map");
        assertThat(NameHash.of(secret)).isEqualTo(without);
        secret.putObject("stringData").put("k", "v");
        assertThat(NameHash.of(secret)).isNotEqualTo(without);
    }

    @Test
    void refusesOtherKinds() {
        assertThatThrownBy(() -> NameHash.of(yaml("{kind: Deployment, metadata: {name: d}}")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("cannot compute a name hash for kind 'Deployment'");
    }

    @Test
    void encodesLikeKustomizeWithoutVowelsOrConfusableDigits() {
        assertThat(NameHash.encode("0123456789abcdef")).isEqualTo("gh2k456789");
        assertThat(NameHash.encode("abcdef0123")).isEqualTo("mbcdtfgh2k");
        assertThat(NameHash.encode("e" + "f".repeat(63))).isEqualTo("tfffffffff");
    }

    @Test
    void writesJsonAsGoDoes() {
        ObjectNode node = yaml("{b: \"<a & b>\\u2028\\b\\u0001\", a: [1.5e21, 1.0e-7, 2020, 0.5, true, null], \"\\U0001F600\": 1, \"\\uFFFD\": 2}");
        assertThat(GoJson.write(node)).isEqualTo(
                "{\"a\":[1.5e+21,1e-7,2020,0.5,true,null],\"b\":\"\\u003ca \\u0026 b\\u003e\\u2028\\b\\u0001\","
                        + "\"\uFFFD\":2,\"\uD83D\uDE00\":1}");
    }

    @Test
    void writesFloatsWithGoDigits() {
        assertThat(Arrays.asList(GoJson.float64(9.223372036854775807E18), GoJson.float64(1e21), GoJson.float64(1e20),
                GoJson.float64(0.000001), GoJson.float64(1.5e-10), GoJson.float64(-0.0), GoJson.float64(-3.25e22)))
                .as("shortest digits, padded with zeros in plain notation").containsExactly("9223372036854776000", "1e+21",
                        "100000000000000000000", "0.000001", "1.5e-10", "-0", "-3.25e+22");
    }
}
