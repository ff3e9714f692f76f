package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What go-yaml v2 prints. Cases marked "go-yaml's own test" are expected outputs from go-yaml v2's
 * encode_test.go; the others are worked out by hand from its emitter (emitterc.go) and resolver.
 */
class GoYamlWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static String write(String json) {
        try {
            return GoYamlWriter.write(JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The document printed for {"k": value}. */
    private static String value(String text) {
        return GoYamlWriter.write(NODES.objectNode().put("k", text));
    }

    // ---- layout ----

    @Test
    void sequencesInAMappingAreNotIndentedAndMappingsInASequenceStartOnTheDashLine() {
        // go-yaml's own test.
        assertThat(write("{\"v\": [\"A\", 1, {\"B\": [2, 3]}]}"))
                .isEqualTo("v:\n- A\n- 1\n- B:\n  - 2\n  - 3\n");
        assertThat(write("{\"a\": {\"b\": \"c\", \"d\": {\"e\": [{\"f\": 1, \"g\": 2}]}}}"))
                .isEqualTo("a:\n  b: c\n  d:\n    e:\n    - f: 1\n      g: 2\n");
    }

    @Test
    void nestedSequencesShareTheDashLine() {
        assertThat(write("[[1, [2, 3]], [], {}]")).isEqualTo("- - 1\n  - - 2\n    - 3\n- []\n- {}\n");
    }

    @Test
    void emptyCollectionsAndNullsAreWrittenInFlowForm() {
        assertThat(write("{\"a\": {}, \"b\": [], \"c\": null, \"d\": true, \"e\": false}"))
                .isEqualTo("a: {}\nb: []\nc: null\nd: true\ne: false\n");
        assertThat(write("{}")).isEqualTo("{}\n");
        assertThat(write("[]")).isEqualTo("[]\n");
        assertThat(write("null")).isEqualTo("null\n");
    }

    @Test
    void aRootScalarIsIndentedLikeAnyOtherScalar() {
        assertThat(write("\"text\"")).isEqualTo("text\n");
        assertThat(write("\"two\\nlines\"")).as("a root literal block is indented by two").isEqualTo("|-\n  two\n  lines\n");
    }

    @Test
    void keysAreSortedTheWayGoYamlV2SortsThem() {
        assertThat(write("{\"a10\": 1, \"a2\": 2, \"B\": 3, \"_x\": 4, \"a\": 5, \"apiVersion\": 6, \"kind\": 7}"))
                .isEqualTo("_x: 4\nB: 3\na: 5\na2: 2\na10: 1\napiVersion: 6\nkind: 7\n");
    }

    @Test
    void keysThatNeedQuotesAreQuotedLikeValues() {
        assertThat(write("{\"y\": 1, \"on\": 2, \"\": 3, \"- x\": 4, \"1\": 5}"))
                .isEqualTo("\"\": 3\n'- x': 4\n\"1\": 5\n\"on\": 2\n\"y\": 1\n");
    }

    @Test
    void keysLongerThan128BytesUseTheExplicitKeyForm() {
        String limit = "k".repeat(128);
        String over = "k".repeat(129);
        assertThat(write("{\"" + limit + "\": 1}")).isEqualTo(limit + ": 1\n");
        assertThat(write("{\"" + over + "\": 1}")).isEqualTo("? " + over + "\n: 1\n");
        // The limit counts UTF-8 bytes, not characters: 65 two-byte characters are over it.
        String wide = "é".repeat(65);
        assertThat(write("{\"" + wide + "\": 1}")).isEqualTo("? " + wide + "\n: 1\n");
    }

    @Test
    void multiLineKeysUseTheExplicitKeyFormWithALiteralBlock() {
        assertThat(write("{\"a\\nb\": 1}")).isEqualTo("? |-\n  a\n  b\n: 1\n");
        assertThat(write("{\"a\\nb\": [1]}")).as("the value's sequence is indented after ': '")
                .isEqualTo("? |-\n  a\n  b\n: - 1\n");
    }

    // ---- strings that go-yaml v2 resolves as something else, so it double-quotes them ----

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "on", "off", "y", "Y", "n", "True", "FALSE", "null", "~", "",
            "1.0", "0777", "0x1F", "0o17", "0b101", "1_000", "+1", "-1", ".5", ".inf", "-.Inf", ".NaN",
            "1e3", "18446744073709551616", "2020-01-01", "2020-1-2", "2020-01-01T10:00:00Z", "2020-01-01t10:00:00.5+02:00",
            "2020-1-2 3:4:5", "2020-01-01  10:00:00,123", "2020-02-29", "1:20", "-1:20:30.5", "0b-1", ".5_5"})
    void stringsThatReadBackAsOtherTypesAreDoubleQuoted(String text) {
        assertThat(value(text)).as("v2 resolves %s as a non-string", text).isEqualTo("k: \"" + text + "\"\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "yes please", "Yes!", "nan", "inf", "-inf", "0x", "1e999", "2020-02-30", "2021-02-29",
            "2020-01-01T10:00:00", "2020-01-01T25:00:00Z", "10:60", "<<", "=", "a:b", "a#b", "?x", "-x", "café", "日本語",
            "10.0.0.1", "1.2.3", "v1.2.3", "http://x.io/a?b=c#d", "x-1"})
    void stringsThatReadBackAsStringsArePlain(String text) {
        assertThat(value(text)).as("v2 resolves %s as a string and the emitter allows it plain", text)
                .isEqualTo("k: " + text + "\n");
    }

    // ---- strings the emitter refuses to write plain ----

    static Stream<Arguments> stringsTheEmitterSingleQuotes() {
        // go-yaml's own tests include "-", "b: c" and "Hello #comment".
        return Stream.of(": x", "- a", "-", "a #b", "a: b", "x:", "trailing ", " leading", "@x", "---", "...",
                        "'q'", "#x", "%x", "`x", "!x", "*x", "&x", "|x", ">x", "{x", "[x", ",x", "]x", "\"x")
                .map(text -> Arguments.of(text, "'" + text.replace("'", "''") + "'"));
    }

    @ParameterizedTest
    @MethodSource("stringsTheEmitterSingleQuotes")
    void stringsWithIndicatorsOrEdgeSpacesAreSingleQuoted(String text, String printed) {
        assertThat(value(text)).as("the emitter refuses %s plain", text).isEqualTo("k: " + printed + "\n");
    }

    @Test
    void charactersLibyamlDoesNotPrintAreEscapedInDoubleQuotes() {
        assertThat(value("a\tb")).as("tab is not printable for libyaml").isEqualTo("k: \"a\\tb\"\n");
        assertThat(value("\u0000")).as("go-yaml's own test").isEqualTo("k: \"\\0\"\n");
        assertThat(value("a\rb")).isEqualTo("k: \"a\\rb\"\n");
        assertThat(value("\u0007\u0008\u000b\u000c\u001b\u0001")).isEqualTo("k: \"\\a\\b\\v\\f\\e\\x01\"\n");
        assertThat(value("😀")).as("characters beyond the BMP are not printable for libyaml").isEqualTo("k: \"\\U0001F600\"\n");
        assertThat(value("tab\tand \"quotes\" and \\")).isEqualTo("k: \"tab\\tand \\\"quotes\\\" and \\\\\"\n");
    }

    @Test
    void nextLineCharactersAreFoldedAsGoYamlReadsThemFromJson() {
        assertThat(value("a\u0085b")).as("one NEL with the spaces around it reads as a space").isEqualTo("k: a b\n");
        assertThat(value("a \u0085\u0085 b")).as("n NELs read as n-1 line feeds").isEqualTo("k: |-\n  a\n  b\n");
        assertThat(value("x\u0085")).isEqualTo("k: 'x '\n");
    }

    @Test
    void aLeadingByteOrderMarkEscapesTheWholeString() {
        // emitterc.go checks for a BOM at the start of the value for every character.
        assertThat(value("\uFEFFab c")).isEqualTo("k: \"\\uFEFF\\x61\\x62\\x20\\x63\"\n");
    }

    @Test
    void printableUnicodeIsWrittenAsIs() {
        // go-yaml's own tests: "你好" and "你好 #comment".
        assertThat(value("你好")).isEqualTo("k: 你好\n");
        assertThat(value("你好 #comment")).isEqualTo("k: '你好 #comment'\n");
        assertThat(value("\u00a0x")).as("a no-break space is printable and not a space to libyaml").isEqualTo("k: \u00a0x\n");
    }

    @Test
    void lineAndParagraphSeparatorsBreakSingleQuotedText() {
        // U+2028 is printable but a line break: plain is refused, single quotes are not, and the
        // emitter indents what follows the break.
        assertThat(value("a\u2028b")).isEqualTo("k: 'a\u2028  b'\n");
    }

    // ---- literal block scalars ----

    @Test
    void stringsWithNewlinesAreLiteralBlocksWithTheirChomping() {
        assertThat(value("a\nb")).isEqualTo("k: |-\n  a\n  b\n");
        assertThat(value("a\nb\n")).isEqualTo("k: |\n  a\n  b\n");
        assertThat(write("{\"k\": \"a\\n\\n\", \"z\": 1}")).as("keep: the blank line stays, the next key follows it")
                .isEqualTo("k: |+\n  a\n\nz: 1\n");
        assertThat(value("\n")).isEqualTo("k: |2+\n\n");
        assertThat(value("a\n\nb\n")).as("blank lines inside carry no indentation").isEqualTo("k: |\n  a\n\n  b\n");
    }

    @Test
    void literalBlocksThatStartWithASpaceCarryAnIndentationIndicator() {
        assertThat(value("  indented\nline\n")).isEqualTo("k: |2\n    indented\n  line\n");
        assertThat(value("a\n b")).as("a space after a break is fine inside the block").isEqualTo("k: |-\n  a\n   b\n");
        assertThat(write("{\"a\": {\"k\": \" x\\ny\"}}")).isEqualTo("a:\n  k: |2-\n     x\n    y\n");
    }

    @Test
    void multiLineStringsThatCannotBeLiteralAreDoubleQuoted() {
        assertThat(value("a \nb")).as("a space before a break").isEqualTo("k: \"a \\nb\"\n");
        assertThat(value("a\nb ")).as("a trailing space").isEqualTo("k: \"a\\nb \"\n");
        assertThat(value("a\tb\nc")).as("a tab").isEqualTo("k: \"a\\tb\\nc\"\n");
        assertThat(value("a\r\nb")).as("a carriage return").isEqualTo("k: \"a\\r\\nb\"\n");
    }

    // ---- folding at column 80 ----

    @Test
    void longPlainTextIsFoldedAtTheFirstSpacePastColumn80() {
        String text = words("aaaa", 30);
        // "description: " is 13 columns; the space after word k is reached at column 17+5k, the
        // first past 80 is after word 13 (column 82): 14 words, then the rest on an indented line.
        String printed = GoYamlWriter.write(NODES.objectNode().put("description", text));
        assertThat(printed).isEqualTo("description: " + words("aaaa", 14) + "\n  " + words("aaaa", 16) + "\n");
    }

    @Test
    void longSingleQuotedTextIsFoldedLikePlainText() {
        // go-yaml's own test (TestLineWrapping).
        String text = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 "
                + "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 ";
        assertThat(GoYamlWriter.write(NODES.objectNode().put("a", text))).isEqualTo(
                "a: 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz\n"
                        + "  ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 '\n");
    }

    @Test
    void longDoubleQuotedTextIsFoldedAndEscapesALeadingSpaceOnTheNextLine() {
        // `k: "\t` ends at column 6; word j ends at 10+5j; the first space past 80 follows word 15.
        String text = "\t" + words("abcd", 20);
        assertThat(value(text)).isEqualTo("k: \"\\t" + words("abcd", 16) + "\n  " + words("abcd", 4) + "\"\n");
        // When the fold falls on the first of two spaces, the second is kept with a "\" before it.
        String doubled = "\t" + words("abcd", 16) + "  tail";
        assertThat(value(doubled)).isEqualTo("k: \"\\t" + words("abcd", 16) + "\n  \\ tail\"\n");
    }

    @Test
    void keysAreNeverFolded() {
        String key = words("ab", 40);
        assertThat(GoYamlWriter.write(NODES.objectNode().put(key, 1))).isEqualTo(key + ": 1\n");
    }

    // ---- numbers ----

    @Test
    void numbersArePrintedAsGoReprintsThemAfterJson() {
        assertThat(write("{\"a\": 1.0, \"b\": 1.5, \"c\": 1e21, \"d\": 1e-7, \"e\": 100000000000000000000,"
                + " \"f\": 18446744073709551615, \"g\": -0.0, \"h\": 1234567.5, \"i\": 0.0001, \"j\": 42}"))
                .isEqualTo("a: 1\nb: 1.5\nc: 1e+21\nd: 1e-07\ne: 1e+20\nf: 18446744073709551615\ng: 0\n"
                        + "h: 1.2345675e+06\ni: 0.0001\nj: 42\n");
    }

    // ---- what kustomize cannot print either ----

    @Test
    void refusesNumbersJsonCannotHoldAndSaysWhere() {
        ObjectNode tree = NODES.objectNode();
        tree.putObject("spec").putArray("values").add(1).add(Double.NaN);
        assertThatThrownBy(() -> GoYamlWriter.write(tree))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec.values[1]")
                .hasMessageContaining("NaN");
    }

    @Test
    void refusesControlCharactersGoYamlV2CannotReadBack() {
        assertThatThrownBy(() -> value("a\u007fb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot print k:").hasMessageContaining("U+007F");
        assertThatThrownBy(() -> value("\u0090")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0090");
        assertThatThrownBy(() -> GoYamlWriter.write(NODES.objectNode().put("bad\uFFFE", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+FFFE");
        assertThatThrownBy(() -> value("x\uD800")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("surrogate");
    }

    @Test
    void refusesNodesThatAreNotPlainData() {
        ObjectNode tree = NODES.objectNode();
        tree.putPOJO("thing", new Object());
        assertThatThrownBy(() -> GoYamlWriter.write(tree)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thing").hasMessageContaining("POJO");
    }

    @Test
    void binaryIsPrintedAsBase64LikeGoJson() {
        JsonNode tree = NODES.objectNode().put("data", new byte[] {1, 2, 3, (byte) 0xff});
        assertThat(GoYamlWriter.write(tree)).isEqualTo("data: AQID/w==\n");
    }

    private static String words(String word, int count) {
        return IntStream.range(0, count).mapToObj(i -> word).collect(Collectors.joining(" "));
    }
}
