package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How a number looks after kustomize's trip through Go: encoding/json prints it, go-yaml v2 reads
 * that text back (as an int when it has no fraction or exponent and fits 64 bits, else as a
 * float64) and prints it again, floats with {@code strconv.FormatFloat(f, 'g', -1, 64)}.
 */
final class GoYamlNumbers {
    private static final double TWO_63 = 0x1p63;
    private static final double TWO_64 = 0x1p64;
    /** encoding/json switches to exponent form from here on; below it, integral floats print as digits. */
    private static final double JSON_EXPONENT_FROM = 1e21;

    private GoYamlNumbers() {
    }

    /** The text go-yaml v2 prints for a number node. */
    static String format(JsonNode number) {
        if (number.isIntegralNumber()) {
            if (number.canConvertToLong()) {
                return Long.toString(number.longValue());
            }
            BigInteger value = number.bigIntegerValue();
            if (value.signum() > 0 && value.bitLength() <= 64) {
                return value.toString();
            }
            // Go holds nothing wider than 64 bits: go-yaml v3 reads such text as a float64.
            return format(value.doubleValue());
        }
        return format(number.doubleValue());
    }

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the number " + value + " has no JSON form, and kustomize prints"
                    + " through JSON; use a finite number or a string");
        }
        if (value == Math.rint(value) && Math.abs(value) < JSON_EXPONENT_FROM) {
            // JSON wrote plain digits; go-yaml v2 takes them as int64, then uint64, then float64.
            if (value >= -TWO_63 && value < TWO_63) {
                return Long.toString((long) value);
            }
            if (value > 0 && value < TWO_64) {
                return new BigDecimal(value).toBigInteger().toString();
            }
        }
        return formatG(value);
    }

    /** {@code strconv.FormatFloat(value, 'g', -1, 64)}: shortest digits, exponent form outside 1e-4..1e21. */
    static String formatG(double value) {
        Decimal decimal = Decimal.shortest(Math.abs(value));
        StringBuilder out = new StringBuilder(24);
        if (value < 0) {
            out.append('-');
        }
        String digits = decimal.digits();
        int exponent = decimal.point() - 1;
        if (exponent < -4 || exponent >= 6) {
            out.append(digits.charAt(0));
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
        int point = decimal.point();
        if (point <= 0) {
            out.append('0');
        } else {
            for (int i = 0; i < point; i++) {
                out.append(i < digits.length() ? digits.charAt(i) : '0');
            }
        }
        int fraction = Math.max(digits.length() - point, 0);
        if (fraction > 0) {
            out.append('.');
            for (int i = 0; i < fraction; i++) {
                int at = point + i;
                out.append(at >= 0 && at < digits.length() ? digits.charAt(at) : '0');
            }
        }
        return out.toString();
    }

    /**
     * A positive finite value as {@code 0.digits × 10^point}, with the fewest digits that read back
     * as the same double (no leading or trailing zeros; "0" for zero).
     */
    record Decimal(String digits, int point) {
        static Decimal shortest(double positive) {
            if (positive == 0) {
                return new Decimal("0", 1);
            }
            Decimal java = of(new BigDecimal(Double.toString(positive)));
            if (java.digits.length() != 2) {
                return java;
            }
            // Java may pick a closer two-digit decimal where one digit already reads back (only for
            // tiny subnormals, e.g. 4.9E-324); Go prints the closest one-digit decimal (5e-324).
            BigDecimal exact = new BigDecimal(positive);
            BigDecimal best = null;
            int first = java.digits.charAt(0) - '0';
            for (int candidate = first; candidate <= first + 1; candidate++) {
                BigDecimal decimal = BigDecimal.valueOf(candidate).scaleByPowerOfTen(java.point - 1);
                boolean readsBack = decimal.doubleValue() == positive;
                if (readsBack && (best == null || decimal.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = decimal;
                }
            }
            return best == null ? java : of(best);
        }

        private static Decimal of(BigDecimal value) {
            BigDecimal stripped = value.stripTrailingZeros();
            String digits = stripped.unscaledValue().toString();
            return new Decimal(digits, digits.length() - stripped.scale());
        }
    }
}
