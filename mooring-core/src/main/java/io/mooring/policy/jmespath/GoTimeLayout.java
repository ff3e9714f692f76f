package io.mooring.policy.jmespath;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Go's reference-time layouts ({@code 2006-01-02 15:04:05}) turned into Java patterns for
 * {@code time_parse}. The common elements are known; anything else is taken literally.
 */
final class GoTimeLayout {
    // Longest first, so that "2006" wins over "06" and "January" over "Jan".
    private static final List<Map.Entry<String, String>> ELEMENTS = List.of(
            Map.entry("January", "MMMM"), Map.entry("Monday", "EEEE"), Map.entry("Z07:00", "XXX"), Map.entry("-07:00", "xxx"),
            Map.entry("-0700", "xx"), Map.entry("Z0700", "XX"), Map.entry("2006", "uuuu"), Map.entry(".000000000", ".SSSSSSSSS"),
            Map.entry(".000000", ".SSSSSS"), Map.entry(".000", ".SSS"), Map.entry("Jan", "MMM"), Map.entry("Mon", "EEE"),
            Map.entry("MST", "zzz"), Map.entry("01", "MM"), Map.entry("02", "dd"), Map.entry("15", "HH"), Map.entry("03", "hh"),
            Map.entry("04", "mm"), Map.entry("05", "ss"), Map.entry("06", "uu"), Map.entry("PM", "a"), Map.entry("_2", "ppd"),
            Map.entry("1", "M"), Map.entry("2", "d"), Map.entry("3", "h"), Map.entry("4", "m"), Map.entry("5", "s"));

    private GoTimeLayout() {
    }

    static OffsetDateTime parse(String layout, String text) {
        DateTimeFormatter formatter = new DateTimeFormatterBuilder()
                .appendPattern(toJavaPattern(layout))
                .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                .toFormatter(Locale.ROOT);
        TemporalAccessor parsed = formatter.parse(text);
        LocalDateTime local = LocalDateTime.of(
                parsed.isSupported(ChronoField.YEAR) ? parsed.get(ChronoField.YEAR) : 0,
                parsed.isSupported(ChronoField.MONTH_OF_YEAR) ? parsed.get(ChronoField.MONTH_OF_YEAR) : 1,
                parsed.isSupported(ChronoField.DAY_OF_MONTH) ? parsed.get(ChronoField.DAY_OF_MONTH) : 1,
                parsed.get(ChronoField.HOUR_OF_DAY),
                parsed.isSupported(ChronoField.MINUTE_OF_HOUR) ? parsed.get(ChronoField.MINUTE_OF_HOUR) : 0,
                parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0,
                parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0);
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
        return local.atOffset(offset);
    }

    static String toJavaPattern(String layout) {
        StringBuilder out = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        outer:
        while (i < layout.length()) {
            for (Map.Entry<String, String> element : ELEMENTS) {
                if (layout.startsWith(element.getKey(), i)) {
                    flush(literal, out);
                    out.append(element.getValue());
                    i += element.getKey().length();
                    continue outer;
                }
            }
            literal.append(layout.charAt(i++));
        }
        flush(literal, out);
        return out.toString();
    }

    private static void flush(StringBuilder literal, StringBuilder out) {
        if (!literal.isEmpty()) {
            out.append('\'').append(literal.toString().replace("'", "''")).append('\'');
            literal.setLength(0);
        }
    }
}
