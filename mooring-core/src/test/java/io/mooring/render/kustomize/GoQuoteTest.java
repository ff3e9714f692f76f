package io.mooring.render.kustomize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoQuoteTest {
    @Test
    void escapesQuotesBackslashesAndControlCharactersAsGoDoes() {
        assertThat(GoQuote.quote("- op: \"x\"\n  path: a\\b\t\u0001"))
                .isEqualTo("\"- op: \\\"x\\\"\\n  path: a\\\\b\\t\\x01\"");
    }

    @Test
    void keepsPrintableUnicodeButEscapesInvisibleCharacters() {
        assertThat(GoQuote.quote("héllo ✓ \u00a0\u200b")).as("no-break and zero-width spaces are not printable in Go")
                .isEqualTo("\"héllo ✓ \\u00a0\\u200b\"");
    }
}
