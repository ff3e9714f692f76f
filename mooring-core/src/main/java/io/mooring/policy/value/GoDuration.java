package io.mooring.policy.value;

import java.util.Map;
import java.util.Optional;

/**
 * Durations the way Go's {@code time} package reads and prints them ({@code 1h30m}, {@code 1.5s},
 * {@code 300ms}), because Kyverno compares and computes durations with it: a pattern {@code <1h} or a
 * condition on {@code 90s} must mean exactly what it means to Kyverno. Values are nanoseconds.
 */
public final class GoDuration {
    public static final long SECOND = 1_000_000_000L;
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L,
            "ms", 1_000_000L, "s", SECOND, "m", 60 * SECOND, "h", 3600 * SECOND);

    private GoDuration() {
    }

    /** The duration in nanoseconds, or empty when {@code text} is not one (Go's ParseDuration). */
    public static Optional<Long> parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Optional.of(0L);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        long total = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return Optional.empty();
            }
            int start = i;
            long whole = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                whole = whole * 10 + (s.charAt(i) - '0');
                if (whole < 0 || whole > Long.MAX_VALUE / 10) {
                    return Optional.empty();
                }
                i++;
            }
            boolean hadWhole = i > start;
            long fraction = 0;
            double scale = 1;
            boolean hadFraction = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fractionStart = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    if (fraction < Long.MAX_VALUE / 10) {
                        fraction = fraction * 10 + (s.charAt(i) - '0');
                        scale *= 10;
                    }
                    i++;
                }
                hadFraction = i > fractionStart;
            }
            if (!hadWhole && !hadFraction) {
                return Optional.empty();
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) {
                i++;
            }
            Long unit = UNITS.get(s.substring(unitStart, i));
            if (unit == null) {
                return Optional.empty();
            }
            if (whole > Long.MAX_VALUE / unit) {
                return Optional.empty();
            }
            long value = whole * unit;
            if (fraction > 0) {
                value += (long) (fraction * (unit / scale));
            }
            total += value;
            if (total < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(negative ? -total : total);
    }

    /** Go's {@code Duration.String()}: {@code 1h0m5s}, {@code 1.5s}, {@code 20ms}, {@code 0s}. */
    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        long u = Math.abs(nanos);
        StringBuilder out = new StringBuilder();
        if (u < SECOND) {
            String unit;
            int precision;
            if (u < 1_000) {
                unit = "ns";
                precision = 0;
            } else if (u < 1_000_000) {
                unit = "\u00b5s";
                precision = 3;
            } else {
                unit = "ms";
                precision = 6;
            }
            out.append(withFraction(u, precision)).append(unit);
        } else {
            long seconds = u / SECOND;
            String secondsText = fractionOf(u % SECOND, 9);
            long minutes = seconds / 60;
            long hours = minutes / 60;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (minutes > 0) {
                out.append(minutes % 60).append('m');
            }
            out.append(seconds % 60).append(secondsText).append('s');
        }
        return negative ? "-" + out : out.toString();
    }

    private static String withFraction(long value, int precision) {
        long divisor = 1;
        for (int i = 0; i < precision; i++) {
            divisor *= 10;
        }
        return (value / divisor) + fractionOf(value % divisor, precision);
    }

    /** {@code .5} for 500 of 3 digits; empty when the fraction is zero. */
    private static String fractionOf(long fraction, int digits) {
        if (fraction == 0) {
            return "";
        }
        String text = String.format("%0" + digits + "d", fraction);
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '0') {
            end--;
        }
        return "." + text.substring(0, end);
    }
}
