package io.mooring.sandbox.workloads.cronjob;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {
    /** A Monday. */
    private static final ZonedDateTime MONDAY = ZonedDateTime.of(2025, 6, 2, 10, 17, 30, 0, ZoneOffset.UTC);

    private static ZonedDateTime next(String schedule, ZonedDateTime after) {
        return CronSchedule.parse(schedule).next(after);
    }

    @Test
    void everyMinuteFiresAtTheNextWholeMinute() {
        assertThat(next("* * * * *", MONDAY)).isEqualTo(MONDAY.withMinute(18).withSecond(0));
        assertThat(next("* * * * *", MONDAY.withSecond(0).withMinute(18))).as("strictly after").isEqualTo(MONDAY.withMinute(19).withSecond(0));
    }

    @Test
    void stepsRangesAndListsCombine() {
        assertThat(next("*/15 * * * *", MONDAY)).isEqualTo(MONDAY.withMinute(30).withSecond(0));
        assertThat(next("5,50 9-11 * * *", MONDAY)).isEqualTo(MONDAY.withMinute(50).withSecond(0));
        assertThat(next("10/20 * * * *", MONDAY)).as("a/n runs from a to the end").isEqualTo(MONDAY.withMinute(30).withSecond(0));
        assertThat(next("0 0-23/6 * * *", MONDAY)).isEqualTo(MONDAY.withHour(12).withMinute(0).withSecond(0));
    }

    @Test
    void namesAndDescriptorsAreUnderstood() {
        assertThat(next("0 9 * * FRI", MONDAY)).isEqualTo(ZonedDateTime.of(2025, 6, 6, 9, 0, 0, 0, ZoneOffset.UTC));
        assertThat(next("0 0 1 jan *", MONDAY)).isEqualTo(ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(next("@daily", MONDAY)).isEqualTo(ZonedDateTime.of(2025, 6, 3, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(next("@hourly", MONDAY)).isEqualTo(MONDAY.withHour(11).withMinute(0).withSecond(0));
        assertThat(next("@every 90s", MONDAY)).isEqualTo(MONDAY.plusSeconds(90));
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekMatchEither() {
        assertThat(next("0 0 15 * MON", MONDAY)).as("the next Monday comes before the 15th").isEqualTo(
                ZonedDateTime.of(2025, 6, 9, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(next("0 0 */10 * *", MONDAY)).as("a star-step day field leaves the other unrestricted").isEqualTo(
                ZonedDateTime.of(2025, 6, 11, 0, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void schedulesRunInTheirTimeZoneAcrossDaylightSaving() {
        ZonedDateTime beforeSpring = ZonedDateTime.of(2025, 3, 8, 12, 0, 0, 0, ZoneId.of("America/New_York"));
        ZonedDateTime next = next("30 2 * * *", beforeSpring);
        assertThat(next.toLocalDate().toString()).as("02:30 does not exist on 9 March; the next that does is on the 10th")
                .isEqualTo("2025-03-10");
        assertThat(next("0 6 * * *", beforeSpring).toOffsetDateTime().getOffset()).as("06:00 on the 9th is daylight time")
                .isEqualTo(ZoneOffset.ofHours(-4));
    }

    @Test
    void refusesWhatIsNotASchedule() {
        assertThatThrownBy(() -> CronSchedule.parse("* * *")).hasMessageContaining("expected exactly 5 fields");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).hasMessageContaining("above maximum");
        assertThatThrownBy(() -> CronSchedule.parse("* * * * 7")).as("robfig/cron knows weekdays 0-6").hasMessageContaining("above maximum");
        assertThatThrownBy(() -> CronSchedule.parse("TZ=UTC * * * * *")).hasMessageContaining("timeZone field");
        assertThatThrownBy(() -> CronSchedule.parse("@fortnightly")).hasMessageContaining("unrecognized descriptor");
    }
}
