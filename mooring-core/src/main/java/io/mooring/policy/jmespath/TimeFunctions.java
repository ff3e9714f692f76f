package io.mooring.policy.jmespath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.policy.value.GoDuration;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import static io.mooring.policy.jmespath.Function.ArgType.STRING;

/**
 * Kyverno's time functions over RFC 3339 timestamps and Go durations. "Now" is the evaluation's
 * clock reading ({@link Arguments#now()}), so that an evaluation stays a pure function of its input.
 */
final class TimeFunctions {
    static final String RFC3339_LAYOUT = "2006-01-02T15:04:05Z07:00";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    /** Nanoseconds from Go's zero time (year 1) to the Unix epoch: Truncate works on time since year 1. */
    private static final BigInteger YEAR_ONE_TO_EPOCH = BigInteger.valueOf(62135596800L).multiply(BigInteger.valueOf(1_000_000_000L));

    private TimeFunctions() {
    }

    static List<Function> all() {
        return List.of(
                Function.of("time_now", a -> text(a.now().atOffset(ZoneOffset.UTC))),
                Function.of("time_now_utc", a -> text(a.now().atOffset(ZoneOffset.UTC))),
                Function.of("time_since", TimeFunctions::since, STRING, STRING, STRING),
                Function.of("time_add", a -> text(parse(a, a.string(0)).plusNanos(duration(a, a.string(1)))), STRING, STRING),
                Function.of("time_parse", a -> text(parse(a, a.string(0), a.string(1))), STRING, STRING),
                Function.of("time_utc", a -> text(parse(a, a.string(0)).withOffsetSameInstant(ZoneOffset.UTC)), STRING),
                Function.of("time_diff", a -> TextNode.valueOf(GoDuration.format(between(parse(a, a.string(0)), parse(a, a.string(1))))), STRING, STRING),
                Function.of("time_before", a -> BooleanNode.valueOf(parse(a, a.string(0)).isBefore(parse(a, a.string(1)))), STRING, STRING),
                Function.of("time_after", a -> BooleanNode.valueOf(parse(a, a.string(0)).isAfter(parse(a, a.string(1)))), STRING, STRING),
                Function.of("time_between", TimeFunctions::timeBetween, STRING, STRING, STRING),
                Function.of("time_truncate", TimeFunctions::truncate, STRING, STRING),
                Function.of("time_to_cron", TimeFunctions::toCron, STRING));
    }

    private static JsonNode text(OffsetDateTime time) {
        return TextNode.valueOf(RFC3339.format(time));
    }

    private static OffsetDateTime parse(Arguments a, String text) {
        return parse(a, "", text);
    }

    private static OffsetDateTime parse(Arguments a, String layout, String text) {
        try {
            if (layout.isEmpty() || layout.equals(RFC3339_LAYOUT)) {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
            return GoTimeLayout.parse(layout, text);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw a.error("cannot parse '" + text + "' as a time" + (layout.isEmpty() ? " (RFC 3339)" : " with layout " + layout));
        }
    }

    private static long duration(Arguments a, String text) {
        return GoDuration.parse(text).orElseThrow(() -> a.error("invalid duration " + text));
    }

    private static long between(OffsetDateTime start, OffsetDateTime end) {
        return Duration.between(start, end).toNanos();
    }

    private static JsonNode since(Arguments a) {
        OffsetDateTime start = parse(a, a.string(0), a.string(1));
        OffsetDateTime end = a.string(2).isEmpty() ? a.now().atOffset(ZoneOffset.UTC) : parse(a, a.string(0), a.string(2));
        return TextNode.valueOf(GoDuration.format(between(start, end)));
    }

    private static JsonNode timeBetween(Arguments a) {
        OffsetDateTime time = parse(a, a.string(0));
        return BooleanNode.valueOf(time.isAfter(parse(a, a.string(1))) && time.isBefore(parse(a, a.string(2))));
    }

    private static JsonNode truncate(Arguments a) {
        OffsetDateTime time = parse(a, a.string(0));
        long step = duration(a, a.string(1));
        if (step <= 0) {
            return text(time);
        }
        Instant instant = time.toInstant();
        BigInteger sinceYearOne = BigInteger.valueOf(instant.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(instant.getNano())).add(YEAR_ONE_TO_EPOCH);
        long excess = sinceYearOne.mod(BigInteger.valueOf(step)).longValueExact();
        return text(time.minusNanos(excess));
    }

    private static JsonNode toCron(Arguments a) {
        OffsetDateTime time = parse(a, a.string(0));
        return TextNode.valueOf(time.getMinute() + " " + time.getHour() + " " + time.getDayOfMonth() + " "
                + time.getMonthValue() + " " + time.getDayOfWeek().getValue() % 7);
    }
}
