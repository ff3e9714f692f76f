package io.mooring.policy.jmespath;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** The arguments of one function call, already type-checked against the function's parameters. */
public final class Arguments {
    private final String function;
    private final List<Object> values;
    private final Interpreter interpreter;

    Arguments(String function, List<Object> values, Interpreter interpreter) {
        this.function = function;
        this.values = values;
        this.interpreter = interpreter;
    }

    public int size() {
        return values.size();
    }

    public JsonNode node(int index) {
        return (JsonNode) values.get(index);
    }

    public String string(int index) {
        return node(index).textValue();
    }

    public double number(int index) {
        return node(index).doubleValue();
    }

    /** Applies the expression reference at {@code index} to a value (a missing key gives null). */
    public JsonNode apply(int index, JsonNode value) {
        return ((Interpreter.ExpressionReference) values.get(index)).apply(value);
    }

    /** The evaluation's clock reading, so that time functions stay pure. */
    public Instant now() {
        return interpreter.now();
    }

    /** An error that names the function. */
    public JmesPathException error(String problem) {
        return new JmesPathException("function " + function + "(): " + problem);
    }
}
