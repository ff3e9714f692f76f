package io.mooring.resource;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelSelectorTest {
    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "fe", "size", "5");

    @Test
    void matchesEveryKubernetesOperator() {
        assertThat(LabelSelector.parse("app=web,tier==fe").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("app!=api").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("app in (api, web)").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("app notin (web)").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("tier,!legacy").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("size>3,size<9").matches(WEB)).as("numeric comparisons").isTrue();
        assertThat(LabelSelector.parse("").matches(WEB)).as("an empty selector selects everything").isTrue();
        assertThat(LabelSelector.parse(null)).as("no selector is the selector of everything").isEqualTo(LabelSelector.EVERYTHING);
    }

    @Test
    void refusesMalformedSelectorsWithKubernetesMessages() {
        assertThatThrownBy(() -> LabelSelector.parse("app=web=x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found '=', expected: ',' or 'end of string'");
        assertThatThrownBy(() -> LabelSelector.parse("app ~ web")).hasMessageContaining("unable to parse requirement: found '~'");
        assertThatThrownBy(() -> LabelSelector.parse("size>big")).hasMessageContaining("the value must be an integer");
        assertThatThrownBy(() -> LabelSelector.parse("app=" + "x".repeat(64))).hasMessageContaining("unable to parse requirement: values[0][app]: Invalid value").hasMessageContaining("a valid label must be");
        assertThatThrownBy(() -> LabelSelector.parse("app=web,")).hasMessageContaining("expected: identifier after ','");
    }
}
