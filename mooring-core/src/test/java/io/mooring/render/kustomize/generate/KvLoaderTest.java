package io.mooring.render.kustomize.generate;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvLoaderTest {
    private static String literalValue(String literal) {
        return new String(KvLoader.literal(literal, "k.yaml").value(), StandardCharsets.UTF_8);
    }

    @Test
    void splitsLiteralsAtTheFirstEquals() {
        KvPair pair = KvLoader.literal("url=http://x?a=b", "k.yaml");
        assertThat(pair.key()).isEqualTo("url");
        assertThat(new String(pair.value(), StandardCharsets.UTF_8)).isEqualTo("http://x?a=b");
        assertThat(literalValue("empty=")).isEmpty();
    }

    @Test
    void removesOnlyOnePairOfMatchingSurroundingQuotes() {
        assertThat(literalValue("a=\"false\"")).isEqualTo("false");
        assertThat(literalValue("a='x'")).isEqualTo("x");
        assertThat(literalValue("a=\"'x'\"")).isEqualTo("'x'");
        assertThat(literalValue("a='")).as("a lone quote stays (TestDataIsSingleQuote)").isEqualTo("'");
        assertThat(literalValue("a=''")).isEmpty();
        assertThat(literalValue("a=this is a 'test'")).isEqualTo("this is a 'test'");
        assertThat(literalValue("a='x\"")).as("mismatched quotes stay").isEqualTo("'x\"");
    }

    @Test
    void refusesLiteralsWithoutKeyOrEquals() {
        assertThatThrownBy(() -> KvLoader.literal("=v", "k.yaml")).hasMessageContaining("invalid literal source =v, expected key=value");
        assertThatThrownBy(() -> KvLoader.literal("novalue", "k.yaml")).hasMessageContaining("invalid literal source novalue");
    }

    @Test
    void namesFileSourcesByTheirLastPathElementUnlessGivenAKey() {
        assertThat(KvLoader.fileSource("conf/app.properties", "k")).containsExactly("app.properties", "conf/app.properties");
        assertThat(KvLoader.fileSource("key=conf/app.properties", "k")).containsExactly("key", "conf/app.properties");
        assertThat(KvLoader.baseName("dir/")).isEqualTo("dir");
        assertThat(KvLoader.baseName("")).isEqualTo(".");
        assertThat(KvLoader.baseName("//")).isEqualTo("/");
    }

    @Test
    void refusesMalformedFileSources() {
        assertThatThrownBy(() -> KvLoader.fileSource("=a.txt", "k")).hasMessageContaining("key name for file path a.txt missing");
        assertThatThrownBy(() -> KvLoader.fileSource("k=", "k")).hasMessageContaining("file path for key name k missing");
        assertThatThrownBy(() -> KvLoader.fileSource("a=b=c", "k")).hasMessageContaining("cannot contain '='");
    }
}
