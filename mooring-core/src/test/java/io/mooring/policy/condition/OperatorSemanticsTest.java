package io.mooring.policy.condition;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorSemanticsTest {
    private static JsonNode yaml(String text) {
        return new YamlReader().readOne("test", text);
    }

    @ParameterizedTest(name = "{0} {1} {2} is {3}")
    @CsvSource(delimiterString = " | ", value = {
            "CREATE | Equals | CREATE | true",
            "web-1 | Equals | web-* | true",
            "1Gi | Equals | 1024Mi | true",
            "1h | Equals | 3600 | true",
            "3 | Equals | '3' | true",
            "true | Equals | true | true",
            "CREATE | Equals | [CREATE] | false",
            "CREATE | NotEquals | [DELETE] | true",
            "CREATE | NotEquals | DELETE | true",
            "1Gi | NotEquals | nginx | false",
            "null | NotEquals | x | false",
            "{a: 1} | Equals | {a: 1.0} | true",
            "nginx | AnyIn | [nginx, busybox] | true",
            "nginx:1.2 | AnyIn | ['nginx:*'] | true",
            "[a, b] | AnyIn | [b, c] | true",
            "[a, b] | AllIn | [b, c] | false",
            "[a, b] | AllIn | ['*'] | true",
            "[a, b] | AnyNotIn | [a] | true",
            "[a, b] | AllNotIn | [c] | true",
            "[a, b] | AllNotIn | [a, c] | false",
            "'[]' | AllNotIn | [a] | true",
            "5 | AnyIn | 1-10 | true",
            "15 | AnyNotIn | 1-10 | true",
            "x | AnyIn | '[\"x\", \"y\"]' | true",
            "3 | GreaterThan | 2 | true",
            "'3' | GreaterThanOrEquals | 3 | true",
            "2Gi | GreaterThan | 1500Mi | true",
            "90s | LessThan | 2m | true",
            "1.10.0 | GreaterThan | 1.9.0 | true",
            "abc | GreaterThan | 1 | false",
            "2h | DurationGreaterThan | 1h | true",
            "CREATE | In | [CREATE, UPDATE] | true",
            "DELETE | NotIn | [CREATE, UPDATE] | true"})
    void operatorsFollowKyverno(String key, String operator, String value, boolean expected) {
        Operator op = Operator.parse(operator).orElseThrow();
        assertThat(OperatorSemantics.evaluate(op, yaml(key), yaml(value))).as(key + " " + operator + " " + value).isEqualTo(expected);
    }

    @Test
    void operatorNamesIgnoreCaseAndAcceptTheOldSpellings() {
        assertThat(Operator.parse("anyin")).contains(Operator.ANY_IN);
        assertThat(Operator.parse("Equal")).contains(Operator.EQUALS);
        assertThat(Operator.parse("Contains")).isEmpty();
    }

    @Test
    void anyNeedsOneAndAllNeedsEveryConditionWithTheDecidingMessages() {
        Condition yes = new Condition(yaml("a"), Operator.EQUALS, yaml("a"), "a is a");
        Condition no = new Condition(yaml("a"), Operator.EQUALS, yaml("b"), "a is not b");
        assertThat(new Conditions(List.of(no, yes), List.of()).evaluate(t -> t)).isEqualTo(new Conditions.Outcome(true, "a is a"));
        assertThat(new Conditions(null, List.of(yes, no)).evaluate(t -> t)).isEqualTo(new Conditions.Outcome(false, "a is not b"));
        assertThat(new Conditions(List.of(), List.of()).evaluate(t -> t).holds()).as("an empty any cannot hold").isFalse();
        assertThat(Conditions.NONE.evaluate(t -> t).holds()).as("no conditions hold").isTrue();
    }
}
