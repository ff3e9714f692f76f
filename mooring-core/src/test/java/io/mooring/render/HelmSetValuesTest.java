package io.mooring.render;

import io.mooring.render.HelmSetValues.Assignment;
import io.mooring.resource.ManifestException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HelmSetValuesTest {
    @Test
    void splitsEveryExpressionOnUnescapedCommasInOrder() {
        assertThat(HelmSetValues.parse(List.of("a.b=1,c=x", "d[0].e=y")))
                .containsExactly(new Assignment("a.b", "1"), new Assignment("c", "x"), new Assignment("d[0].e", "y"));
    }

    @Test
    void unescapesValuesButKeepsKeysAsWrittenForHelm() {
        assertThat(HelmSetValues.parse(List.of("a\\.b=x\\,y\\\\z,url=http://h/?q=1")))
                .as("helm-java escapes values again; Helm reads the key's escapes itself")
                .containsExactly(new Assignment("a\\.b", "x,y\\z"), new Assignment("url", "http://h/?q=1"));
    }

    @Test
    void anEmptyValueIsTheEmptyString() {
        assertThat(HelmSetValues.parse(List.of("a="))).containsExactly(new Assignment("a", ""));
    }

    @Test
    void aKeyWithoutValueIsRefusedLikeHelmDoes() {
        assertThatThrownBy(() -> HelmSetValues.parse(List.of("a=1,b")))
                .isInstanceOf(ManifestException.class)
                .hasMessage("--set a=1,b: key \"b\" has no value (write --set key=value, several separated by commas)");
    }

    @Test
    void theListFormIsRefusedWithAWayOut() {
        assertThatThrownBy(() -> HelmSetValues.parse(List.of("hosts={a,b}")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("hosts={...} is not supported")
                .hasMessageContaining("hosts[0]=");
    }
}
