package io.mooring.policy.jmespath;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A JMESPath function: its name, the types each argument accepts (checked before the body runs, as
 * go-jmespath does, so that {@code to_upper(null)} is an error and not a null) and its body.
 *
 * @param variadic whether the last parameter may repeat (zero or more times beyond the first)
 */
public record Function(String name, List<Set<ArgType>> parameters, boolean variadic, Body body) {
    public enum ArgType { ANY, STRING, NUMBER, BOOLEAN, ARRAY, OBJECT, NULL, EXPREF, ARRAY_NUMBER, ARRAY_STRING }

    @FunctionalInterface
    public interface Body {
        JsonNode call(Arguments arguments);
    }

    public Function {
        parameters = List.copyOf(parameters);
    }

    public static Function of(String name, Body body, ArgType... parameters) {
        return new Function(name, List.of(parameters).stream().map(t -> (Set<ArgType>) EnumSet.of(t)).toList(), false, body);
    }

    public static Function of(String name, List<Set<ArgType>> parameters, Body body) {
        return new Function(name, parameters, false, body);
    }

    public static Set<ArgType> either(ArgType first, ArgType... more) {
        return EnumSet.of(first, more);
    }

    JsonNode invoke(List<Object> arguments, Interpreter interpreter) {
        check(arguments);
        return body.call(new Arguments(name, arguments, interpreter));
    }

    private void check(List<Object> arguments) {
        int required = variadic ? parameters.size() - 1 : parameters.size();
        if (arguments.size() < required || !variadic && arguments.size() > parameters.size()) {
            throw new JmesPathException("function " + name + "() takes " + (variadic ? "at least " + required : parameters.size())
                    + " argument" + (required == 1 && !variadic ? "" : "s") + ", got " + arguments.size());
        }
        for (int i = 0; i < arguments.size(); i++) {
            Set<ArgType> accepted = parameters.get(Math.min(i, parameters.size() - 1));
            Object argument = arguments.get(i);
            if (!accepted.stream().anyMatch(type -> accepts(type, argument))) {
                throw new JmesPathException("invalid type for argument " + (i + 1) + " of " + name + "(): "
                        + describe(argument) + ", expected " + accepted.stream().map(t -> t.name().toLowerCase()).sorted().toList());
            }
        }
    }

    private static boolean accepts(ArgType type, Object argument) {
        if (argument instanceof Interpreter.ExpressionReference) {
            return type == ArgType.EXPREF;
        }
        JsonNode value = (JsonNode) argument;
        return switch (type) {
            case ANY -> true;
            case STRING -> value.isTextual();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case ARRAY -> value.isArray();
            case OBJECT -> value.isObject();
            case NULL -> JsonValues.isNull(value);
            case EXPREF -> false;
            case ARRAY_NUMBER -> value.isArray() && allMatch(value, JsonNode::isNumber);
            case ARRAY_STRING -> value.isArray() && allMatch(value, JsonNode::isTextual);
        };
    }

    private static boolean allMatch(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode item : array) {
            if (!test.test(item)) {
                return false;
            }
        }
        return true;
    }

    static String describe(Object argument) {
        if (argument instanceof Interpreter.ExpressionReference) {
            return "an expression reference";
        }
        JsonNode value = (JsonNode) argument;
        return JsonValues.isNull(value) ? "null" : JsonValues.typeName(value) + " " + value;
    }
}
