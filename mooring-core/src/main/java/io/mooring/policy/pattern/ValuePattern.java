package io.mooring.policy.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.policy.value.GoDuration;
import io.mooring.policy.value.GoText;
import io.mooring.policy.value.Quantity;
import io.mooring.policy.value.Wildcard;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a scalar of a resource satisfies a scalar of a pattern: {@code "?*"}, {@code "!latest"},
 * {@code ">=1Gi"}, {@code "1-5"}, {@code "a | b"}, {@code "<10s & >1s"}, {@code null}, numbers and
 * booleans, with Kyverno's comparison of durations first, then quantities, then wildcard text.
 */
public final class ValuePattern {
    private static final Pattern IN_RANGE_PATTERN = Pattern.compile("^([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)-([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$");
    private static final Pattern NOT_IN_RANGE_PATTERN = Pattern.compile("^([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)!-([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$");

    private ValuePattern() {
    }

    /** The comparison operator a string pattern starts with, or its range form. */
    public enum Operator {
        EQUAL(""), MORE_EQUAL(">="), LESS_EQUAL("<="), NOT_EQUAL("!"), MORE(">"), LESS("<"), IN_RANGE("-"), NOT_IN_RANGE("!-");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public static Operator of(String pattern) {
            if (pattern.length() < 2) {
                return EQUAL;
            }
            for (Operator op : new Operator[] {MORE_EQUAL, LESS_EQUAL, MORE, LESS, NOT_EQUAL}) {
                if (pattern.startsWith(op.symbol)) {
                    return op;
                }
            }
            if (NOT_IN_RANGE_PATTERN.matcher(pattern).matches()) {
                return NOT_IN_RANGE;
            }
            return IN_RANGE_PATTERN.matcher(pattern).matches() ? IN_RANGE : EQUAL;
        }
    }

    public static boolean matches(JsonNode value, JsonNode pattern) {
        if (pattern == null || pattern.isNull()) {
            return matchesNull(value);
        }
        return switch (pattern.getNodeType()) {
            case BOOLEAN -> value != null && value.isBoolean() && value.booleanValue() == pattern.booleanValue();
            case NUMBER -> matchesNumber(value, pattern.doubleValue());
            case OBJECT -> value != null && value.isObject();
            case STRING -> matchesString(value, pattern.textValue());
            default -> false;
        };
    }

    private static boolean matchesNull(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return true;
        }
        return switch (value.getNodeType()) {
            case NUMBER -> value.doubleValue() == 0;
            case STRING -> value.textValue().isEmpty();
            case BOOLEAN -> !value.booleanValue();
            default -> false;
        };
    }

    private static boolean matchesNumber(JsonNode value, double pattern) {
        if (value == null) {
            return false;
        }
        if (value.isNumber()) {
            return value.doubleValue() == pattern;
        }
        if (value.isTextual()) {
            OptionalDouble parsed = GoText.parseFloat(value.textValue());
            return parsed.isPresent() && parsed.getAsDouble() == pattern;
        }
        return false;
    }

    /** Alternatives split at {@code |}, each a conjunction split at {@code &}. */
    public static boolean matchesString(JsonNode value, String pattern) {
        if (value != null && value.isTextual() && value.textValue().equals(pattern)) {
            return true;
        }
        for (String alternative : pattern.split("\\|", -1)) {
            boolean all = true;
            for (String condition : trimSpaces(alternative).split("&", -1)) {
                if (!matchesCondition(value, trimSpaces(condition))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesCondition(JsonNode value, String pattern) {
        Operator op = Operator.of(pattern);
        if (op == Operator.IN_RANGE || op == Operator.NOT_IN_RANGE) {
            Matcher m = (op == Operator.IN_RANGE ? IN_RANGE_PATTERN : NOT_IN_RANGE_PATTERN).matcher(pattern);
            if (!m.matches()) {
                return false;
            }
            return op == Operator.IN_RANGE
                    ? matchesCondition(value, ">= " + m.group(1)) && matchesCondition(value, "<= " + m.group(2))
                    : matchesCondition(value, "< " + m.group(1)) || matchesCondition(value, "> " + m.group(2));
        }
        return compare(value, pattern.substring(op.symbol.length()).strip(), op);
    }

    private static boolean compare(JsonNode value, String pattern, Operator op) {
        Optional<String> valueText = numberText(value);
        Optional<Long> patternDuration = GoDuration.parse(pattern);
        if (patternDuration.isPresent() && valueText.isPresent()) {
            Optional<Long> valueDuration = GoDuration.parse(valueText.get());
            if (valueDuration.isPresent()) {
                return ordered(Long.compare(valueDuration.get(), patternDuration.get()), op);
            }
        }
        Optional<Quantity> patternQuantity = Quantity.parse(pattern);
        if (patternQuantity.isPresent() && valueText.isPresent()) {
            Optional<Quantity> valueQuantity = Quantity.parse(valueText.get());
            if (valueQuantity.isPresent()) {
                return ordered(valueQuantity.get().compareTo(patternQuantity.get()), op);
            }
        }
        if (op != Operator.EQUAL && op != Operator.NOT_EQUAL) {
            return false;
        }
        Optional<String> text = plainText(value);
        if (text.isEmpty()) {
            return false;
        }
        boolean matched = Wildcard.match(pattern, text.get());
        return op == Operator.EQUAL ? matched : !matched;
    }

    private static boolean ordered(int order, Operator op) {
        return switch (op) {
            case EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
            case MORE -> order > 0;
            case LESS -> order < 0;
            case MORE_EQUAL -> order >= 0;
            case LESS_EQUAL -> order <= 0;
            default -> false;
        };
    }

    /** Kyverno's convertNumberToString: null is "0", a number is printed with six decimals. */
    private static Optional<String> numberText(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.of("0");
        }
        if (value.isTextual()) {
            return Optional.of(value.textValue());
        }
        if (value.isNumber()) {
            return Optional.of(GoText.formatFixed6(value.doubleValue()));
        }
        return Optional.empty();
    }

    /** How compareString prints a value: a number in Go's %E form ({@code 8E+01}), a boolean as true/false. */
    private static Optional<String> plainText(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        return switch (value.getNodeType()) {
            case STRING -> Optional.of(value.textValue());
            case BOOLEAN -> Optional.of(Boolean.toString(value.booleanValue()));
            case NUMBER -> Optional.of(exponentForm(value.doubleValue()));
            default -> Optional.empty();
        };
    }

    private static String exponentForm(double d) {
        if (d == 0) {
            return "0E+00";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('E').append(exponent < 0 ? '-' : '+');
        if (Math.abs(exponent) < 10) {
            out.append('0');
        }
        return out.append(Math.abs(exponent)).toString();
    }

    private static String trimSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(start, end);
    }
}
