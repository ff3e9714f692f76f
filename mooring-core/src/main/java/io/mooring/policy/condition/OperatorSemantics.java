package io.mooring.policy.condition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.policy.jmespath.JsonValues;
import io.mooring.policy.pattern.ValuePattern;
import io.mooring.policy.value.GoDuration;
import io.mooring.policy.value.GoText;
import io.mooring.policy.value.Quantity;
import io.mooring.policy.value.Semver;
import io.mooring.policy.value.Wildcard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What each condition operator means for a resolved key and value, following Kyverno's handlers:
 * the key's type decides (a string key is tried as a duration, then a quantity, then wildcard
 * text), the set operators compare {@code fmt.Sprint} texts with wildcards both ways, and a type
 * that does not fit makes the condition false rather than an error.
 */
final class OperatorSemantics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OperatorSemantics() {
    }

    static boolean evaluate(Operator operator, JsonNode key, JsonNode value) {
        return switch (operator) {
            case EQUALS -> equality(key, value, true);
            case NOT_EQUALS -> equality(key, value, false);
            case ANY_IN -> setOperator(key, value, true, false);
            case ANY_NOT_IN -> setOperator(key, value, true, true);
            case ALL_IN -> setOperator(key, value, false, false);
            case ALL_NOT_IN -> setOperator(key, value, false, true);
            case IN -> in(key, value);
            case NOT_IN -> key.isTextual() || key.isArray() ? !in(key, value) && validInValue(value) : false;
            case GREATER_THAN, GREATER_THAN_OR_EQUALS, LESS_THAN, LESS_THAN_OR_EQUALS -> numeric(operator, key, value);
            case DURATION_GREATER_THAN, DURATION_GREATER_THAN_OR_EQUALS, DURATION_LESS_THAN, DURATION_LESS_THAN_OR_EQUALS -> duration(operator, key, value);
        };
    }

    /**
     * How a key compares with a value for Equals and NotEquals: of different types the two are
     * unequal (NotEquals holds, Equals does not), except that a null key, or a quantity key against
     * a string that is no quantity, makes both false, as in Kyverno's handlers.
     */
    private enum Sameness { EQUAL, UNEQUAL, INCOMPARABLE, UNDECIDED }

    private static boolean equality(JsonNode key, JsonNode value, boolean equals) {
        Sameness sameness = sameness(key, value);
        return equals ? sameness == Sameness.EQUAL : sameness == Sameness.UNEQUAL || sameness == Sameness.INCOMPARABLE;
    }

    private static Sameness sameness(JsonNode key, JsonNode value) {
        if (JsonValues.isNull(key)) {
            return Sameness.UNDECIDED;
        }
        return switch (key.getNodeType()) {
            case BOOLEAN -> value.isBoolean() ? of(key.booleanValue() == value.booleanValue()) : Sameness.INCOMPARABLE;
            case NUMBER -> numberSameness(key.doubleValue(), value);
            case STRING -> stringSameness(key.textValue(), value);
            case OBJECT -> value.isObject() ? of(JsonValues.deepEquals(key, value)) : Sameness.INCOMPARABLE;
            case ARRAY -> value.isArray() ? of(JsonValues.deepEquals(key, value)) : Sameness.INCOMPARABLE;
            default -> Sameness.UNDECIDED;
        };
    }

    private static Sameness of(boolean equal) {
        return equal ? Sameness.EQUAL : Sameness.UNEQUAL;
    }

    private static Sameness numberSameness(double key, JsonNode value) {
        if (value.isNumber()) {
            return of(key == value.doubleValue());
        }
        if (value.isTextual()) {
            OptionalDouble parsed = GoText.parseFloat(value.textValue());
            return parsed.isPresent() ? of(parsed.getAsDouble() == key) : Sameness.INCOMPARABLE;
        }
        return Sameness.INCOMPARABLE;
    }

    private static Sameness stringSameness(String key, JsonNode value) {
        Optional<long[]> durations = durations(JsonValues.NODES.textNode(key), value);
        if (durations.isPresent()) {
            return of(seconds(durations.get()[0]) == seconds(durations.get()[1]));
        }
        Optional<Quantity> keyQuantity = Quantity.parse(key);
        if (keyQuantity.isPresent() && value.isTextual()) {
            Optional<Quantity> valueQuantity = Quantity.parse(value.textValue());
            return valueQuantity.isPresent() ? of(keyQuantity.get().compareTo(valueQuantity.get()) == 0) : Sameness.UNDECIDED;
        }
        return value.isTextual() ? of(Wildcard.match(value.textValue(), key)) : Sameness.INCOMPARABLE;
    }

    /**
     * Both sides as durations (nanoseconds) when at least one is a duration string other than "0"
     * and the other a duration string or a number of seconds; empty otherwise.
     */
    private static Optional<long[]> durations(JsonNode key, JsonNode value) {
        Optional<Long> keyDuration = durationString(key);
        Optional<Long> valueDuration = durationString(value);
        if (keyDuration.isEmpty() && valueDuration.isEmpty()) {
            return Optional.empty();
        }
        if (keyDuration.isEmpty()) {
            keyDuration = secondsOf(key);
        }
        if (valueDuration.isEmpty()) {
            valueDuration = secondsOf(value);
        }
        if (keyDuration.isEmpty() || valueDuration.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new long[] {keyDuration.get(), valueDuration.get()});
    }

    private static Optional<Long> durationString(JsonNode node) {
        if (node == null || !node.isTextual() || node.textValue().equals("0")) {
            return Optional.empty();
        }
        return GoDuration.parse(node.textValue());
    }

    /** A number as whole seconds, as {@code time.Duration(n) * time.Second} truncates it. */
    private static Optional<Long> secondsOf(JsonNode node) {
        return node != null && node.isNumber() ? Optional.of((long) node.doubleValue() * GoDuration.SECOND) : Optional.empty();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    // AnyIn, AllIn, AnyNotIn, AllNotIn.
    private static boolean setOperator(JsonNode key, JsonNode value, boolean any, boolean not) {
        List<String> keys = new ArrayList<>();
        boolean single;
        if (key.isTextual() || key.isNumber() || key.isBoolean() && any) {
            keys.add(GoText.sprint(key));
            single = true;
        } else if (key.isArray()) {
            key.forEach(k -> keys.add(GoText.sprint(k)));
            single = false;
        } else {
            return false;
        }
        List<String> values = valuesOf(value, keys, single);
        if (values == null) {
            return false;
        }
        if (values.size() == 1 && values.getFirst() == RANGE_MARKER) {
            return inRange(keys, value.textValue(), any, not);
        }
        if (single) {
            boolean found = contains(values, keys.getFirst(), value);
            return not != found;
        }
        int found = 0;
        for (String k : keys) {
            if (values.stream().anyMatch(v -> wildcardEither(k, v))) {
                found++;
            }
        }
        if (any) {
            return not ? found < keys.size() : found > 0;
        }
        return not ? found == 0 : found == keys.size();
    }

    private static final String RANGE_MARKER = new String("range");

    /**
     * The values a set operator compares with: a list's items as text, a number as its text, a
     * string as a JSON array it holds or as itself (or a range marker for {@code 1-5}); null when the
     * value's type cannot hold values.
     */
    private static List<String> valuesOf(JsonNode value, List<String> keys, boolean single) {
        if (value.isArray()) {
            List<String> values = new ArrayList<>();
            value.forEach(v -> values.add(GoText.sprint(v)));
            return values;
        }
        if (value.isNumber() && !single) {
            return List.of(GoText.sprint(value));
        }
        if (!value.isTextual()) {
            return null;
        }
        String text = value.textValue();
        if (ValuePattern.Operator.of(text) == ValuePattern.Operator.IN_RANGE) {
            return List.of(RANGE_MARKER);
        }
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed != null && parsed.isArray()) {
                List<String> values = new ArrayList<>();
                for (JsonNode item : parsed) {
                    if (!item.isTextual()) {
                        return null;
                    }
                    values.add(item.textValue());
                }
                return values;
            }
            if (parsed != null && !parsed.isMissingNode() && looksLikeJson(text)) {
                return null;
            }
        } catch (JsonProcessingException e) {
            // not JSON: the string is the one value
        }
        return List.of(text);
    }

    private static boolean looksLikeJson(String text) {
        String t = text.strip();
        return t.startsWith("{") || t.startsWith("\"") || t.equals("true") || t.equals("false") || t.equals("null")
                || GoText.parseFloat(t).isPresent();
    }

    /** A single key: wildcards both ways against list items, and the whole string value as a wildcard too. */
    private static boolean contains(List<String> values, String key, JsonNode value) {
        if (value.isTextual() && Wildcard.match(value.textValue(), key)) {
            return true;
        }
        if (value.isArray()) {
            return values.stream().anyMatch(v -> wildcardEither(key, v));
        }
        return values.contains(key);
    }

    private static boolean wildcardEither(String a, String b) {
        return Wildcard.match(a, b) || Wildcard.match(b, a);
    }

    private static boolean inRange(List<String> keys, String range, boolean any, boolean not) {
        JsonNode pattern = JsonValues.NODES.textNode(not && any ? range.replaceFirst("-", "!-") : range);
        long inside = keys.stream().filter(k -> ValuePattern.matches(JsonValues.NODES.textNode(k), pattern)).count();
        if (any) {
            return inside > 0;
        }
        return not ? inside == 0 : inside == keys.size();
    }

    // In / NotIn (deprecated): exact membership of a string key, or of every key of a list.
    private static boolean in(JsonNode key, JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode v : value) {
                if (!v.isTextual()) {
                    return false;
                }
                values.add(v.textValue());
            }
        } else if (value.isTextual()) {
            List<String> parsed = valuesOf(value, List.of(), false);
            if (parsed == null) {
                return false;
            }
            values.addAll(parsed);
        } else {
            return false;
        }
        if (key.isTextual()) {
            return values.contains(key.textValue());
        }
        if (key.isArray()) {
            for (JsonNode k : key) {
                if (!values.contains(GoText.sprint(k))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean validInValue(JsonNode value) {
        return value.isArray() || value.isTextual();
    }

    // GreaterThan, GreaterThanOrEquals, LessThan, LessThanOrEquals.
    private static boolean numeric(Operator operator, JsonNode key, JsonNode value) {
        if (key.isNumber()) {
            return numericNumber(operator, key.doubleValue(), key, value);
        }
        if (!key.isTextual()) {
            return false;
        }
        Optional<long[]> durations = durations(key, value);
        if (durations.isPresent()) {
            return ordered(operator, Double.compare(seconds(durations.get()[0]), seconds(durations.get()[1])));
        }
        if (value.isTextual()) {
            Optional<Quantity> keyQuantity = Quantity.parse(key.textValue());
            Optional<Quantity> valueQuantity = Quantity.parse(value.textValue());
            if (keyQuantity.isPresent() && valueQuantity.isPresent()) {
                return ordered(operator, keyQuantity.get().compareTo(valueQuantity.get()));
            }
        }
        OptionalDouble number = GoText.parseFloat(key.textValue());
        if (number.isPresent()) {
            return numericNumber(operator, number.getAsDouble(), JsonValues.number(number.getAsDouble()), value);
        }
        Semver version = Semver.parse(key.textValue());
        if (version != null && value.isTextual()) {
            Semver other = Semver.parse(value.textValue());
            return other != null && ordered(operator, version.compareTo(other));
        }
        return false;
    }

    private static boolean numericNumber(Operator operator, double key, JsonNode keyNode, JsonNode value) {
        if (value.isNumber()) {
            return ordered(operator, Double.compare(key, value.doubleValue()));
        }
        if (!value.isTextual()) {
            return false;
        }
        Optional<long[]> durations = durations(keyNode, value);
        if (durations.isPresent()) {
            return ordered(operator, Double.compare(seconds(durations.get()[0]), seconds(durations.get()[1])));
        }
        OptionalDouble parsed = GoText.parseFloat(value.textValue());
        if (parsed.isPresent()) {
            return ordered(operator, Double.compare(key, parsed.getAsDouble()));
        }
        OptionalLong whole = GoText.parseInt(value.textValue());
        return whole.isPresent() && ordered(operator, Double.compare(key, whole.getAsLong()));
    }

    private static boolean ordered(Operator operator, int order) {
        return switch (operator) {
            case GREATER_THAN, DURATION_GREATER_THAN -> order > 0;
            case GREATER_THAN_OR_EQUALS, DURATION_GREATER_THAN_OR_EQUALS -> order >= 0;
            case LESS_THAN, DURATION_LESS_THAN -> order < 0;
            default -> order <= 0;
        };
    }

    // The deprecated Duration* operators: numbers are seconds, strings Go durations.
    private static boolean duration(Operator operator, JsonNode key, JsonNode value) {
        Optional<Long> k = anyDuration(key);
        Optional<Long> v = anyDuration(value);
        return k.isPresent() && v.isPresent() && ordered(operator, Long.compare(k.get(), v.get()));
    }

    private static Optional<Long> anyDuration(JsonNode node) {
        if (node.isNumber()) {
            return secondsOf(node);
        }
        return node.isTextual() ? GoDuration.parse(node.textValue()) : Optional.empty();
    }
}
