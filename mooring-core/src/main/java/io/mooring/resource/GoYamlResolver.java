package io.mooring.resource;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether go-yaml v2 may print a string unquoted: only when its {@code resolve} would read the
 * plain text back as a string, and it is not a YAML 1.1 base-60 number. v2 follows YAML 1.1 far
 * more than v3 does: {@code yes}, {@code on}, {@code y} are booleans, {@code 2020-01-01} is a
 * timestamp, {@code 0b101} and {@code 1_000} are integers; all of these get double quotes.
 * This is the resolver of sigs.k8s.io/yaml v1.4.0 (kustomize v5.5.0's), from before its fork of v2
 * learned to read integers wider than 64 bits: {@code 0x1FFFFFFFFFFFFFFFF} is still a plain string.
 */
final class GoYamlResolver {
    /** Plain scalars v2 looks up in a table: booleans, nulls, infinities, NaN. */
    private static final Set<String> KNOWN = Set.of(
            "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
            "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
            "", "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN",
            ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");
    private static final String TABLE_HINTS = "yYnNtTfFoO~";
    private static final Pattern YAML_STYLE_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern BASE_60_FLOAT = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GoYamlResolver() {
    }

    /** True when go-yaml v2 prints {@code text} without quotes (if the emitter allows it). */
    static boolean mayBePlain(String text) {
        return resolvesToString(text) && !isBase60Float(text);
    }

    /** go-yaml v2's resolve for an untagged plain scalar: is the result a !!str? */
    static boolean resolvesToString(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        boolean sign = first == '+' || first == '-';
        boolean digit = first >= '0' && first <= '9';
        if (!sign && !digit && first != '.' && TABLE_HINTS.indexOf(first) < 0) {
            return true;
        }
        if (KNOWN.contains(text)) {
            return false;
        }
        if (first == '.') {
            return !isGoDecimalFloat(text);
        }
        if (!sign && !digit) {
            return true;
        }
        return !isNumberOrTimestamp(text);
    }

    private static boolean isNumberOrTimestamp(String text) {
        if (GoYamlTimestamps.isTimestamp(text)) {
            return true;
        }
        String plain = text.replace("_", "");
        if (parsesAsGoInteger(plain, 0)) {
            return true;
        }
        if (YAML_STYLE_FLOAT.matcher(plain).matches() && Double.isFinite(Double.parseDouble(plain))) {
            return true;
        }
        // v2's own binary forms, which reach past strconv's base-0 syntax ("0b-1" is an int to it).
        if (plain.startsWith("0b")) {
            return parsesAsGoInteger(plain.substring(2), 2);
        }
        return plain.startsWith("-0b") && fitsInt64(parseGoInteger("-" + plain.substring(3), 2));
    }

    static boolean isBase60Float(String text) {
        char first = text.isEmpty() ? ' ' : text.charAt(0);
        boolean start = first == '+' || first == '-' || (first >= '0' && first <= '9');
        return start && text.indexOf(':') >= 0 && BASE_60_FLOAT.matcher(text).matches();
    }

    /** strconv.ParseInt or strconv.ParseUint (64 bits) accepts it. */
    private static boolean parsesAsGoInteger(String text, int base) {
        BigInteger value = parseGoInteger(text, base);
        return fitsInt64(value) || (value != null && value.signum() >= 0 && value.compareTo(UINT64_MAX) <= 0
                && !text.startsWith("+") && !text.startsWith("-"));
    }

    private static boolean fitsInt64(BigInteger value) {
        return value != null && value.compareTo(INT64_MIN) >= 0 && value.compareTo(INT64_MAX) <= 0;
    }

    /**
     * strconv's integer syntax without range limits: optional sign, then for base 0 a 0x/0o/0b
     * prefix or a leading 0 for octal. Null when the text is not an integer.
     */
    private static BigInteger parseGoInteger(String text, int base) {
        String body = text;
        boolean negative = false;
        if (!body.isEmpty() && (body.charAt(0) == '+' || body.charAt(0) == '-')) {
            negative = body.charAt(0) == '-';
            body = body.substring(1);
        }
        if (body.isEmpty()) {
            return null;
        }
        int radix = base;
        if (base == 0) {
            radix = 10;
            if (body.charAt(0) == '0') {
                char prefix = body.length() >= 3 ? Character.toLowerCase(body.charAt(1)) : ' ';
                radix = switch (prefix) {
                    case 'b' -> 2;
                    case 'o' -> 8;
                    case 'x' -> 16;
                    default -> 8;
                };
                body = body.substring(prefix == 'b' || prefix == 'o' || prefix == 'x' ? 2 : 1);
                if (body.isEmpty()) {
                    return BigInteger.ZERO;
                }
            }
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c > 0x7F || Character.digit(c, radix) < 0) {
                return null;
            }
        }
        BigInteger value = new BigInteger(body, radix);
        return negative ? value.negate() : value;
    }

    /**
     * strconv.ParseFloat on text that starts with '.': decimal digits (underscores allowed between
     * digits), an optional exponent, and a finite result.
     */
    private static boolean isGoDecimalFloat(String text) {
        int i = 1;
        boolean digits = false;
        while (i < text.length() && (isAsciiDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            digits |= text.charAt(i) != '_';
            i++;
        }
        if (!digits) {
            return false;
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            if (i >= text.length() || !isAsciiDigit(text.charAt(i))) {
                return false;
            }
            while (i < text.length() && (isAsciiDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
        }
        return i == text.length() && underscoresBetweenDigits(text)
                && Double.isFinite(Double.parseDouble(text.replace("_", "")));
    }

    /** strconv's rule for '_' in a number without a base prefix: only between two digits. */
    private static boolean underscoresBetweenDigits(String text) {
        char saw = '^';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isAsciiDigit(c)) {
                saw = '0';
            } else if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
            } else {
                if (saw == '_') {
                    return false;
                }
                saw = '!';
            }
        }
        return saw != '_';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
