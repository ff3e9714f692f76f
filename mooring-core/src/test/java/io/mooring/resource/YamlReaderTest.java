package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;
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

    @Test
    void numbersBooleansAndNullsKeepTheirWrittenText() {
        JsonNode value = reader.readOne("f.yaml", "hex: 0x1F\nexp: 1e3\nflag: True\nnone: ~\nplain: 5\n");
        assertThat(value.get("hex").intValue()).isEqualTo(31);
        assertThat(((WrittenScalars.Written) value.get("hex")).writtenText()).isEqualTo("0x1F");
        assertThat(((WrittenScalars.Written) value.get("exp")).writtenText()).isEqualTo("1e3");
        assertThat(((WrittenScalars.Written) value.get("flag")).writtenText()).isEqualTo("True");
        assertThat(((YamlNull) value.get("none")).text()).isEqualTo("~");
        assertThat(value.get("plain")).as("a number written as it prints needs no text of its own")
                .isNotInstanceOf(WrittenScalars.Written.class);
    }
}
