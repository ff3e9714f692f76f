package io.mooring.policy.value;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * How Go's {@code fmt} prints a decoded JSON value, where Kyverno turns values into text to compare
 * them (the set operators use {@code fmt.Sprint}, patterns {@code %f}): every JSON number is a
 * float64 there, so {@code 1000000} prints as {@code 1e+06} and {@code 80} as {@code 80}.
 */
public final class GoText {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private GoText() {
    }

    /** {@code strconv.ParseFloat(s, 64)} for decimal text (and Go's spellings of infinity and NaN); empty otherwise. */
    public static OptionalDouble parseFloat(String text) {
        if (DECIMAL.matcher(text).matches()) {
            return OptionalDouble.of(Double.parseDouble(text));
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> OptionalDouble.of(Double.POSITIVE_INFINITY);
            case "-inf", "-infinity" -> OptionalDouble.of(Double.NEGATIVE_INFINITY);
            case "nan" -> OptionalDouble.of(Double.NaN);
            default -> OptionalDouble.empty();
        };
    }

    /** {@code strconv.ParseInt(s, 10, 64)}; empty when not a whole decimal number in range. */
    public static java.util.OptionalLong parseInt(String text) {
        if (!text.matches("[+-]?\\d+")) {
            return java.util.OptionalLong.empty();
        }
        try {
            return java.util.OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** {@code fmt.Sprint(v)}: strings bare, numbers as {@code %v}, null as {@code <nil>}, maps sorted by key. */
    public static String sprint(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "<nil>";
        }
        return switch (value.getNodeType()) {
            case STRING -> value.textValue();
            case NUMBER -> formatG(value.doubleValue());
            case BOOLEAN -> Boolean.toString(value.booleanValue());
            case ARRAY -> {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(sprint(item)));
                yield "[" + String.join(" ", items) + "]";
            }
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(value.properties());
                entries.sort(Map.Entry.comparingByKey());
                List<String> items = new ArrayList<>();
                entries.forEach(e -> items.add(e.getKey() + ":" + sprint(e.getValue())));
                yield "map[" + String.join(" ", items) + "]";
            }
            default -> value.asText();
        };
    }

    /** A float64 as {@code %v} ({@code strconv.FormatFloat(f, 'g', -1, 64)}): exponent form from 1e+06 up and below 1e-04. */
    public static String formatG(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            StringBuilder out = new StringBuilder(sign).append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                out.append('0');
            }
            return out.append(magnitude).toString();
        }
        return sign + shortest.toPlainString();
    }

    /** {@code fmt.Sprintf("%f", d)}: six decimals. */
    public static String formatFixed6(double d) {
        return String.format(Locale.ROOT, "%f", d);
    }

    /** A whole number without a fraction, other numbers in their shortest plain form ({@code strconv.FormatFloat(f, 'f', -1, 32)}). */
    public static String formatFloat32(double d) {
        float f = (float) d;
        BigDecimal shortest = new BigDecimal(Float.toString(f)).stripTrailingZeros();
        return shortest.toPlainString();
    }
}
