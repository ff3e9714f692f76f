package io.mooring.policy.jmespath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.policy.value.GoDuration;
import io.mooring.policy.value.GoText;
import io.mooring.policy.value.Quantity;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static io.mooring.policy.jmespath.Function.ArgType.ANY;
import static io.mooring.policy.jmespath.Function.ArgType.ARRAY;
import static io.mooring.policy.jmespath.Function.ArgType.NUMBER;

/**
 * Kyverno's arithmetic: numbers, quantities ({@code '10Mi'}) and durations ({@code '1h'}) as
 * operands, quoted strings being quantities first (so {@code '10m'} is ten milli, not ten minutes).
 * Which combinations are allowed, and what type each gives, follows Kyverno's table.
 */
final class ArithmeticFunctions {
    private ArithmeticFunctions() {
    }

    private sealed interface Operand {
    }

    private record Scalar(double value) implements Operand {
    }

    private record Amount(Quantity value) implements Operand {
    }

    private record Span(long nanos) implements Operand {
    }

    static List<Function> all() {
        return List.of(
                Function.of("add", a -> add(a, operand(a, 0), operand(a, 1)), ANY, ANY),
                Function.of("sum", ArithmeticFunctions::sum, ARRAY),
                Function.of("subtract", ArithmeticFunctions::subtract, ANY, ANY),
                Function.of("multiply", ArithmeticFunctions::multiply, ANY, ANY),
                Function.of("divide", ArithmeticFunctions::divide, ANY, ANY),
                Function.of("modulo", ArithmeticFunctions::modulo, ANY, ANY),
                Function.of("round", ArithmeticFunctions::round, NUMBER, NUMBER));
    }

    private static Operand operand(Arguments a, int index) {
        return operand(a, a.node(index));
    }

    private static Operand operand(Arguments a, JsonNode value) {
        if (value.isNumber()) {
            return new Scalar(value.doubleValue());
        }
        if (value.isTextual()) {
            Optional<Quantity> quantity = Quantity.parse(value.textValue());
            if (quantity.isPresent()) {
                return new Amount(quantity.get());
            }
            Optional<Long> duration = GoDuration.parse(value.textValue());
            if (duration.isPresent()) {
                return new Span(duration.get());
            }
        }
        throw a.error("invalid operands");
    }

    private static JsonNode add(Arguments a, Operand x, Operand y) {
        return switch (x) {
            case Amount q when y instanceof Amount r -> TextNode.valueOf(q.value().plus(r.value()).toString());
            case Span d when y instanceof Span e -> TextNode.valueOf(GoDuration.format(d.nanos() + e.nanos()));
            case Scalar s when y instanceof Scalar t -> JsonValues.number(s.value() + t.value());
            default -> throw mismatch(a);
        };
    }

    private static JsonNode sum(Arguments a) {
        JsonNode items = a.node(0);
        if (items.isEmpty()) {
            throw a.error("at least one element in the array is required");
        }
        JsonNode total = items.get(0);
        for (int i = 1; i < items.size(); i++) {
            total = add(a, operand(a, total), operand(a, items.get(i)));
        }
        return total;
    }

    private static JsonNode subtract(Arguments a) {
        Operand x = operand(a, 0);
        Operand y = operand(a, 1);
        return switch (x) {
            case Amount q when y instanceof Amount r -> TextNode.valueOf(q.value().minus(r.value()).toString());
            case Span d when y instanceof Span e -> TextNode.valueOf(GoDuration.format(d.nanos() - e.nanos()));
            case Scalar s when y instanceof Scalar t -> JsonValues.number(s.value() - t.value());
            default -> throw mismatch(a);
        };
    }

    private static JsonNode multiply(Arguments a) {
        Operand x = operand(a, 0);
        Operand y = operand(a, 1);
        if (x instanceof Scalar && !(y instanceof Scalar)) {
            Operand swap = x;
            x = y;
            y = swap;
        }
        if (!(y instanceof Scalar factor)) {
            throw mismatch(a);
        }
        return switch (x) {
            case Amount q -> TextNode.valueOf(q.value().times(decimal(a, factor.value())).toString());
            case Span d -> TextNode.valueOf(GoDuration.format((long) (d.nanos() / 1e9 * factor.value() * 1e9)));
            case Scalar s -> JsonValues.number(s.value() * factor.value());
        };
    }

    private static JsonNode divide(Arguments a) {
        Operand x = operand(a, 0);
        Operand y = operand(a, 1);
        return switch (x) {
            case Amount q when y instanceof Amount r -> {
                double divisor = r.value().toDouble();
                if (divisor == 0) {
                    throw zero(a);
                }
                yield JsonValues.number(q.value().toDouble() / divisor);
            }
            case Amount q when y instanceof Scalar s -> {
                if (s.value() == 0) {
                    throw zero(a);
                }
                yield TextNode.valueOf(q.value().dividedBy(decimal(a, s.value())).toString());
            }
            case Span d when y instanceof Span e -> {
                if (e.nanos() == 0) {
                    throw zero(a);
                }
                yield JsonValues.number((d.nanos() / 1e9) / (e.nanos() / 1e9));
            }
            case Span d when y instanceof Scalar s -> {
                if (s.value() == 0) {
                    throw zero(a);
                }
                yield TextNode.valueOf(GoDuration.format((long) (d.nanos() / 1e9 / s.value() * 1e9)));
            }
            case Scalar s when y instanceof Scalar t -> {
                if (t.value() == 0) {
                    throw zero(a);
                }
                yield JsonValues.number(s.value() / t.value());
            }
            default -> throw mismatch(a);
        };
    }

    private static JsonNode modulo(Arguments a) {
        Operand x = operand(a, 0);
        Operand y = operand(a, 1);
        return switch (x) {
            case Amount q when y instanceof Amount r -> {
                long dividend = whole(a, q.value().toDouble());
                long divisor = whole(a, r.value().toDouble());
                if (divisor == 0) {
                    throw zero(a);
                }
                yield TextNode.valueOf(new Quantity(BigDecimal.valueOf(dividend % divisor), q.value().format()).toString());
            }
            case Span d when y instanceof Span e -> {
                if (e.nanos() == 0) {
                    throw zero(a);
                }
                yield TextNode.valueOf(GoDuration.format(d.nanos() % e.nanos()));
            }
            case Scalar s when y instanceof Scalar t -> {
                long dividend = whole(a, s.value());
                long divisor = whole(a, t.value());
                if (divisor == 0) {
                    throw zero(a);
                }
                yield JsonValues.number(dividend % divisor);
            }
            default -> throw mismatch(a);
        };
    }

    private static JsonNode round(Arguments a) {
        double places = a.number(1);
        if (places != Math.rint(places)) {
            throw a.error("the number of decimal places must be a whole number");
        }
        if (places < 0) {
            throw a.error("the number of decimal places must not be negative");
        }
        double shift = Math.pow(10, places);
        double value = a.number(0) * shift;
        // Go's math.Round: halves away from zero.
        return JsonValues.number(Math.signum(value) * Math.floor(Math.abs(value) + 0.5) / shift);
    }

    private static BigDecimal decimal(Arguments a, double value) {
        return Quantity.parse(GoText.formatG(value)).map(Quantity::value).orElseThrow(() -> a.error("cannot use " + value + " as a quantity"));
    }

    private static long whole(Arguments a, double value) {
        if (value != Math.rint(value)) {
            throw a.error("modulo is defined for whole numbers only");
        }
        return (long) value;
    }

    private static JmesPathException mismatch(Arguments a) {
        return a.error("the types of the operands do not go together");
    }

    private static JmesPathException zero(Arguments a) {
        return a.error("division by zero");
    }
}
