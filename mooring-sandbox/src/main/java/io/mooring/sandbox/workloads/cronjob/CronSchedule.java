package io.mooring.sandbox.workloads.cronjob;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CronJob schedule, read as Kubernetes reads it (robfig/cron's standard parser): five fields
 * (minute, hour, day of month, month, day of week) with lists, ranges, steps, {@code *} and
 * {@code ?}, month and weekday names; or a descriptor ({@code @hourly}, {@code @daily},
 * {@code @midnight}, {@code @weekly}, {@code @monthly}, {@code @yearly}, {@code @annually},
 * {@code @every 1h30m}). When both day fields are restricted a day matching either runs.
 */
public final class CronSchedule {
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6);
    private static final int YEARS_TO_SEARCH = 5;
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;
    private final Duration every;

    private CronSchedule(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
                         boolean anyDayOfMonth, boolean anyDayOfWeek, Duration every) {
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.anyDayOfMonth = anyDayOfMonth;
        this.anyDayOfWeek = anyDayOfWeek;
        this.every = every;
    }

    /**
     * @throws IllegalArgumentException with robfig/cron's kind of message when the text is not a schedule
     */
    public static CronSchedule parse(String text) {
        String spec = text.strip();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("empty spec string");
        }
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            throw new IllegalArgumentException("cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        }
        if (spec.startsWith("@")) {
            return descriptor(spec);
        }
        String[] fields = spec.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.length + ": " + spec);
        }
        Field dom = field(fields[2], 1, 31, Map.of());
        Field dow = field(fields[4], 0, 6, DAYS);
        return new CronSchedule(field(fields[0], 0, 59, Map.of()).bits(), field(fields[1], 0, 23, Map.of()).bits(), dom.bits(),
                field(fields[3], 1, 12, MONTHS).bits(), dow.bits(), dom.star(), dow.star(), null);
    }

    private static CronSchedule descriptor(String spec) {
        String five = switch (spec.toLowerCase(Locale.ROOT)) {
            case "@yearly", "@annually" -> "0 0 1 1 *";
            case "@monthly" -> "0 0 1 * *";
            case "@weekly" -> "0 0 * * 0";
            case "@daily", "@midnight" -> "0 0 * * *";
            case "@hourly" -> "0 * * * *";
            default -> null;
        };
        if (five != null) {
            return parse(five);
        }
        if (spec.startsWith("@every ")) {
            Duration every = goDuration(spec.substring("@every ".length()).strip());
            if (every.compareTo(Duration.ofSeconds(1)) < 0) {
                every = Duration.ofSeconds(1);
            }
            return new CronSchedule(null, null, null, null, null, true, true, every.truncatedTo(ChronoUnit.SECONDS));
        }
        throw new IllegalArgumentException("unrecognized descriptor: " + spec);
    }

    private record Field(BitSet bits, boolean star) {
    }

    private static Field field(String text, int min, int max, Map<String, Integer> names) {
        BitSet bits = new BitSet();
        boolean star = false;
        for (String part : text.split(",")) {
            int slash = part.indexOf('/');
            String range = slash < 0 ? part : part.substring(0, slash);
            int step = 1;
            if (slash >= 0) {
                step = number(part.substring(slash + 1), Map.of(), part);
                if (step <= 0) {
                    throw new IllegalArgumentException("step of range should be a positive number: " + part);
                }
            }
            int start;
            int end;
            if (range.equals("*") || range.equals("?")) {
                start = min;
                end = max;
                star = true;
            } else {
                int dash = range.indexOf('-');
                start = number(dash < 0 ? range : range.substring(0, dash), names, part);
                end = dash < 0 ? (slash >= 0 ? max : start) : number(range.substring(dash + 1), names, part);
            }
            if (start < min) {
                throw new IllegalArgumentException("beginning of range (" + start + ") below minimum (" + min + "): " + part);
            }
            if (end > max) {
                throw new IllegalArgumentException("end of range (" + end + ") above maximum (" + max + "): " + part);
            }
            if (start > end) {
                throw new IllegalArgumentException("beginning of range (" + start + ") beyond end of range (" + end + "): " + part);
            }
            for (int i = start; i <= end; i += step) {
                bits.set(i);
            }
        }
        return new Field(bits, star);
    }

    private static int number(String text, Map<String, Integer> names, String part) {
        Integer named = names.get(text.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse int from " + text + ": " + part);
        }
    }

    /** Go's duration syntax as {@code @every} takes it: {@code 90s}, {@code 1h30m}, {@code 1.5h}. */
    private static Duration goDuration(String text) {
        Matcher matcher = GO_DURATION_PART.matcher(text);
        long millis = 0;
        int consumed = 0;
        while (matcher.find() && matcher.start() == consumed) {
            double amount = Double.parseDouble(matcher.group(1));
            millis += (long) (amount * switch (matcher.group(2)) {
                case "h" -> 3_600_000;
                case "m" -> 60_000;
                case "s" -> 1_000;
                default -> 1;
            });
            consumed = matcher.end();
        }
        if (consumed != text.length() || consumed == 0) {
            throw new IllegalArgumentException("failed to parse duration @every " + text);
        }
        return Duration.ofMillis(millis);
    }

    /** The first time strictly after {@code after} the schedule fires, in the zone of {@code after}; null if none within five years. */
    public ZonedDateTime next(ZonedDateTime after) {
        if (every != null) {
            return after.truncatedTo(ChronoUnit.SECONDS).plus(every);
        }
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(YEARS_TO_SEARCH);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                continue;
            }
            if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
                continue;
            }
            return t;
        }
        return null;
    }

    /** The first time strictly after {@code after}, evaluated in {@code zone}. */
    public ZonedDateTime next(Instant after, ZoneId zone) {
        return next(after.atZone(zone));
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
    }
}
