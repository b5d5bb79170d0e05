package dev.drift.service.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepScheduleTest {
    private static final String BERLIN = "Europe/Berlin";

    @Test
    void dailyDefaultIsDueAtSixUtcAndNotBefore() {
        SweepSchedule schedule = SweepSchedule.of("0 0 6 * * *", "UTC");

        assertThat(schedule.latestAtOrBefore(Instant.parse("2026-12-06T05:59:59Z")))
                .isEqualTo(Instant.parse("2026-12-05T06:00:00Z"));
        assertThat(schedule.latestAtOrBefore(Instant.parse("2026-12-06T06:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-06T06:00:00Z"));
        assertThat(schedule.nextAfter(Instant.parse("2026-12-06T06:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-07T06:00:00Z"));
        assertThat(schedule.nextAfter(Instant.parse("2026-12-06T05:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-12-06T06:00:00Z"));
    }

    @Test
    void theZoneDecidesWhichWallClockIsRead() {
        SweepSchedule schedule = SweepSchedule.of("0 0 6 * * *", BERLIN);

        assertThat(schedule.nextAfter(Instant.parse("2026-12-06T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-06T05:00:00Z"));
        assertThat(schedule.nextAfter(Instant.parse("2026-07-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-07-01T04:00:00Z"));
    }

    @Test
    void aTimeSkippedBySpringForwardIsDueWhenTheGapEnds() {
        // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST.
        SweepSchedule schedule = SweepSchedule.of("0 30 2 * * *", BERLIN);

        assertThat(slotsFrom(schedule, "2026-03-28T00:00:00Z", 3)).containsExactly(
                berlin("2026-03-28T02:30+01:00"), berlin("2026-03-29T03:00+02:00"), berlin("2026-03-30T02:30+02:00"));
        assertThat(schedule.latestAtOrBefore(Instant.parse("2026-03-29T01:30:00Z")))
                .isEqualTo(berlin("2026-03-29T03:00+02:00"));
        assertThat(schedule.latestAtOrBefore(Instant.parse("2026-03-29T00:59:59Z")))
                .isEqualTo(berlin("2026-03-28T02:30+01:00"));
    }

    @Test
    void aTimeRepeatedByFallBackIsDueOnce() {
        // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET, 02:30 happens twice.
        SweepSchedule schedule = SweepSchedule.of("0 30 2 * * *", BERLIN);

        assertThat(slotsFrom(schedule, "2026-10-24T00:00:00Z", 3)).containsExactly(
                berlin("2026-10-24T02:30+02:00"), berlin("2026-10-25T02:30+02:00"), berlin("2026-10-26T02:30+01:00"));
        assertThat(schedule.latestAtOrBefore(berlin("2026-10-25T02:45+01:00")))
                .isEqualTo(berlin("2026-10-25T02:30+02:00"));
    }

    @Test
    void hourlySlotsRunThroughBothDaylightSavingChanges() {
        SweepSchedule schedule = SweepSchedule.of("0 0 * * * *", BERLIN);

        assertThat(slotsFrom(schedule, "2026-03-29T00:30:00Z", 2)).containsExactly(
                berlin("2026-03-29T03:00+02:00"), berlin("2026-03-29T04:00+02:00"));
        assertThat(slotsFrom(schedule, "2026-10-24T23:30:00Z", 3)).containsExactly(
                berlin("2026-10-25T02:00+02:00"), berlin("2026-10-25T03:00+01:00"), berlin("2026-10-25T04:00+01:00"));
    }

    @Test
    void daysOfWeekByNameAndNumberWithSundayAsZeroAndSeven() {
        // 2026-12-04 is a Friday.
        SweepSchedule weekdays = SweepSchedule.of("0 0 6 * * MON-FRI", "UTC");
        assertThat(slotsFrom(weekdays, "2026-12-04T07:00:00Z", 2))
                .containsExactly(Instant.parse("2026-12-07T06:00:00Z"), Instant.parse("2026-12-08T06:00:00Z"));
        assertThat(weekdays.latestAtOrBefore(Instant.parse("2026-12-06T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-04T06:00:00Z"));

        for (String sunday : List.of("0", "7", "SUN", "sun")) {
            assertThat(SweepSchedule.of("0 0 6 * * " + sunday, "UTC").nextAfter(Instant.parse("2026-12-04T00:00:00Z")))
                    .as(sunday).isEqualTo(Instant.parse("2026-12-06T06:00:00Z"));
        }
    }

    @Test
    void bothRestrictedDayFieldsMustMatch() {
        // Friday the 13th: November 2026, then August 2027.
        SweepSchedule schedule = SweepSchedule.of("0 0 0 13 * FRI", "UTC");

        assertThat(slotsFrom(schedule, "2026-01-01T00:00:00Z", 2))
                .containsExactly(Instant.parse("2026-02-13T00:00:00Z"), Instant.parse("2026-03-13T00:00:00Z"));
        assertThat(schedule.nextAfter(Instant.parse("2026-03-13T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-13T00:00:00Z"));
    }

    @Test
    void stepsListsAndRanges() {
        SweepSchedule quarterHours = SweepSchedule.of("0 */15 9-10 * * ?", "UTC");
        assertThat(slotsFrom(quarterHours, "2026-12-06T08:00:00Z", 9)).containsExactly(
                at("09:00"), at("09:15"), at("09:30"), at("09:45"), at("10:00"), at("10:15"), at("10:30"), at("10:45"),
                Instant.parse("2026-12-07T09:00:00Z"));

        SweepSchedule offsets = SweepSchedule.of("30 5/20 1,3 * * *", "UTC");
        assertThat(slotsFrom(offsets, "2026-12-06T00:00:00Z", 4)).containsExactly(
                at("01:05:30"), at("01:25:30"), at("01:45:30"), at("03:05:30"));
        assertThat(offsets.latestAtOrBefore(Instant.parse("2026-12-06T03:05:29Z"))).isEqualTo(at("01:45:30"));

        SweepSchedule rangeStep = SweepSchedule.of("0 0 0 1 JAN-DEC/3 *", "UTC");
        assertThat(slotsFrom(rangeStep, "2026-01-01T00:00:00Z", 3)).containsExactly(
                Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"),
                Instant.parse("2026-10-01T00:00:00Z"));
    }

    @Test
    void aLeapDayIsFoundYearsAway() {
        SweepSchedule schedule = SweepSchedule.of("0 0 0 29 2 *", "UTC");

        assertThat(schedule.nextAfter(Instant.parse("2026-12-06T00:00:00Z")))
                .isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
        assertThat(schedule.latestAtOrBefore(Instant.parse("2026-12-06T00:00:00Z")))
                .isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 0 6 * *         | has 5 fields",
        "0 0 25 * * *      | hour value 25 is not within 0-23",
        "0 60 * * * *      | minute value 60",
        "0 0 6 * * MON-XYZ | day-of-week value 'XYZ' is not a number or a name",
        "0 0 6 * * FRI-MON | runs backwards",
        "0 */0 * * * *     | step '0' must be at least 1",
        "0 0 0 30 2 *      | no month has the days of month it names",
        "0 0 6 * * ,       | malformed",
        "'   '             | empty"})
    void invalidExpressionsSayWhatIsWrong(String cron, String message) {
        assertThatThrownBy(() -> SweepSchedule.of(cron, "UTC"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void anUnknownZoneIsRefused() {
        assertThatThrownBy(() -> SweepSchedule.of("0 0 6 * * *", "Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time zone 'Mars/Olympus'");
    }

    private static List<Instant> slotsFrom(SweepSchedule schedule, String from, int count) {
        List<Instant> slots = new ArrayList<>();
        Instant t = Instant.parse(from);
        for (int i = 0; i < count; i++) {
            t = schedule.nextAfter(t);
            slots.add(t);
            assertThat(schedule.latestAtOrBefore(t)).as("latest at or before %s", t).isEqualTo(t);
        }
        return slots;
    }

    private static Instant berlin(String offsetDateTime) {
        return ZonedDateTime.parse(offsetDateTime + "[" + BERLIN + "]").toInstant();
    }

    private static Instant at(String utcTimeOfDay) {
        String time = utcTimeOfDay.length() == 5 ? utcTimeOfDay + ":00" : utcTimeOfDay;
        return Instant.parse("2026-12-06T" + time + "Z");
    }

}
