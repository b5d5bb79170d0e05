package dev.drift.service.sweep;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.BitSet;
import java.util.Optional;

/**
 * When scheduled sweeps are due: the slots of a {@link Cron} expression on the wall clock of a time
 * zone. Every wall-clock time the expression names is one slot, also on daylight-saving days: a
 * time that a spring-forward gap skips is due when the gap ends (02:30 becomes 03:00 when clocks
 * jump from 02:00 to 03:00), a time that a fall-back overlap repeats is due at its first occurrence
 * only. Slots are thus in the order of their wall-clock times, and a daily expression has exactly
 * one slot every day.
 */
public final class SweepSchedule {
    /** The Gregorian calendar repeats every 400 years, so any slot is found within them. */
    private static final int SEARCH_DAYS = 146_097 + 1;

    private final Cron cron;
    private final ZoneId zone;
    private final String expression;

    private SweepSchedule(Cron cron, ZoneId zone, String expression) {
        this.cron = cron;
        this.zone = zone;
        this.expression = expression;
    }

    /**
     * The schedule of a six-field cron expression in a zone (a region such as {@code Europe/Berlin},
     * or {@code UTC}); an {@link IllegalArgumentException} says what is wrong with either.
     */
    public static SweepSchedule of(String cron, String zone) {
        Cron parsed = Cron.parse(cron);
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone == null ? "" : zone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time zone '" + zone + "' is unknown: " + e.getMessage(), e);
        }
        return new SweepSchedule(parsed, zoneId, cron.trim());
    }

    /** The latest slot at or before {@code time}. */
    public Instant latestAtOrBefore(Instant time) {
        LocalDate day = LocalDate.ofInstant(time, zone);
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.minusDays(1)) {
            if (cron.matches(day)) {
                Optional<Instant> slot = latestOn(day, time);
                if (slot.isPresent()) {
                    return slot.get();
                }
            }
        }
        throw new IllegalStateException("no slot of " + this + " before " + time);
    }

    /** The first slot after {@code time}. */
    public Instant nextAfter(Instant time) {
        LocalDate day = LocalDate.ofInstant(time, zone);
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (cron.matches(day)) {
                Optional<Instant> slot = firstOn(day, time);
                if (slot.isPresent()) {
                    return slot.get();
                }
            }
        }
        throw new IllegalStateException("no slot of " + this + " after " + time);
    }

    @Override
    public String toString() {
        return "'" + expression + "' in " + zone;
    }

    private Optional<Instant> firstOn(LocalDate day, Instant after) {
        BitSet hours = cron.hours();
        BitSet minutes = cron.minutes();
        BitSet seconds = cron.seconds();
        int lastMinute = minutes.previousSetBit(59);
        int lastSecond = seconds.previousSetBit(59);
        for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
            if (!slot(day, h, lastMinute, lastSecond).isAfter(after)) {
                continue;
            }
            for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                if (!slot(day, h, m, lastSecond).isAfter(after)) {
                    continue;
                }
                for (int s = seconds.nextSetBit(0); s >= 0; s = seconds.nextSetBit(s + 1)) {
                    Instant slot = slot(day, h, m, s);
                    if (slot.isAfter(after)) {
                        return Optional.of(slot);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Instant> latestOn(LocalDate day, Instant time) {
        BitSet hours = cron.hours();
        BitSet minutes = cron.minutes();
        BitSet seconds = cron.seconds();
        int firstMinute = minutes.nextSetBit(0);
        int firstSecond = seconds.nextSetBit(0);
        for (int h = hours.previousSetBit(23); h >= 0; h = hours.previousSetBit(h - 1)) {
            if (slot(day, h, firstMinute, firstSecond).isAfter(time)) {
                continue;
            }
            for (int m = minutes.previousSetBit(59); m >= 0; m = minutes.previousSetBit(m - 1)) {
                if (slot(day, h, m, firstSecond).isAfter(time)) {
                    continue;
                }
                for (int s = seconds.previousSetBit(59); s >= 0; s = seconds.previousSetBit(s - 1)) {
                    Instant slot = slot(day, h, m, s);
                    if (!slot.isAfter(time)) {
                        return Optional.of(slot);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The instant a wall-clock time is due: at the end of a gap it falls in, else its first occurrence. */
    private Instant slot(LocalDate day, int hour, int minute, int second) {
        LocalDateTime local = LocalDateTime.of(day, LocalTime.of(hour, minute, second));
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return local.atZone(zone).toInstant();
    }
}
