package io.mooring.web.portal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times as pages show them: relative ("5 min ago") with the absolute UTC time beside it. Pure. */
public final class Times {
    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** An RFC 3339 time as the API server writes it; null when absent or unreadable. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code "just now"}, {@code "42 s ago"}, {@code "5 min ago"}, {@code "3 h ago"}, {@code "2 d ago"}, or {@code "in 5 min"}. */
    public static String relative(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        Duration age = Duration.between(then, now);
        boolean future = age.isNegative();
        long seconds = Math.abs(age.toSeconds());
        if (seconds < 10) {
            return "just now";
        }
        String amount = seconds < 60 ? seconds + " s" : seconds < 3600 ? seconds / 60 + " min" : seconds < 86_400 ? seconds / 3600 + " h"
                : seconds / 86_400 + " d";
        return future ? "in " + amount : amount + " ago";
    }

    /** {@code 2026-11-22 10:00:00 UTC}. */
    public static String absolute(Instant time) {
        return time == null ? "" : ABSOLUTE.format(time);
    }
}
