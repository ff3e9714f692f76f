package io.mooring.policy.jmespath;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The syntax tree of a JMESPath expression, shaped as go-jmespath shapes it so that Kyverno's error rules apply node by node. */
sealed interface Node {
    record Field(String name) implements Node {
    }

    record Subexpression(Node left, Node right) implements Node {
    }

    record IndexExpression(Node left, Node right) implements Node {
    }

    record Index(int index) implements Node {
    }

    record Slice(Integer start, Integer stop, Integer step) implements Node {
    }

    record Projection(Node left, Node right) implements Node {
    }

    record FilterProjection(Node left, Node right, Node condition) implements Node {
    }

    record ValueProjection(Node left, Node right) implements Node {
    }

    record Flatten(Node left) implements Node {
    }

    record Current() implements Node {
    }

    record Root() implements Node {
    }

    record Literal(JsonNode value) implements Node {
    }

    record MultiSelectList(List<Node> items) implements Node {
    }

    record MultiSelectHash(List<KeyValue> entries) implements Node {
    }

    record KeyValue(String key, Node value) {
    }

    record Or(Node left, Node right) implements Node {
    }

    record And(Node left, Node right) implements Node {
    }

    record Not(Node operand) implements Node {
    }

    record Comparison(String operator, Node left, Node right) implements Node {
    }

    record Arithmetic(String operator, Node left, Node right) implements Node {
    }

    record Negation(String operator, Node operand) implements Node {
    }

    record Pipe(Node left, Node right) implements Node {
    }

    record FunctionCall(String name, List<Node> arguments) implements Node {
    }

    record ExpressionReference(Node expression) implements Node {
    }
}
