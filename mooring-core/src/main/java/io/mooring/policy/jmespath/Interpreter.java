package io.mooring.policy.jmespath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Walks a JMESPath tree over a JSON value with Kyverno's rules for missing keys: asking an object
 * for a key it lacks raises {@link UnknownKeyException}; sub-expressions and index expressions pass
 * it on (so {@code a.missing.b} fails), while or/and/not, comparisons, projections, filters, pipes,
 * multi-selects and function arguments read it as null (so {@code a.missing || 'x'} is {@code 'x'}).
 */
final class Interpreter {
    private final JsonNode root;
    private final Functions functions;
    private final Instant now;

    Interpreter(JsonNode root, Functions functions, Instant now) {
        this.root = root;
        this.functions = functions;
        this.now = now;
    }

    Instant now() {
        return now;
    }

    /** An {@code &expression} passed to a function; applying it reads a missing key as null. */
    record ExpressionReference(Node expression, Interpreter interpreter) {
        JsonNode apply(JsonNode value) {
            return interpreter.lenient(expression, value);
        }
    }

    JsonNode evaluate(Node node, JsonNode value) {
        return switch (node) {
            case Node.Field field -> field(value, field.name());
            case Node.Subexpression sub -> chained(sub.left(), sub.right(), value);
            case Node.IndexExpression index -> chained(index.left(), index.right(), value);
            case Node.Index index -> index(value, index.index());
            case Node.Slice slice -> slice(value, slice);
            case Node.Projection projection -> projection(projection, value);
            case Node.FilterProjection filter -> filter(filter, value);
            case Node.ValueProjection projection -> valueProjection(projection, value);
            case Node.Flatten flatten -> flatten(flatten, value);
            case Node.Current current -> value;
            case Node.Root r -> root;
            case Node.Literal literal -> literal.value();
            case Node.MultiSelectList list -> {
                ArrayNode out = JsonValues.array();
                list.items().forEach(item -> out.add(lenient(item, value)));
                yield out;
            }
            case Node.MultiSelectHash hash -> {
                ObjectNode out = JsonValues.object();
                hash.entries().forEach(entry -> out.set(entry.key(), lenient(entry.value(), value)));
                yield out;
            }
            case Node.Or or -> {
                JsonNode left = lenient(or.left(), value);
                yield JsonValues.isTruthy(left) ? left : lenient(or.right(), value);
            }
            case Node.And and -> {
                JsonNode left = lenient(and.left(), value);
                yield JsonValues.isTruthy(left) ? evaluate(and.right(), value) : left;
            }
            case Node.Not not -> BooleanNode.valueOf(!JsonValues.isTruthy(lenient(not.operand(), value)));
            case Node.Comparison comparison -> compare(comparison, value);
            case Node.Arithmetic arithmetic -> arithmetic(arithmetic, value);
            case Node.Negation negation -> {
                JsonNode operand = lenient(negation.operand(), value);
                if (!operand.isNumber()) {
                    yield NullNode.instance;
                }
                yield negation.operator().equals("-") ? JsonValues.number(-operand.doubleValue()) : operand;
            }
            case Node.Pipe pipe -> lenient(pipe.right(), lenient(pipe.left(), value));
            case Node.FunctionCall call -> call(call, value);
            case Node.ExpressionReference reference -> throw new JmesPathException("an expression reference (&) can only be a function argument");
        };
    }

    /** Evaluates with a missing key read as null, as most JMESPath operators of Kyverno do. */
    JsonNode lenient(Node node, JsonNode value) {
        try {
            return evaluate(node, value);
        } catch (UnknownKeyException e) {
            return NullNode.instance;
        }
    }

    private static JsonNode field(JsonNode value, String name) {
        if (value.isObject()) {
            JsonNode result = value.get(name);
            if (result == null) {
                throw new UnknownKeyException(name);
            }
            return result;
        }
        return NullNode.instance;
    }

    private JsonNode chained(Node left, Node right, JsonNode value) {
        JsonNode base = evaluate(left, value);
        return JsonValues.isNull(base) ? NullNode.instance : evaluate(right, base);
    }

    private static JsonNode index(JsonNode value, int index) {
        if (!value.isArray()) {
            return NullNode.instance;
        }
        int i = index < 0 ? index + value.size() : index;
        return i >= 0 && i < value.size() ? value.get(i) : NullNode.instance;
    }

    private JsonNode projection(Node.Projection projection, JsonNode value) {
        JsonNode left = lenient(projection.left(), value);
        if (!left.isArray()) {
            boolean stringSlice = projection.left() instanceof Node.IndexExpression index && index.right() instanceof Node.Slice;
            return stringSlice && left.isTextual() ? left : NullNode.instance;
        }
        ArrayNode out = JsonValues.array();
        for (JsonNode element : left) {
            JsonNode current = lenient(projection.right(), element);
            if (!JsonValues.isNull(current)) {
                out.add(current);
            }
        }
        return out;
    }

    private JsonNode filter(Node.FilterProjection filter, JsonNode value) {
        JsonNode left;
        try {
            left = evaluate(filter.left(), value);
        } catch (JmesPathException e) {
            return NullNode.instance;
        }
        if (!left.isArray()) {
            return NullNode.instance;
        }
        ArrayNode out = JsonValues.array();
        for (JsonNode element : left) {
            if (JsonValues.isTruthy(lenient(filter.condition(), element))) {
                JsonNode current = lenient(filter.right(), element);
                if (!JsonValues.isNull(current)) {
                    out.add(current);
                }
            }
        }
        return out;
    }

    private JsonNode valueProjection(Node.ValueProjection projection, JsonNode value) {
        JsonNode left;
        try {
            left = evaluate(projection.left(), value);
        } catch (JmesPathException e) {
            return NullNode.instance;
        }
        if (!left.isObject()) {
            return NullNode.instance;
        }
        ArrayNode out = JsonValues.array();
        for (Iterator<Map.Entry<String, JsonNode>> it = left.fields(); it.hasNext(); ) {
            JsonNode current = lenient(projection.right(), it.next().getValue());
            if (!JsonValues.isNull(current)) {
                out.add(current);
            }
        }
        return out;
    }

    private JsonNode flatten(Node.Flatten flatten, JsonNode value) {
        JsonNode left;
        try {
            left = evaluate(flatten.left(), value);
        } catch (JmesPathException e) {
            return NullNode.instance;
        }
        if (!left.isArray()) {
            return NullNode.instance;
        }
        ArrayNode out = JsonValues.array();
        for (JsonNode element : left) {
            if (element.isArray()) {
                out.addAll((ArrayNode) element);
            } else {
                out.add(element);
            }
        }
        return out;
    }

    private static JsonNode slice(JsonNode value, Node.Slice slice) {
        int length;
        if (value.isArray()) {
            length = value.size();
        } else if (value.isTextual()) {
            length = value.textValue().codePointCount(0, value.textValue().length());
        } else {
            return NullNode.instance;
        }
        int step = slice.step() == null ? 1 : slice.step();
        if (step == 0) {
            throw new JmesPathException("invalid slice, step cannot be 0");
        }
        int start = slice.start() == null ? (step < 0 ? length - 1 : 0) : cap(length, slice.start(), step);
        int stop = slice.stop() == null ? (step < 0 ? -1 : length) : cap(length, slice.stop(), step);
        List<Integer> positions = new ArrayList<>();
        for (int i = start; step > 0 ? i < stop : i > stop; i += step) {
            positions.add(i);
        }
        if (value.isTextual()) {
            int[] codePoints = value.textValue().codePoints().toArray();
            StringBuilder out = new StringBuilder();
            positions.forEach(i -> out.appendCodePoint(codePoints[i]));
            return TextNode.valueOf(out.toString());
        }
        ArrayNode out = JsonValues.array();
        positions.forEach(i -> out.add(value.get(i)));
        return out;
    }

    private static int cap(int length, int actual, int step) {
        if (actual < 0) {
            actual += length;
            if (actual < 0) {
                return step < 0 ? -1 : 0;
            }
            return actual;
        }
        if (actual >= length) {
            return step < 0 ? length - 1 : length;
        }
        return actual;
    }

    private JsonNode compare(Node.Comparison comparison, JsonNode value) {
        JsonNode left = lenient(comparison.left(), value);
        JsonNode right = lenient(comparison.right(), value);
        return switch (comparison.operator()) {
            case "==" -> BooleanNode.valueOf(JsonValues.deepEquals(left, right));
            case "!=" -> BooleanNode.valueOf(!JsonValues.deepEquals(left, right));
            default -> {
                if (!left.isNumber() || !right.isNumber()) {
                    yield NullNode.instance;
                }
                double a = left.doubleValue();
                double b = right.doubleValue();
                yield BooleanNode.valueOf(switch (comparison.operator()) {
                    case "<" -> a < b;
                    case "<=" -> a <= b;
                    case ">" -> a > b;
                    default -> a >= b;
                });
            }
        };
    }

    private JsonNode arithmetic(Node.Arithmetic arithmetic, JsonNode value) {
        JsonNode left = lenient(arithmetic.left(), value);
        JsonNode right = lenient(arithmetic.right(), value);
        if (!left.isNumber() || !right.isNumber()) {
            return NullNode.instance;
        }
        double a = left.doubleValue();
        double b = right.doubleValue();
        return JsonValues.number(switch (arithmetic.operator()) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "/" -> a / b;
            case "%" -> a % b;
            default -> Math.floor(a / b);
        });
    }

    private JsonNode call(Node.FunctionCall call, JsonNode value) {
        Function function = functions.get(call.name());
        if (function == null) {
            throw new JmesPathException("unknown function: " + call.name() + "()");
        }
        List<Object> arguments = new ArrayList<>(call.arguments().size());
        for (Node argument : call.arguments()) {
            arguments.add(argument instanceof Node.ExpressionReference reference
                    ? new ExpressionReference(reference.expression(), this)
                    : lenient(argument, value));
        }
        return JsonValues.nullToNode(function.invoke(arguments, this));
    }
}
