package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScalarRetypingTest {
    @Test
    void newTextKeepsTheTargetsType() {
        assertThat(ScalarRetyping.withText(IntNode.valueOf(1), "3")).isEqualTo(IntNode.valueOf(3));
        assertThat(ScalarRetyping.withText(TextNode.valueOf("x"), "3")).as("a string stays a string").isEqualTo(TextNode.valueOf("3"));
        assertThat(ScalarRetyping.withText(DoubleNode.valueOf(1.5), "2")).as("an integer fits a float").isEqualTo(DoubleNode.valueOf(2));
        assertThat(ScalarRetyping.withText(BooleanNode.TRUE, "false")).isEqualTo(BooleanNode.FALSE);
    }

    @Test
    void textTheTypeCannotHoldFailsWhenPrinted() {
        JsonNode mistyped = ScalarRetyping.withText(IntNode.valueOf(1), "1.10");
        assertThat(mistyped.asText()).as("it still reads as its text until printed").isEqualTo("1.10");
        assertThatThrownBy(() -> PrintedValues.decode(mistyped)).hasMessageContaining("cannot decode !!float `1.10` as a !!int");
        assertThatThrownBy(() -> PrintedValues.decode(ScalarRetyping.withText(NullNode.instance, "x")))
                .hasMessageContaining("cannot decode !!str `x` as a !!null");
    }

    @Test
    void untaggedScalarsResolveWhenPrinted() {
        JsonNode created = new ScalarRetyping.Untagged("1.10");
        assertThat(PrintedValues.decode(created)).isEqualTo(DoubleNode.valueOf(1.1));
        assertThat(PrintedValues.decode(ScalarRetyping.withText(created, "true"))).as("it stays untyped when changed again")
                .isEqualTo(BooleanNode.TRUE);
    }
}
