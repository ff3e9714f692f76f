package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlReaderTest {
    private final YamlReader reader = new YamlReader();

    @Test
    void readsDocumentsInOrderWithLinesAndText() {
        String text = "# first\na: 1\n---\nb: two # note\n";
        List<YamlDocument> documents = reader.read("f.yaml", text);
        assertThat(documents).hasSize(2);
        assertThat(documents.get(0).value().get("a").intValue()).isEqualTo(1);
        assertThat(documents.get(1).line()).as("second document starts at its --- line").isEqualTo(3);
        assertThat(documents.get(1).text()).contains("# note");
    }

    @Test
    void resolvesScalarsLikeGoYamlV3() {
        JsonNode value = reader.readOne("f.yaml", """
                octal: 0777
                hex: 0x1F
                under: 1_000
                float: 1.5
                yes: yes
                on: on
                quoted: "12"
                date: 2020-01-01
                null1: ~
                bool: True
                big: 18446744073709551615
                tagged: !!int "42"
                str: !!str 42
                """);
        assertThat(value.get("octal").intValue()).isEqualTo(511);
        assertThat(value.get("hex").intValue()).isEqualTo(31);
        assertThat(value.get("under").intValue()).isEqualTo(1000);
        assertThat(value.get("float").doubleValue()).isEqualTo(1.5);
        assertThat(value.get("yes").isTextual()).as("yes is a string in YAML 1.2").isTrue();
        assertThat(value.get("on").isTextual()).isTrue();
        assertThat(value.get("quoted").isTextual()).isTrue();
        assertThat(value.get("date").asText()).isEqualTo("2020-01-01");
        assertThat(value.get("null1").isNull()).isTrue();
        assertThat(value.get("bool").booleanValue()).isTrue();
        assertThat(value.get("big").bigIntegerValue().toString()).isEqualTo("18446744073709551615");
        assertThat(value.get("tagged").intValue()).isEqualTo(42);
        assertThat(value.get("str").isTextual()).isTrue();
    }

    @Test
    void expandsAliasesAndMergeKeys() {
        JsonNode value = reader.readOne("f.yaml", """
                base: &b {x: 1, y: 2}
                copy: *b
                merged:
                  <<: *b
                  y: 3
                """);
        assertThat(value.get("copy").get("x").intValue()).isEqualTo(1);
        assertThat(value.get("merged").get("x").intValue()).isEqualTo(1);
        assertThat(value.get("merged").get("y").intValue()).as("explicit key wins over merged").isEqualTo(3);
    }

    @Test
    void malformedYamlNamesFileAndLine() {
        assertThatThrownBy(() -> reader.read("deploy.yaml", "a: 1\nb: [1, 2\nc: 3\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("deploy.yaml:")
                .hasMessageContaining("malformed YAML");
    }

    @Test
    void goYamlV2FilesReadYaml11WordsAsBooleansButManifestsDoNot() {
        String text = "a: yes\nb: Off\nc: \"yes\"\nd: y\non: key\n";
        JsonNode v2 = YamlReader.goYamlV2().readOne("kustomization.yaml", text);
        assertThat(v2.get("a").isBoolean() && v2.get("a").booleanValue()).as("plain yes is true in go-yaml v2").isTrue();
        assertThat(v2.get("b").isBoolean() && !v2.get("b").booleanValue()).as("plain Off is false in go-yaml v2").isTrue();
        assertThat(v2.get("c").isTextual()).as("a quoted word stays a string").isTrue();
        assertThat(v2.get("d").isBoolean()).as("plain y is a boolean in go-yaml v2").isTrue();
        assertThat(v2.has("true")).as("a key 'on' becomes the key 'true', as sigs.k8s.io/yaml prints it").isTrue();
        JsonNode v3 = reader.readOne("manifest.yaml", text);
        assertThat(v3.get("a").isTextual() && v3.get("d").isTextual() && v3.has("on"))
                .as("go-yaml v3 reads them as strings").isTrue();
    }

    @Test
    void scalarsRememberHowTheyWereWrittenButCompareAsValues() {
        JsonNode value = reader.readOne("f.yaml", "a: 1.50\nb: 0x1F\nc: 7\nd: ~\ne:\nexp: 1e3\nflag: True\nday: 2024-01-01\n");
        assertThat(written(value, "a")).isEqualTo("1.50");
        assertThat(value.get("a")).as("still the number 1.5").isEqualTo(DoubleNode.valueOf(1.5));
        assertThat(written(value, "b")).isEqualTo("0x1F");
        assertThat(value.get("b").intValue()).isEqualTo(31);
        assertThat(written(value, "exp")).isEqualTo("1e3");
        assertThat(written(value, "flag")).isEqualTo("True");
        assertThat(value.get("flag")).as("still the boolean true").isEqualTo(BooleanNode.TRUE);
        assertThat(written(value, "day")).as("a timestamp reads as its text").isEqualTo("2024-01-01");
        assertThat(value.get("c")).as("a number written as it prints needs no text of its own").isNotInstanceOf(WrittenScalar.class);
        assertThat(written(value, "d")).isEqualTo("~");
        assertThat(YamlNull.spelling((NullNode) value.get("d"))).isEqualTo("~");
        assertThat(YamlNull.spelling((NullNode) value.get("e"))).as("an empty value is a null written as nothing").isEmpty();
        assertThat(YamlNull.spelling(NullNode.instance)).as("a null not read from YAML").isEqualTo("null");
        assertThat(value.get("d")).isEqualTo(NullNode.instance);
    }

    private static String written(JsonNode object, String field) {
        assertThat(object.get(field)).as("%s remembers how it was written", field).isInstanceOf(WrittenScalar.class);
        return ((WrittenScalar) object.get(field)).writtenText();
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> reader.read("d.yaml", "a: 1\nb: 2\na: 3\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("d.yaml:3")
                .hasMessageContaining("\"a\" already defined at line 1");
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        assertThatThrownBy(() -> reader.read("bomb.yaml", bomb.toString()))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("alias bomb");
    }

    @Test
    void recursiveAliasIsRefused() {
        assertThatThrownBy(() -> reader.read("r.yaml", "a: &a [1, *a]\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("refers to itself");
    }

    @Test
    void oversizedInputIsRefused() {
        YamlReader small = new YamlReader(new YamlLimits(100, 1000, 10));
        assertThatThrownBy(() -> small.read("big.yaml", "a: " + "x".repeat(200)))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("more than the 100");
    }

    @Test
    void readsCharactersBeyondTheBmpAtAnyOffset() {
        for (int pad = 1015; pad < 1030; pad++) {
            String text = "k: " + "x".repeat(pad) + "\uD83D\uDE80\n";
            assertThat(reader.readOne("f.yaml", text).get("k").asText()).as("an emoji after %d characters", pad).endsWith("\uD83D\uDE80");
        }
    }
}
