package io.mooring.secrets;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoTemplateTest {
    private static final Map<String, String> DATA = Map.of("user", "ada", "db-pass", "p@ss", "b64", "aGk=");

    @Test
    void keysIndexPipelinesAndTrimMarkersRenderAsGoDoes() {
        assertThat(GoTemplate.render("u={{ .user }} p={{ index . \"db-pass\" }}", DATA)).isEqualTo("u=ada p=p@ss");
        assertThat(GoTemplate.render("{{ .user | upper | quote }}", DATA)).isEqualTo("\"ADA\"");
        assertThat(GoTemplate.render("{{ .b64 | b64dec }}/{{ .user | b64enc }}/{{ .user | toString }}", DATA)).isEqualTo("hi/YWRh/ada");
        assertThat(GoTemplate.render("a  \n{{- .user -}}\n  b{{/* note */}}", DATA)).isEqualTo("aadab");
        assertThat(GoTemplate.render("no actions", DATA)).isEqualTo("no actions");
    }

    @Test
    void whatIsNotSupportedIsRefusedByNameAndValuesAreNeverQuoted() {
        assertThatThrownBy(() -> GoTemplate.render("{{ .missing }}", DATA)).hasMessageContaining("key \"missing\"")
                .hasMessageContaining("b64, db-pass, user").hasMessageNotContaining("p@ss");
        assertThatThrownBy(() -> GoTemplate.render("{{ range . }}x{{ end }}", DATA)).hasMessageContaining("'range' is not a function");
        assertThatThrownBy(() -> GoTemplate.render("{{ $x := 1 }}", DATA)).hasMessageContaining("variables");
        assertThatThrownBy(() -> GoTemplate.render("{{ .db-pass }}", DATA)).hasMessageContaining("index . \"db-pass\"");
        assertThatThrownBy(() -> GoTemplate.render("{{ .user ", DATA)).hasMessageContaining("never closed");
        assertThatThrownBy(() -> GoTemplate.render("{{ . }}", DATA)).hasMessageContaining("whole data");
    }
}
