package io.mooring.sandbox.cluster.defaults;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 1Gi}, {@code 1e3}) in the canonical form
 * the API server stores and returns: a request of {@code 0.5} CPU reads back as {@code 500m},
 * {@code 2048Mi} as {@code 2Gi}, {@code 1.5Gi} as {@code 1536Mi}. A diff against a live object
 * must expect these rewrites, so they are reproduced exactly.
 */
public final class Quantity {
    /** The message of the API server's decoder for a malformed quantity. */
    public static final String SYNTAX = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    private static final Pattern FORM = Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?");
    private static final Map<String, Integer> DECIMAL_SUFFIXES = Map.of("n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9,
            "T", 12, "P", 15, "E", 18);
    private static final Map<String, Integer> BINARY_SUFFIXES = Map.of("Ki", 1, "Mi", 2, "Gi", 3, "Ti", 4, "Pi", 5, "Ei", 6);
    private static final String[] DECIMAL_BY_EXPONENT = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY_BY_POWER = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigInteger KI = BigInteger.valueOf(1024);

    private enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

    private Quantity() {
    }

    /** The exact value of a quantity, for comparing requests with limits. */
    public static BigDecimal value(String text) {
        return parse(text).value();
    }

    private record Parsed(BigDecimal value, Format format) {
    }

    private static Parsed parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(SYNTAX);
        }
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal value = new BigDecimal(m.group(1).startsWith("+") ? m.group(1).substring(1) : m.group(1));
        if (BINARY_SUFFIXES.containsKey(suffix)) {
            return new Parsed(value.multiply(new BigDecimal(KI.pow(BINARY_SUFFIXES.get(suffix)))), Format.BINARY_SI);
        }
        if (DECIMAL_SUFFIXES.containsKey(suffix)) {
            return new Parsed(value.scaleByPowerOfTen(DECIMAL_SUFFIXES.get(suffix)), Format.DECIMAL_SI);
        }
        return new Parsed(value.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))), Format.DECIMAL_EXPONENT);
    }

    /** The canonical text of {@code text}; {@code roundToMilli} as resource lists are (values finer than 1m round up). */
    public static String canonical(String text, boolean roundToMilli) {
        Parsed parsed = parse(text);
        BigDecimal value = parsed.value();
        Format format = parsed.format();
        // Quantities keep nano precision at most; the defaulting of resource lists keeps milli.
        int precision = roundToMilli ? 3 : 9;
        if (value.scale() > precision) {
            value = value.setScale(precision, RoundingMode.UP);
        }
        if (value.signum() == 0) {
            return "0";
        }
        if (format == Format.BINARY_SI && (value.abs().compareTo(new BigDecimal(KI)) < 0 || !isInteger(value))) {
            format = Format.DECIMAL_SI;
        }
        return format == Format.BINARY_SI ? binary(value.toBigIntegerExact()) : decimal(value, format);
    }

    private static boolean isInteger(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** Mantissa times a power of 1024, the largest power that divides it. */
    private static String binary(BigInteger value) {
        BigInteger mantissa = value;
        int power = 0;
        while (power < 6 && mantissa.mod(KI).signum() == 0) {
            mantissa = mantissa.divide(KI);
            power++;
        }
        return mantissa + BINARY_BY_POWER[power];
    }

    /** Integer mantissa with every factor of ten moved to an exponent that is a multiple of three. */
    private static String decimal(BigDecimal value, Format format) {
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        int exponent = -stripped.scale();
        int excess = Math.floorMod(exponent, 3);
        mantissa = mantissa.multiply(BigInteger.TEN.pow(excess));
        exponent -= excess;
        if (format == Format.DECIMAL_SI && exponent >= -9 && exponent <= 18) {
            return mantissa + DECIMAL_BY_EXPONENT[exponent / 3 + 3];
        }
        return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
    }
}
