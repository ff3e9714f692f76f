package io.mooring.policy.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 1.5Gi}, {@code 2e3}) as
 * {@code k8s.io/apimachinery}'s {@code resource.Quantity} reads, compares and prints it: Kyverno's
 * patterns ({@code <=1Gi}), condition operators and arithmetic functions all go through it.
 *
 * @param value  the exact amount
 * @param format how it was written, which decides how a computed quantity prints
 */
public record Quantity(BigDecimal value, Format format) implements Comparable<Quantity> {
    public enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

    private static final Map<String, Integer> DECIMAL_SUFFIXES = Map.of(
            "n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
    private static final Map<String, Integer> BINARY_SUFFIXES = Map.of(
            "Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);
    private static final String SUFFIX_CHARACTERS = "eEinumkKMGTP";
    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);

    /** The quantity, or empty when {@code text} is not one (apimachinery's ParseQuantity). */
    public static Optional<Quantity> parse(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int pos = 0;
        int end = text.length();
        boolean positive = true;
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            positive = text.charAt(0) == '+';
            pos++;
        }
        int numberStart = pos;
        while (pos < end && isAsciiDigit(text.charAt(pos))) {
            pos++;
        }
        String whole = text.substring(numberStart, pos);
        String fraction = "";
        if (pos < end && text.charAt(pos) == '.') {
            int fractionStart = ++pos;
            while (pos < end && isAsciiDigit(text.charAt(pos))) {
                pos++;
            }
            fraction = text.substring(fractionStart, pos);
        }
        String suffix = text.substring(pos);
        if (!validSuffixShape(suffix)) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
        if (!positive) {
            number = number.negate();
        }
        Integer decimal = DECIMAL_SUFFIXES.get(suffix);
        if (decimal != null) {
            return Optional.of(new Quantity(number.scaleByPowerOfTen(decimal), Format.DECIMAL_SI));
        }
        Integer binary = BINARY_SUFFIXES.get(suffix);
        if (binary != null) {
            return Optional.of(new Quantity(number.multiply(new BigDecimal(BigInteger.TWO.pow(binary))), Format.BINARY_SI));
        }
        if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
            try {
                int exponent = Integer.parseInt(suffix.substring(1));
                return Optional.of(new Quantity(number.scaleByPowerOfTen(exponent), Format.DECIMAL_EXPONENT));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Suffix letters, then an optional sign and digits: what apimachinery lets through to the lookup. */
    private static boolean validSuffixShape(String suffix) {
        int i = 0;
        while (i < suffix.length() && SUFFIX_CHARACTERS.indexOf(suffix.charAt(i)) >= 0) {
            i++;
        }
        if (i < suffix.length() && (suffix.charAt(i) == '+' || suffix.charAt(i) == '-')) {
            i++;
        }
        while (i < suffix.length() && isAsciiDigit(suffix.charAt(i))) {
            i++;
        }
        return i == suffix.length();
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    public Quantity plus(Quantity other) {
        return new Quantity(value.add(other.value), format);
    }

    public Quantity minus(Quantity other) {
        return new Quantity(value.subtract(other.value), format);
    }

    public Quantity times(BigDecimal factor) {
        return new Quantity(value.multiply(factor), format);
    }

    /** Division by a plain number, truncated at the larger scale of the two, as Kyverno's divide(). */
    public Quantity dividedBy(BigDecimal divisor) {
        int scale = Math.max(Math.max(value.scale(), divisor.scale()), 0);
        return new Quantity(value.divide(divisor, scale, RoundingMode.DOWN), format);
    }

    public double toDouble() {
        return value.doubleValue();
    }

    /** Canonical form, as {@code Quantity.String()}: {@code 1500m} stays, {@code 1000} is {@code 1k}, {@code 2048} is {@code 2Ki}. */
    @Override
    public String toString() {
        if (value.signum() == 0) {
            return "0";
        }
        Format shown = format;
        if (shown == Format.BINARY_SI) {
            boolean small = value.abs().compareTo(KIBI) < 0;
            if (small || value.stripTrailingZeros().scale() > 0) {
                shown = Format.DECIMAL_SI;
            } else {
                return binary();
            }
        }
        // The largest multiple of three for which the mantissa is a whole number.
        BigDecimal stripped = value.stripTrailingZeros();
        int exponent = Math.floorDiv(-stripped.scale(), 3) * 3;
        BigInteger mantissa = stripped.scaleByPowerOfTen(-exponent).toBigIntegerExact();
        if (shown == Format.DECIMAL_SI) {
            for (Map.Entry<String, Integer> suffix : DECIMAL_SUFFIXES.entrySet()) {
                if (suffix.getValue() == exponent) {
                    return mantissa + suffix.getKey();
                }
            }
        }
        return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
    }

    private String binary() {
        BigInteger amount = value.toBigIntegerExact();
        int power = 0;
        BigInteger kibi = BigInteger.valueOf(1024);
        while (power < 60 && amount.mod(kibi).signum() == 0 && amount.abs().compareTo(kibi) >= 0) {
            amount = amount.divide(kibi);
            power += 10;
        }
        for (Map.Entry<String, Integer> suffix : BINARY_SUFFIXES.entrySet()) {
            if (suffix.getValue() == power) {
                return amount + suffix.getKey();
            }
        }
        return amount.toString();
    }
}
