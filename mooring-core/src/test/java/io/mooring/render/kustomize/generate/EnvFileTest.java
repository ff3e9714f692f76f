package io.mooring.render.kustomize.generate;

import io.mooring.resource.ManifestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvFileTest {
    private static List<String> parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> parse(byte[] content) {
        return EnvFile.parse("a.env", content).stream()
                .map(p -> p.key() + "=" + new String(p.value(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void skipsCommentsAndBlankLinesAndSplitsAtTheFirstEquals() {
        assertThat(parse("# comment\n\nA=1\n   # indented comment\nB=x=y\nC=\n"))
                .containsExactly("A=1", "B=x=y", "C=");
    }

    @Test
    void dropsLeadingSpaceButKeepsEverythingElseVerbatim() {
        assertThat(parse("  \tA=1  \nB=\"quoted\"\nexport C=3\nD = 4\n"))
                .as("no quote removal, no export keyword, trailing and inner spaces kept")
                .containsExactly("A=1  ", "B=\"quoted\"", "export C=3", "D = 4");
    }

    @Test
    void dropsLeadingUnicodeSpaceAsGoDoes() {
        assertThat(parse("\u00A0\u3000A=1\n")).containsExactly("A=1");
    }

    @Test
    void dropsCarriageReturnsAndAByteOrderMarkOnTheFirstLineOnly() {
        assertThat(parse("\uFEFFA=1\r\nB=2\r\n\uFEFFC=3\n"))
                .containsExactly("A=1", "B=2", "\uFEFFC=3");
    }

    @Test
    void givesABareKeyAnEmptyValueWithoutReadingTheEnvironment() {
        assertThat(parse("HOME\nUNSET\n")).as("kustomize v5.5.0 no longer reads the process environment")
                .containsExactly("HOME=", "UNSET=");
    }

    @Test
    void skipsLinesWithAnEmptyKey() {
        assertThat(parse("=orphan\nA=1\n")).containsExactly("A=1");
    }

    @Test
    void readsALastLineWithoutNewline() {
        assertThat(parse("A=1\nB=2")).containsExactly("A=1", "B=2");
    }

    @Test
    void refusesInvalidUtf8WithTheLine() {
        byte[] content = {'A', '=', '1', '\n', 'B', '=', (byte) 0xff, '\n'};
        assertThatThrownBy(() -> parse(content))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("a.env:2")
                .hasMessageContaining("line 2 has invalid utf8 bytes");
    }

    @Test
    void stopsSilentlyAtAnOverlongLineAsKustomizeDoes() {
        String text = "A=1\nB=" + "x".repeat(EnvFile.MAX_LINE_BYTES) + "\nC=3\n";
        assertThat(parse(text)).as("Go's scanner stops and kustomize ignores its error").containsExactly("A=1");
        String fits = "B=" + "x".repeat(EnvFile.MAX_LINE_BYTES - 3);
        assertThat(parse(fits + "\nC=3\n")).hasSize(2);
    }
}
